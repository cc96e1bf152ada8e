using ILGPU;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// The device buffers of one plastic projection as its kernels see them: rule state at its three levels, the weights, the
/// synapse table (by source, with runs of equal delay), the transposed index (by target) and the spike history.
/// </summary>
public struct PlasticViews<TSynapse, TPre, TPost>
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
{
    /// <summary>Rule state per synapse, in synapse-table order.</summary>
    public ArrayView<TSynapse> Synapses;

    /// <summary>Stored weights, in synapse-table order.</summary>
    public ArrayView<float> Weights;

    /// <summary>Rule state per source neuron.</summary>
    public ArrayView<TPre> Pre;

    /// <summary>Rule state per target neuron.</summary>
    public ArrayView<TPost> Post;

    /// <summary>Lazy rules: the step each synapse was last brought up to date (one unused element otherwise).</summary>
    public ArrayView<long> LastUpdate;

    /// <summary>Target neuron of each synapse.</summary>
    public ArrayView<int> Targets;

    /// <summary>Source neuron of each synapse.</summary>
    public ArrayView<int> Sources;

    /// <summary>Runs of equal delay in each source's row: the runs of source s are RowRuns[s] .. RowRuns[s + 1] − 1.</summary>
    public ArrayView<int> RowRuns;

    /// <summary>First synapse of each run (a run ends where the next begins, or at its row's end).</summary>
    public ArrayView<int> RunStart;

    /// <summary>Delay (steps) of each run.</summary>
    public ArrayView<int> RunDelay;

    /// <summary>Row starts of the synapse table by source (Sources + 1 entries).</summary>
    public ArrayView<int> RowStart;

    /// <summary>The synapses onto each target t are Incoming[IncomingStart[t] .. IncomingStart[t + 1] − 1], in table order.</summary>
    public ArrayView<int> IncomingStart;

    /// <summary>Synapse indices grouped by target (see <see cref="IncomingStart"/>).</summary>
    public ArrayView<int> Incoming;

    /// <summary>Spike history: 1 at [(step mod ring length) · sources + source] when the source spiked at that step.</summary>
    public ArrayView<byte> History;
}
