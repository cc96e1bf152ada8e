using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.StdpDigits;

/// <summary>
/// Unsupervised digit recognition with STDP, the network of Diehl &amp; Cook (2015) built from the engine's components
/// (<see cref="DiehlCookNetwork"/>): Poisson inputs, a layer of <c>adaptive_lif</c> neurons with plastic (<c>stdp</c>)
/// input synapses whose incoming weights are normalised after every sample, and lateral inhibition through an
/// inhibitory population. The network never sees a label while it learns; afterwards each neuron is labelled with the
/// class it responds to most on the training set, and a test image is classified by the class whose neurons respond
/// most. One episode trains a fresh network and scores it; the score is the test accuracy.
/// </summary>
public sealed class StdpDigitsTask : TaskModel
{
    /// <summary>The <c>dataset</c> value of sklearn's 8×8 digits.</summary>
    public const int Digits = 0;

    /// <summary>The <c>dataset</c> value of Fashion-MNIST.</summary>
    public const int Fashion = 1;

    /// <inheritdoc />
    public override string Name => "stdp_digits";

    /// <inheritdoc />
    /// <remarks>The network reads its input projection through ClosedLoopSession.WholeTable and normalises whole projections, so it runs on MPI ranks.</remarks>
    public override string? WhyNotDistributed => null;

    /// <inheritdoc />
    public override string Description => "unsupervised STDP (Diehl & Cook 2015): learn 8x8 digits or Fashion-MNIST without labels, then classify by the neurons' learnt preferences";

    /// <inheritdoc />
    public override string ScoreDescription => "test accuracy (neurons labelled by their strongest class on the training set)";

    /// <inheritdoc />
    public override string CurveDescription => "accuracy on each training block";

    /// <inheritdoc />
    public override string StepName => "block";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("dataset", Dimension.Dimensionless, Digits, ValueRule.NonNegative, "digits (0): sklearn's 8x8 digits (seeded stratified 80/20 split); fashion (1): Fashion-MNIST (60000/10000)")
        {
            Choices = ["digits", "fashion"],
        },
        new("neurons", Dimension.Dimensionless, 0, ValueRule.NonNegative, "excitatory (and inhibitory) neurons; 0: the dataset's default (digits 200, fashion 400)"),
        new("epochs", Dimension.Dimensionless, 0, ValueRule.NonNegative, "passes over the training set while learning; 0: the dataset's default (digits 2, fashion 1)"),
        new("train_limit", Dimension.Dimensionless, 0, ValueRule.NonNegative, "use only the first N training images (0: all)"),
        new("test_limit", Dimension.Dimensionless, 0, ValueRule.NonNegative, "use only the first N test images (0: all)"),
        new("test_fraction", Dimension.Dimensionless, 0.2, ValueRule.Probability, "digits: fraction of each class held out for testing"),
        new("split_seed", Dimension.Dimensionless, 0, ValueRule.NonNegative, "digits: seed of the stratified split (0 is Cortex.Learning's split)"),
        new("dt", Dimension.Time, 0.5, ValueRule.Positive, "simulation time step"),
        new("presentation", Dimension.Time, 350, ValueRule.Positive, "how long each image is shown"),
        new("rest", Dimension.Time, 150, ValueRule.NonNegative, "pause without input after each image, for the network to relax"),
        new("max_rate", Dimension.Frequency, 63.75, ValueRule.Positive, "Poisson rate of a pixel of full intensity (rates are proportional to intensity)"),
        new("min_spikes", Dimension.Dimensionless, 5, ValueRule.NonNegative, "an image that makes the layer fire fewer spikes is shown again with max_rate raised by half of it"),
        new("max_repeats", Dimension.Dimensionless, 8, ValueRule.NonNegative, "at most this many raised repetitions per image"),
        new("w_sum", Dimension.Conductance, 0, ValueRule.NonNegative, "sum of each neuron's input weights after normalisation; 0: the dataset's default (digits 25 nS, fashion 78 nS)"),
        new("w_max", Dimension.Conductance, 0, ValueRule.NonNegative, "upper bound of an input weight; 0: the dataset's default (digits 2 nS, fashion 1 nS)"),
        new("a_plus", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "stdp potentiation per post spike, as a fraction of w_max times the pre trace"),
        new("a_minus", Dimension.Dimensionless, 0.0001, ValueRule.NonNegative, "stdp depression per pre spike, as a fraction of w_max times the post trace"),
        new("tau_pre", Dimension.Time, 20, ValueRule.Positive, "presynaptic trace time constant"),
        new("tau_post", Dimension.Time, 20, ValueRule.Positive, "postsynaptic trace time constant"),
        new("multiplicative", Dimension.Dimensionless, 1, ValueRule.Probability, "stdp weight dependence: 1 soft bounds (D&C's (w_max - w) factor on potentiation, w on depression), 0 additive"),
        new("theta_plus", Dimension.Voltage, 0, ValueRule.NonNegative, "threshold increase per spike (homeostasis); 0: the dataset's default (digits 0.125 mV, fashion 0.05 mV)"),
        new("tau_theta", Dimension.Time, 1e7, ValueRule.Positive, "decay time constant of the threshold increase"),
        new("w_exc_inh", Dimension.Conductance, 0.0104, ValueRule.NonNegative, "excitatory-to-inhibitory weight (one to one)"),
        new("w_inh_exc", Dimension.Conductance, 0.017, ValueRule.NonNegative, "inhibitory-to-excitatory weight (to every other neuron)"),
        new("block", Dimension.Dimensionless, 250, ValueRule.Positive, "images per block, the unit of progress and of the learning curve (accuracy on each training block)"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var problem in ParameterProblem.WholeNumbers(values, "dataset", "multiplicative", "neurons", "epochs", "train_limit", "test_limit", "split_seed", "min_spikes", "max_repeats", "block")) yield return problem;
        if (values["dataset"] is not (Digits or Fashion))
            yield return new("dataset", $"must be {Digits} (8x8 digits) or {Fashion} (Fashion-MNIST), got {values["dataset"]}");
        if (values["test_fraction"] is <= 0 or >= 1)
            yield return new("test_fraction", $"must be between 0 and 1 (exclusive), got {values["test_fraction"]}");
        if (values["presentation"] < values["dt"])
            yield return new("presentation", $"must be at least one time step ({values["dt"]} ms), got {values["presentation"]} ms");
        if (values["neurons"] == 1)
            yield return new("neurons", "must be at least 2 (the neurons compete)");
    }

    /// <inheritdoc />
    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new StdpDigitsRun(context, StdpDigitsSettings.From(context.Parameters));
    }
}

/// <summary>The task's parameters, typed, with the dataset's defaults filled in (times in ms, conductances in µS, rates in Hz).</summary>
public sealed record StdpDigitsSettings
{
    public required int Dataset { get; init; }
    public required int Neurons { get; init; }
    public required int Epochs { get; init; }
    public required int TrainLimit { get; init; }
    public required int TestLimit { get; init; }
    public required double TestFraction { get; init; }
    public required ulong SplitSeed { get; init; }
    public required double Dt { get; init; }
    public required double PresentationMs { get; init; }
    public required double RestMs { get; init; }
    public required double MaxRateHz { get; init; }
    public required int MinSpikes { get; init; }
    public required int MaxRepeats { get; init; }
    public required double WSum { get; init; }
    public required double WMax { get; init; }
    public required double APlus { get; init; }
    public required double AMinus { get; init; }
    public required double TauPre { get; init; }
    public required double TauPost { get; init; }
    public required bool Multiplicative { get; init; }
    public required double ThetaPlus { get; init; }
    public required double TauTheta { get; init; }
    public required double WExcInh { get; init; }
    public required double WInhExc { get; init; }
    public required int Block { get; init; }

    /// <summary>The settings from resolved task parameters; a 0 that means "the dataset's default" is replaced by it.</summary>
    public static StdpDigitsSettings From(ParameterValues p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var fashion = (int)p["dataset"] == StdpDigitsTask.Fashion;
        double Or(string name, double digits, double fashionDefault) => p[name] > 0 ? p[name] : fashion ? fashionDefault : digits;
        return new()
        {
            Dataset = (int)p["dataset"],
            Neurons = (int)Or("neurons", 200, 400),
            Epochs = (int)Or("epochs", 2, 1),
            TrainLimit = (int)p["train_limit"],
            TestLimit = (int)p["test_limit"],
            TestFraction = p["test_fraction"],
            SplitSeed = (ulong)p["split_seed"],
            Dt = p["dt"],
            PresentationMs = p["presentation"],
            RestMs = p["rest"],
            MaxRateHz = p["max_rate"],
            MinSpikes = (int)p["min_spikes"],
            MaxRepeats = (int)p["max_repeats"],
            WSum = Or("w_sum", 0.025, 0.078),
            WMax = Or("w_max", 0.002, 0.001),
            APlus = p["a_plus"],
            AMinus = p["a_minus"],
            TauPre = p["tau_pre"],
            TauPost = p["tau_post"],
            Multiplicative = p["multiplicative"] != 0,
            ThetaPlus = Or("theta_plus", 0.125, 0.05),
            TauTheta = p["tau_theta"],
            WExcInh = p["w_exc_inh"],
            WInhExc = p["w_inh_exc"],
            Block = (int)p["block"],
        };
    }
}
