namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>What a plastic projection's kernels need to know about the step beside the buffers.</summary>
public struct PlasticStep
{
    /// <summary>The step being computed.</summary>
    public long Step;

    /// <summary>Time step (ms), for the rule's context.</summary>
    public float Dt;

    /// <summary>Length of the spike history ring (the network's largest delay + 1, as the CPU backend's delay queue).</summary>
    public int RingLength;

    /// <summary>Source neurons (rows of the synapse table).</summary>
    public int Sources;

    /// <summary>1 when the rule is lazy: synapses catch up with <c>Update</c> before each event.</summary>
    public int Lazy;

    /// <summary>1 when a post spike visits the synapses onto the neuron (the same test as the CPU backend's).</summary>
    public int VisitIncoming;

    /// <summary>How many neuromodulator levels the rule reads (at most <see cref="Cortex.Models.RuleContext.InlineCapacity"/>).</summary>
    public int LevelCount;

    /// <summary>The levels at the target population this step, in the rule's declared order (unused ones 0).</summary>
    public float Level0, Level1, Level2, Level3;
}
