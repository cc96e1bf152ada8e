using Cortex.Compilation;
using Cortex.Models;

namespace Cortex.Backends.Execution;

/// <summary>
/// Weights and traces of one plastic projection, shared by all CPU backends so plasticity means the
/// same everywhere. The presynaptic trace is kept per synapse and decayed lazily from its last
/// arrival, so axonal delays are respected; the postsynaptic trace is kept per target neuron.
/// A pre spike is processed when it arrives: depression first (reading the post trace, which does
/// not yet include post spikes of the same step), then delivery of the updated weight. A post spike
/// potentiates every incoming synapse by its pre trace (which includes arrivals of the same step).
/// </summary>
public sealed class PlasticProjectionState
{
    private readonly CompiledProjection _projection;
    private readonly PairPlasticity _rule;
    private readonly float[] _weights;
    private readonly float[] _preTrace;
    private readonly long[] _lastArrival;
    private readonly float[] _postTrace;
    private readonly int[] _incomingStart;
    private readonly int[] _incoming;
    private readonly List<int>[] _pending;

    /// <summary>Prepares the rule and the transposed index of <paramref name="projection"/>.</summary>
    public PlasticProjectionState(CompiledProjection projection, CompiledNetwork network)
    {
        _projection = projection;
        _rule = projection.Plasticity!.Rule.Prepare(projection.Plasticity.Parameters, network.Dt);
        var table = projection.Table;
        _weights = (float[])table.Weights.Clone();
        _preTrace = new float[table.Count];
        _lastArrival = new long[table.Count];
        var targets = network.Populations[projection.Target].Size;
        _postTrace = new float[targets];
        // Transposed index: the synapses onto each target, for potentiation on a post spike.
        _incomingStart = new int[targets + 1];
        foreach (var t in table.Targets) _incomingStart[t + 1]++;
        for (var t = 0; t < targets; t++) _incomingStart[t + 1] += _incomingStart[t];
        _incoming = new int[table.Count];
        var fill = (int[])_incomingStart.Clone();
        for (var s = 0; s < table.Count; s++) _incoming[fill[table.Targets[s]]++] = s;
        _pending = [.. Enumerable.Range(0, network.MaxDelaySteps + 1).Select(_ => new List<int>())];
    }

    /// <summary>The current weights, in synapse-table order.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>Queues the outgoing synapses of a source neuron that spiked at <paramref name="step"/>.</summary>
    public void OnPreSpike(int source, long step)
    {
        var table = _projection.Table;
        for (var s = table.RowStart[source]; s < table.RowStart[source + 1]; s++)
            _pending[(int)((step + table.DelaySteps[s]) % _pending.Length)].Add(s);
    }

    /// <summary>Processes the pre spikes arriving at <paramref name="step"/>, adding their weights to <paramref name="slot"/>.</summary>
    public void Arrive(long step, Span<float> slot)
    {
        var arrivals = _pending[(int)(step % _pending.Length)];
        var targets = _projection.Table.Targets;
        foreach (var s in arrivals)
        {
            _preTrace[s] = PreTraceAt(s, step) + 1;
            _lastArrival[s] = step;
            var neuron = targets[s];
            _weights[s] = _rule.OnPreSpike(_weights[s], _postTrace[neuron]);
            slot[neuron] += _weights[s];
        }
        arrivals.Clear();
    }

    /// <summary>Potentiates the synapses onto <paramref name="neuron"/>, which spiked at <paramref name="step"/>; the rule sees the post trace before this spike's jump.</summary>
    public void OnPostSpike(int neuron, long step)
    {
        for (var i = _incomingStart[neuron]; i < _incomingStart[neuron + 1]; i++)
        {
            var s = _incoming[i];
            _weights[s] = _rule.OnPostSpike(_weights[s], PreTraceAt(s, step), _postTrace[neuron]);
        }
        _postTrace[neuron] += 1;
    }

    /// <summary>Decays the post traces by one step (after the step's spikes were counted).</summary>
    public void DecayPostTraces()
    {
        var decay = _rule.PostTraceDecay;
        for (var n = 0; n < _postTrace.Length; n++) _postTrace[n] *= decay;
    }

    private float PreTraceAt(int synapse, long step) =>
        _preTrace[synapse] == 0 ? 0 : _preTrace[synapse] * MathF.Pow(_rule.PreTraceDecay, step - _lastArrival[synapse]);
}
