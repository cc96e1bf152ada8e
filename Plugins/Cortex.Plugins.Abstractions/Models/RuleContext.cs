namespace Cortex.Models;

/// <summary>Where and when a synaptic rule's hook runs: step, dt, the synapse and its neurons, and neuromodulator levels.</summary>
public readonly ref struct RuleContext
{
    /// <summary>
    /// How many neuromodulator levels <see cref="Neuromodulator"/> gives: the context keeps a copy of the first ones as plain
    /// fields, which GPU kernels can fill and read (ILGPU cannot build or index a span on the device).
    /// </summary>
    public const int InlineCapacity = 4;

    private readonly float _level0, _level1, _level2, _level3;

    /// <summary>Creates a context.</summary>
    public RuleContext(long step, float dt, int synapse, int pre, int post, ReadOnlySpan<float> neuromodulators)
    {
        Step = step;
        Dt = dt;
        Synapse = synapse;
        Pre = pre;
        Post = post;
        Neuromodulators = neuromodulators;
        NeuromodulatorCount = neuromodulators.Length;
        if (neuromodulators.Length == 0) return;
        _level0 = neuromodulators[0];
        if (neuromodulators.Length > 1) _level1 = neuromodulators[1];
        if (neuromodulators.Length > 2) _level2 = neuromodulators[2];
        if (neuromodulators.Length > 3) _level3 = neuromodulators[3];
    }

    /// <summary>
    /// Creates a context whose neuromodulator levels are given as values (at most <see cref="InlineCapacity"/>), with an
    /// empty <see cref="Neuromodulators"/> span: how GPU kernels build it.
    /// </summary>
    public RuleContext(long step, float dt, int synapse, int pre, int post, int neuromodulatorCount, float level0, float level1, float level2, float level3)
    {
        Step = step;
        Dt = dt;
        Synapse = synapse;
        Pre = pre;
        Post = post;
        Neuromodulators = default;
        NeuromodulatorCount = neuromodulatorCount;
        _level0 = level0;
        _level1 = level1;
        _level2 = level2;
        _level3 = level3;
    }

    /// <summary>The step being computed.</summary>
    public long Step { get; }

    /// <summary>Time step (ms).</summary>
    public float Dt { get; }

    /// <summary>Index of the synapse in the projection's synapse table (−1 in neuron hooks).</summary>
    public int Synapse { get; }

    /// <summary>Presynaptic neuron (−1 in post-neuron hooks).</summary>
    public int Pre { get; }

    /// <summary>Postsynaptic neuron (−1 in pre-neuron hooks).</summary>
    public int Post { get; }

    /// <summary>
    /// Levels, at the target population, of the neuromodulators the rule declared in <see cref="PlasticityRule.Neuromodulators"/>, in that order.
    /// Empty on the GPU backend: read them with <see cref="Neuromodulator"/>, which works on every backend.
    /// </summary>
    public ReadOnlySpan<float> Neuromodulators { get; }

    /// <summary>How many neuromodulators the rule declared (the levels <see cref="Neuromodulator"/> knows, up to <see cref="InlineCapacity"/>).</summary>
    public int NeuromodulatorCount { get; }

    /// <summary>
    /// The level of the rule's neuromodulator <paramref name="index"/> (in its declared order): the portable way to read
    /// levels, on every backend. NaN for an index at or past <see cref="InlineCapacity"/>: a rule declaring more reads
    /// those from <see cref="Neuromodulators"/> (and the GPU backend refuses it).
    /// </summary>
    public float Neuromodulator(int index) => index switch
    {
        0 => _level0,
        1 => _level1,
        2 => _level2,
        3 => _level3,
        _ => float.NaN,
    };
}
