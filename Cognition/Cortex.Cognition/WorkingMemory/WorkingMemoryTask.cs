using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.WorkingMemory;

/// <summary>
/// Spatial working memory (oculomotor delayed response) held by a bump of persistent activity in the ring network of
/// Compte, Brunel, Goldman-Rakic &amp; Wang (2000, Cereb. Cortex 10:910): a cue at a random angle, a delay, and the angle
/// read out from the bump by the population vector (<see cref="WorkingMemoryRun"/>). Conductances are per synapse of
/// the paper's 2,048 + 512 network and scaled to the ring's size (<see cref="WorkingMemorySettings"/>). The defaults
/// are a small ring (512 + 128), so that a run fits in CI; its background is split (<c>ext_split</c>) so that the
/// bump diffuses about as slowly as on the paper's 2,048-neuron ring.
/// </summary>
public sealed class WorkingMemoryTask : TaskModel
{
    /// <inheritdoc />
    public override string Name => "working_memory";

    /// <inheritdoc />
    /// <remarks>The ring's tuned weights are written over the whole projection (ClosedLoopSession.WholeTable), so it runs on MPI ranks.</remarks>
    public override string? WhyNotDistributed => null;

    /// <inheritdoc />
    public override string Description => "spatial working memory: a bump attractor on an NMDA ring (Compte et al. 2000) holds a cued angle through a delay";

    /// <inheritdoc />
    public override string ScoreDescription => "fraction of trials decoded within tolerance (10 deg) of the cue after the longest delay";

    /// <inheritdoc />
    public override string CurveDescription => "|error| after the longest delay (deg)";

    /// <inheritdoc />
    public override string StepName => "trial";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("trials", Dimension.Dimensionless, 6, ValueRule.Positive, "trials per episode (a whole number), each with a cue at a random angle"),
        new("n_exc", Dimension.Dimensionless, 512, ValueRule.Positive, "excitatory neurons on the ring (whole, >= 16; the paper has 2048)"),
        new("n_inh", Dimension.Dimensionless, 128, ValueRule.Positive, "inhibitory neurons (whole, >= 4; the paper has 512)"),
        new("dt", Dimension.Time, 0.1, ValueRule.Positive, "simulation time step"),
        new("cue", Dimension.Time, 250, ValueRule.Positive, "cue duration"),
        new("cue_current", Dimension.Current, 0.375, ValueRule.Positive, "peak cue current into the excitatory neuron at the cue angle"),
        new("cue_width", Dimension.Dimensionless, 6, ValueRule.Positive, "s.d. of the cue's Gaussian profile over preferred angles (deg)"),
        new("delay", Dimension.Time, 3000, ValueRule.Positive, "longest delay after cue offset (the score is taken there)"),
        new("checkpoints", Dimension.Dimensionless, 4, ValueRule.Positive, "delays decoded, evenly spaced up to delay (whole; 4 gives 750, 1500, 2250, 3000 ms)"),
        new("window", Dimension.Time, 250, ValueRule.Positive, "decoding window ending at each checkpoint (spike counts of the E neurons)"),
        new("settle", Dimension.Time, 1000, ValueRule.NonNegative, "time for the ring to reach its spontaneous state before the first trial"),
        new("iti", Dimension.Time, 200, ValueRule.NonNegative, "inter-trial interval after the memory is erased"),
        new("j_plus", Dimension.Dimensionless, 1.62, ValueRule.NonNegative, "E->E footprint peak J+ (Compte et al. 2000)"),
        new("sigma", Dimension.Dimensionless, 14.4, ValueRule.Positive, "E->E footprint width (deg; 14.4 as in Murray et al.'s reimplementation, which notes a typo in the paper's printed value)"),
        new("g_ee_nmda", Dimension.Conductance, 0.381e-3, ValueRule.NonNegative, "E->E NMDA conductance per synapse of the 2048-neuron ring"),
        new("g_ee_ampa", Dimension.Conductance, 0, ValueRule.NonNegative, "E->E AMPA conductance per synapse of the 2048-neuron ring (tuned like NMDA; 0 in the paper)"),
        new("g_ie_nmda", Dimension.Conductance, 0.292e-3, ValueRule.NonNegative, "E->I NMDA conductance per synapse of the 2048-neuron ring"),
        new("g_ei_gaba", Dimension.Conductance, 1.336e-3, ValueRule.NonNegative, "I->E GABA_A conductance per synapse of the 512-neuron I population"),
        new("g_ii_gaba", Dimension.Conductance, 1.024e-3, ValueRule.NonNegative, "I->I GABA_A conductance per synapse of the 512-neuron I population"),
        new("g_ext_e", Dimension.Conductance, 3.1e-3, ValueRule.NonNegative, "background AMPA conductance per input spike onto E"),
        new("g_ext_i", Dimension.Conductance, 2.38e-3, ValueRule.NonNegative, "background AMPA conductance per input spike onto I"),
        new("nu_ext", Dimension.Frequency, 1800, ValueRule.NonNegative, "background Poisson rate into each neuron"),
        new("ext_split", Dimension.Dimensionless, 0, ValueRule.NonNegative, "background split k: k inputs of 1/k the conductance at k times the rate (same mean, 1/k the variance); 0: sqrt(2048/n_exc), which gives a small ring about the bump diffusion of the paper's 2048-neuron ring"),
        new("nmda_scale", Dimension.Dimensionless, 1, ValueRule.NonNegative, "factor on both recurrent NMDA conductances (0 removes NMDA recurrence)"),
        new("tau_nmda", Dimension.Time, 100, ValueRule.Positive, "NMDA gating decay time constant"),
        new("distractor_current", Dimension.Current, 0, ValueRule.NonNegative, "peak distractor current (0: no distractor)"),
        new("distractor_offset", Dimension.Dimensionless, 90, ValueRule.Any, "distractor angle relative to the cue (deg)"),
        new("distractor_onset", Dimension.Time, 1000, ValueRule.NonNegative, "distractor onset after cue offset"),
        new("distractor", Dimension.Time, 250, ValueRule.Positive, "distractor duration"),
        new("tolerance", Dimension.Dimensionless, 10, ValueRule.Positive, "largest |error| (deg) that counts as remembered"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var problem in ParameterProblem.WholeNumbers(values, "trials", "n_exc", "n_inh", "checkpoints")) yield return problem;
        if (values["n_exc"] < 16) yield return new("n_exc", $"must be >= 16, got {values["n_exc"]}");
        if (values["n_inh"] < 4) yield return new("n_inh", $"must be >= 4, got {values["n_inh"]}");
        var dt = values["dt"];
        if (dt > 1) yield return new("dt", $"must be at most 1 ms (AMPA decays in 2 ms), got {dt} ms");
        if (values["cue"] < dt) yield return new("cue", $"must be at least one time step ({dt} ms), got {values["cue"]} ms");
        if (values["window"] < dt) yield return new("window", $"must be at least one time step ({dt} ms), got {values["window"]} ms");
        var spacing = values["delay"] / values["checkpoints"];
        if (values["delay"] <= values["window"])
            yield return new("delay", $"must exceed the decoding window ({values["window"]} ms), got {values["delay"]} ms");
        else if (values["window"] > spacing)
            yield return new("window", $"must not exceed the spacing of the checkpoints (delay/checkpoints = {spacing} ms), got {values["window"]} ms");
        if (values["distractor_current"] > 0 && values["distractor_onset"] + values["distractor"] > values["delay"])
            yield return new("distractor_onset", $"the distractor must end within the delay ({values["delay"]} ms), got onset {values["distractor_onset"]} ms + {values["distractor"]} ms");
        if (values["ext_split"] is > 0 and < 1) yield return new("ext_split", $"must be 0 (automatic) or >= 1, got {values["ext_split"]}");
        if (values["tolerance"] > 180) yield return new("tolerance", $"must be at most 180 deg, got {values["tolerance"]}");
        var jMinus = RingFootprint.JMinusFor(values["j_plus"], values["sigma"]);
        if (jMinus < 0)
            yield return new("j_plus", $"too large for sigma {values["sigma"]} deg: the weight away from the peak (J-) would be negative ({jMinus:G3})");
    }

    /// <inheritdoc />
    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new WorkingMemoryRun(context, WorkingMemorySettings.From(context.Parameters));
    }
}
