using Cortex.Randomness;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.StdpDigits;

/// <summary>
/// The network of Diehl &amp; Cook (2015) on a closed-loop session. One input neuron per pixel fires Poisson spikes at a
/// rate proportional to the pixel's intensity (drawn by the task from a seeded stream and injected); every input
/// projects onto every excitatory neuron (<c>adaptive_lif</c>) through conductance synapses (τ = 1 ms, reversal 0 mV)
/// that learn with <c>stdp</c> (additive, D&amp;C's pre-/post-trace rule: a post spike adds a_plus·w_max·x_pre, a pre
/// spike removes a_minus·w_max·x_post, weights clipped to [0, w_max]). Each excitatory neuron excites one inhibitory
/// neuron (<c>lif</c>), which inhibits every other excitatory neuron (τ = 2 ms, reversal −100 mV), so the layer is a
/// soft winner-take-all. After every image the task rescales each neuron's input weights to sum to w_sum (D&amp;C's
/// normalisation, through <see cref="ClosedLoopSession.GetWeights"/> and <c>SetWeights</c>); the adaptive thresholds
/// keep single neurons from winning everything. <c>adaptive_lif</c> integrates its conductances implicitly (exactly for a
/// step), so a burst of inhibition from many neurons at once cannot make the membrane overshoot; the inhibitory neurons
/// see only their one excitatory partner and run on the faster <c>lif</c>. Conductances are in units of a 1 nS leak as in D&amp;C (excitatory
/// c_m = 100 pF with τ_m = 100 ms, inhibitory c_m = 10 pF with τ_m = 10 ms). A frozen copy (no plasticity, θ fixed)
/// labels the neurons and classifies.
/// </summary>
public sealed class DiehlCookNetwork : IDisposable
{
    /// <summary>The input population (one neuron per pixel, driven only by injected spikes).</summary>
    public const string Input = "input";

    /// <summary>The excitatory layer.</summary>
    public const string Excitatory = "exc";

    /// <summary>The inhibitory population.</summary>
    public const string Inhibitory = "inh";

    /// <summary>The plastic projection's name.</summary>
    public const string InputProjection = "input_exc";

    private readonly StdpDigitsSettings _settings;
    private readonly ClosedLoopSession _session;
    private readonly int _excitatory;
    private readonly int _presentationSteps;
    private readonly int _restSteps;
    private readonly int[] _synapseTarget;
    private readonly int[] _synapseSource;
    private readonly double[] _sums;
    private readonly int[] _counts;
    private SeededRandom _random;

    // The input spikes of one presentation, bucketed by step: _scheduled[_stepStart[t] .. _stepStart[t + 1]).
    private int[] _scheduled = new int[1024];
    private readonly int[] _stepStart;
    private readonly int[] _stepFill;
    private readonly List<(int Step, int Input)> _draws = [];

    /// <summary>Compiles and opens the network: plastic when <paramref name="plastic"/>, else frozen (no stdp, theta_plus = 0).</summary>
    /// <param name="context">Where to compile and open it.</param>
    /// <param name="settings">The task's settings.</param>
    /// <param name="inputs">Input neurons (pixels per image).</param>
    /// <param name="plastic">True for the learning network.</param>
    /// <param name="seed">Seeds the network (initial weights) and the input spikes.</param>
    public DiehlCookNetwork(TaskContext context, StdpDigitsSettings settings, int inputs, bool plastic, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Inputs = inputs;
        Plastic = plastic;
        var network = context.Compile(BuildSpec(settings, inputs, plastic, TaskSeeds.Derive(seed, 0, 1)), plastic ? "stdp_digits network" : "stdp_digits frozen network");
        _session = context.Open(network);
        _excitatory = _session.Population(Excitatory);
        _random = TaskSeeds.Random(seed, 2);
        _presentationSteps = Math.Max(1, (int)Math.Round(settings.PresentationMs / settings.Dt));
        _restSteps = (int)Math.Round(settings.RestMs / settings.Dt);
        _stepStart = new int[_presentationSteps + 1];
        _stepFill = new int[_presentationSteps];
        // The whole projection (on MPI ranks too), in the order GetWeights and SetWeights use.
        var table = _session.WholeTable(InputProjection);
        _synapseTarget = table.Targets;
        _synapseSource = new int[table.Count];
        for (var s = 0; s < table.Sources; s++)
            for (var k = table.RowStart[s]; k < table.RowStart[s + 1]; k++) _synapseSource[k] = s;
        _sums = new double[settings.Neurons];
        _counts = new int[settings.Neurons];
    }

    /// <summary>Input neurons.</summary>
    public int Inputs { get; }

    /// <summary>True for the learning network.</summary>
    public bool Plastic { get; }

    /// <summary>The session (for inspection).</summary>
    public ClosedLoopSession Session => _session;

    /// <summary>The network's spec.</summary>
    public static NetworkSpec BuildSpec(StdpDigitsSettings s, int inputs, bool plastic, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(s);
        var delay = Q.Ms(s.Dt);
        var n = s.Neurons;
        var excitatorySynapse = new SynapseSpec
        {
            Model = "exp_conductance", Port = "exc",
            Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(1), ["e_rev"] = Q.MV(0) },
        };
        var inhibitorySynapse = new SynapseSpec
        {
            Model = "exp_conductance", Port = "inh",
            Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(2), ["e_rev"] = Q.MV(-100) },
        };
        var stdp = plastic
            ? new PlasticitySpec
            {
                Rule = "stdp",
                Params = new Dictionary<string, Quantity>
                {
                    ["tau_plus"] = Q.Ms(s.TauPre), ["tau_minus"] = Q.Ms(s.TauPost), ["a_plus"] = Q.Number(s.APlus), ["a_minus"] = Q.Number(s.AMinus),
                    ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(s.WMax), ["multiplicative"] = Q.Number(s.Multiplicative ? 1 : 0),
                },
            }
            : null;
        var allButSelf = new List<ExplicitConnection>(n * (n - 1));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) allButSelf.Add(new ExplicitConnection(i, j));
        // Initial input weights: uniform on [0, 2·w_sum/inputs), i.e. about w_sum per neuron; the task normalises them exactly.
        var initial = new UniformValue(new Quantity(0, Dimension.Conductance), new Quantity(2 * s.WSum / inputs, Dimension.Conductance));
        return new NetworkBuilder(plastic ? "diehl-cook" : "diehl-cook-frozen").Dt(Q.Ms(s.Dt)).Duration(Q.Ms(s.PresentationMs + s.RestMs)).Seed(seed)
            // Driven only by injected spikes, so the model and its parameters do not matter.
            .Population(Input, inputs, "lif")
            .Population(Excitatory, n, "adaptive_lif", p => p
                .Param("tau_m", Q.Ms(100)).Param("cm", Q.PF(100)).Param("v_rest", Q.MV(-65)).Param("v_reset", Q.MV(-65))
                .Param("v_thresh", Q.MV(-52)).Param("tau_refrac", Q.Ms(5))
                .Param("theta_plus", Q.MV(plastic ? s.ThetaPlus : 0)).Param("tau_theta", Q.Ms(plastic ? s.TauTheta : 1e30)))
            .Population(Inhibitory, n, "lif", p => p
                .Param("tau_m", Q.Ms(10)).Param("cm", Q.PF(10)).Param("v_rest", Q.MV(-60)).Param("v_reset", Q.MV(-45))
                .Param("v_thresh", Q.MV(-40)).Param("tau_refrac", Q.Ms(2)))
            .Connect(Input, Excitatory, new AllToAllConnector(), initial, delay, excitatorySynapse, stdp, InputProjection)
            .Connect(Excitatory, Inhibitory, new OneToOneConnector(), new Quantity(s.WExcInh, Dimension.Conductance), delay, excitatorySynapse, projectionName: "exc_inh")
            .Connect(Inhibitory, Excitatory, new ExplicitConnector(allButSelf), new Quantity(s.WInhExc, Dimension.Conductance), delay, inhibitorySynapse, projectionName: "inh_exc")
            .Build();
    }

    /// <summary>
    /// Shows <paramref name="image"/> (intensities in [0, 1], one per input) for the presentation time at
    /// <c>max_rate · rateScale · intensity</c>, then rests; returns the spikes of each excitatory neuron during the
    /// presentation (a buffer reused by the next call).
    /// </summary>
    public ReadOnlySpan<int> Present(ReadOnlySpan<float> image, double rateScale)
    {
        if (image.Length != Inputs) throw new ArgumentException($"expected {Inputs} intensities, got {image.Length}", nameof(image));
        Schedule(image, _settings.MaxRateHz * rateScale);
        Array.Clear(_counts);
        for (var t = 0; t < _presentationSteps; t++)
        {
            var from = _stepStart[t];
            var to = _stepStart[t + 1];
            if (to > from) _session.InjectSpikes(Input, _scheduled.AsSpan(from, to - from));
            _session.Step();
            foreach (var neuron in _session.Spikes(_excitatory)) _counts[neuron]++;
        }
        if (_restSteps > 0) _session.Step(_restSteps);
        return _counts;
    }

    /// <summary>Rescales each excitatory neuron's input weights so they sum to w_sum (a neuron with none keeps them).</summary>
    public void Normalize()
    {
        var weights = _session.GetWeights(InputProjection);
        Array.Clear(_sums);
        for (var k = 0; k < weights.Length; k++) _sums[_synapseTarget[k]] += weights[k];
        for (var k = 0; k < weights.Length; k++)
        {
            var sum = _sums[_synapseTarget[k]];
            if (sum > 0) weights[k] = (float)(weights[k] * (_settings.WSum / sum));
        }
        _session.SetWeights(InputProjection, weights);
    }

    /// <summary>The input weights as a [input, neuron] matrix (µS), row-major.</summary>
    public float[] WeightMatrix()
    {
        var weights = _session.GetWeights(InputProjection);
        var matrix = new float[Inputs * _settings.Neurons];
        for (var k = 0; k < weights.Length; k++) matrix[_synapseSource[k] * _settings.Neurons + _synapseTarget[k]] = weights[k];
        return matrix;
    }

    /// <summary>Sets the input weights from a [input, neuron] matrix (µS), row-major.</summary>
    public void SetWeightMatrix(ReadOnlySpan<float> matrix)
    {
        var weights = new float[_synapseTarget.Length];
        for (var k = 0; k < weights.Length; k++) weights[k] = matrix[_synapseSource[k] * _settings.Neurons + _synapseTarget[k]];
        _session.SetWeights(InputProjection, weights);
    }

    /// <summary>The excitatory neurons' threshold increases θ (mV).</summary>
    public float[] Thresholds() => _session.GetState(Excitatory, "theta");

    /// <summary>Sets the excitatory neurons' threshold increases θ (mV).</summary>
    public void SetThresholds(ReadOnlySpan<float> theta) => _session.SetState(Excitatory, "theta", theta);

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    // Draws every input's Poisson train for one presentation: a spike in a step with probability rate·dt, drawn as
    // geometric gaps between spikes (as many draws as spikes, not one per input and step), then bucketed by step.
    private void Schedule(ReadOnlySpan<float> image, double fullRate)
    {
        _draws.Clear();
        for (var i = 0; i < image.Length; i++)
        {
            var p = fullRate * image[i] * _settings.Dt / 1000;
            if (!(p > 0)) continue;
            if (p >= 1)
            {
                for (var t = 0; t < _presentationSteps; t++) _draws.Add((t, i));
                continue;
            }
            var logMiss = Math.Log(1 - p);
            var step = -1;
            while (true)
            {
                step += 1 + (int)Math.Min(int.MaxValue / 2, Math.Floor(Math.Log(1 - _random.NextDouble()) / logMiss));
                if (step >= _presentationSteps) break;
                _draws.Add((step, i));
            }
        }
        Array.Clear(_stepStart);
        foreach (var (step, _) in _draws) _stepStart[step + 1]++;
        for (var t = 0; t < _presentationSteps; t++) _stepStart[t + 1] += _stepStart[t];
        if (_scheduled.Length < _draws.Count) _scheduled = new int[Math.Max(_draws.Count, 2 * _scheduled.Length)];
        Array.Clear(_stepFill);
        foreach (var (step, input) in _draws) _scheduled[_stepStart[step] + _stepFill[step]++] = input;
    }
}
