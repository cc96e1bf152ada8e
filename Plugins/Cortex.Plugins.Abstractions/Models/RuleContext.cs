namespace Cortex.Models;

/// <summary>Where and when a synaptic rule's hook runs: step, dt, the synapse and its neurons, and neuromodulator levels.</summary>
public readonly ref struct RuleContext
{
    /// <summary>Creates a context.</summary>
    public RuleContext(long step, float dt, int synapse, int pre, int post, ReadOnlySpan<float> neuromodulators)
    {
        Step = step;
        Dt = dt;
        Synapse = synapse;
        Pre = pre;
        Post = post;
        Neuromodulators = neuromodulators;
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

    /// <summary>Levels, at the target population, of the neuromodulators the rule declared in <see cref="PlasticityRule.Neuromodulators"/>, in that order.</summary>
    public ReadOnlySpan<float> Neuromodulators { get; }
}
