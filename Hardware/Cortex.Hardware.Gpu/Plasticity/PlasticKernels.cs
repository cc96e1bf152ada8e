using Cortex.Hardware.Gpu.Kernels;
using Cortex.Models;
using ILGPU;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// The kernels of a plastic projection, generic over the rule's state and dynamics structs, so ILGPU specialises one set per
/// rule (built-in or plugin) from the rule's own code. Each mirrors one loop of the CPU backend's
/// <c>PlasticProjectionState</c> and calls the rule's hooks in the same order on the same synapses; what runs in parallel is
/// what the CPU runs for different synapses (arrivals: one thread per source; post spikes: one thread per spiking target;
/// end of step: one thread per neuron or synapse).
/// <para>RuleContext.Neuromodulators (a span) is always empty here, as ILGPU cannot build or index a span on the device: the
/// levels come as values (<see cref="RuleContext.Neuromodulator"/>), up to <see cref="RuleContext.InlineCapacity"/> of them.</para>
/// <para>The rule's parameters come as the bytes of one struct: parameter structs may hold bools, which ILGPU takes neither
/// as kernel arguments nor as elements of a view argument, but reads fine from memory.</para>
/// </summary>
public static class PlasticKernels
{
    /// <summary>
    /// Arrivals at <see cref="PlasticStep.Step"/>, one thread per source neuron: for each run of equal delay d in its row,
    /// if the source spiked d steps ago, every synapse of the run catches up (lazy rules), takes <c>OnPreArrival</c>, and
    /// adds the efficacy it returns to its target in <paramref name="slot"/> (fixed point, so the sum is order-free).
    /// </summary>
    public static void Arrive<TSynapse, TPre, TPost, TParams, TRule>(Index1D source, PlasticViews<TSynapse, TPre, TPost> v, ArrayView<byte> parameters,
        ArrayView<long> slot, PlasticStep at)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
    {
        var rule = default(TRule);
        var lastRun = v.RowRuns[source + 1] - 1;
        for (var r = v.RowRuns[source]; r <= lastRun; r++)
        {
            var emitted = at.Step - v.RunDelay[r];
            if (emitted < 0 || v.History[(emitted % at.RingLength) * at.Sources + source] == 0) continue;
            var end = r < lastRun ? v.RunStart[r + 1] : v.RowStart[source + 1];
            for (var s = v.RunStart[r]; s < end; s++)
            {
                var target = v.Targets[s];
                if (at.Lazy != 0) CatchUp<TSynapse, TPre, TPost, TParams, TRule>(v, parameters, at, s, source, target);
                var efficacy = rule.OnPreArrival(ref v.Synapses[s], ref v.Weights[s], ref v.Pre[source], ref v.Post[target], in parameters.Cast<TParams>()[0],
                    Context(at, s, source, target));
                Atomic.Add(ref slot[target], GpuFixedPoint.ToFixed(efficacy));
            }
        }
    }

    /// <summary>
    /// Post spikes, one thread per spike of the step: the rule sees each synapse onto the neuron in table order (lazy ones
    /// caught up first), then the neuron itself, as on the CPU.
    /// </summary>
    public static void PostSpikes<TSynapse, TPre, TPost, TParams, TRule>(Index1D k, PlasticViews<TSynapse, TPre, TPost> v, ArrayView<byte> parameters,
        ArrayView<int> spikes, ArrayView<int> count, PlasticStep at)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
    {
        if (k >= count[0]) return;
        var rule = default(TRule);
        var target = spikes[k];
        if (at.VisitIncoming != 0)
        {
            var end = v.IncomingStart[target + 1];
            for (var i = v.IncomingStart[target]; i < end; i++)
            {
                var s = v.Incoming[i];
                var source = v.Sources[s];
                if (at.Lazy != 0) CatchUp<TSynapse, TPre, TPost, TParams, TRule>(v, parameters, at, s, source, target);
                rule.OnPostSpike(ref v.Synapses[s], ref v.Weights[s], ref v.Pre[source], ref v.Post[target], in parameters.Cast<TParams>()[0],
                    Context(at, s, source, target));
            }
        }
        rule.OnPostNeuronSpike(ref v.Post[target], in parameters.Cast<TParams>()[0], Context(at, -1, -1, target));
    }

    /// <summary>Pre spikes, one thread per spike of the step: the pre-neuron hook, and the spike enters the history for its delays.</summary>
    public static void PreSpikes<TSynapse, TPre, TPost, TParams, TRule>(Index1D k, PlasticViews<TSynapse, TPre, TPost> v, ArrayView<byte> parameters,
        ArrayView<int> spikes, ArrayView<int> count, PlasticStep at)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
    {
        if (k >= count[0]) return;
        var source = spikes[k];
        default(TRule).OnPreNeuronSpike(ref v.Pre[source], in parameters.Cast<TParams>()[0], Context(at, -1, source, -1));
        v.History[(at.Step % at.RingLength) * at.Sources + source] = 1;
    }

    /// <summary>End of step: one presynaptic neuron's state advances.</summary>
    public static void AdvancePre<TSynapse, TPre, TPost, TParams, TRule>(Index1D n, ArrayView<TPre> pre, ArrayView<byte> parameters)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams> =>
        default(TRule).AdvancePre(ref pre[n], in parameters.Cast<TParams>()[0]);

    /// <summary>End of step: one postsynaptic neuron's state advances.</summary>
    public static void AdvancePost<TSynapse, TPre, TPost, TParams, TRule>(Index1D n, ArrayView<TPost> post, ArrayView<byte> parameters)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams> =>
        default(TRule).AdvancePost(ref post[n], in parameters.Cast<TParams>()[0]);

    /// <summary>End of step, voltage-reading rules: one postsynaptic neuron's state advances with its membrane potential.</summary>
    public static void AdvancePostWithVoltage<TPost, TParams, TRule>(Index1D n, ArrayView<TPost> post, ArrayView<byte> parameters, ArrayView<float> voltages)
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, IVoltageReadingRule<TPost, TParams> =>
        default(TRule).AdvancePost(ref post[n], in parameters.Cast<TParams>()[0], voltages[n]);

    /// <summary>End of step, every-step rules: one synapse advances by one step.</summary>
    public static void Update<TSynapse, TPre, TPost, TParams, TRule>(Index1D s, PlasticViews<TSynapse, TPre, TPost> v, ArrayView<byte> parameters, PlasticStep at)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
    {
        var target = v.Targets[s];
        default(TRule).Update(ref v.Synapses[s], ref v.Weights[s], ref v.Post[target], in parameters.Cast<TParams>()[0],
            Context(at, s, v.Sources[s], target), 1);
    }

    /// <summary>
    /// Lazy rules' weight read: each synapse's weight brought up to date into <paramref name="into"/>, on copies of its state,
    /// so reading never changes the run (as on the CPU).
    /// </summary>
    public static void LazyWeights<TSynapse, TPre, TPost, TParams, TRule>(Index1D s, PlasticViews<TSynapse, TPre, TPost> v, ArrayView<byte> parameters,
        PlasticStep at, ArrayView<float> into)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
    {
        var weight = v.Weights[s];
        var synapse = v.Synapses[s];
        var target = v.Targets[s];
        var post = v.Post[target];
        var elapsed = (int)(at.Step - v.LastUpdate[s]);
        if (elapsed > 0)
            default(TRule).Update(ref synapse, ref weight, ref post, in parameters.Cast<TParams>()[0], Context(at, s, v.Sources[s], target), elapsed);
        into[s] = weight;
    }

    // Lazy rules: advance synapse s over the steps since it was last touched.
    private static void CatchUp<TSynapse, TPre, TPost, TParams, TRule>(PlasticViews<TSynapse, TPre, TPost> v, ArrayView<byte> parameters, PlasticStep at,
        int s, int source, int target)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
    {
        var elapsed = (int)(at.Step - v.LastUpdate[s]);
        if (elapsed <= 0) return;
        default(TRule).Update(ref v.Synapses[s], ref v.Weights[s], ref v.Post[target], in parameters.Cast<TParams>()[0],
            Context(at, s, source, target), elapsed);
        v.LastUpdate[s] = at.Step;
    }

    // The rule's context, with the step's neuromodulator levels as values.
    private static RuleContext Context(PlasticStep at, int synapse, int pre, int post) =>
        new(at.Step, at.Dt, synapse, pre, post, at.LevelCount, at.Level0, at.Level1, at.Level2, at.Level3);
}
