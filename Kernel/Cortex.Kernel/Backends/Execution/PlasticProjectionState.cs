using Cortex.Compilation;
using Cortex.Models;

namespace Cortex.Backends.Execution;

/// <summary>
/// Weights and rule state of one plastic projection, shared by all CPU backends so plasticity means the same
/// everywhere. Specialised for the rule's struct types, so every hook is a direct (inlinable) call.
/// A pre spike is queued at emission and processed when it arrives (after its delay): the rule returns the
/// efficacy, which is added to the target receptor's slot. A post spike visits every incoming synapse
/// (through a transposed index), then the post neuron's own state. See <see cref="ISynapticRule{TSynapse, TPre, TPost, TParams}"/> for the order.
/// <para>Cost: rows are sorted by delay, so a pre spike queues one range of synapses per distinct delay in its row (not one
/// entry per synapse), and an arrival walks that range in table order with the source known. Levels whose state is
/// <see cref="NoState"/> and hooks whose body is empty are skipped (an empty <c>OnPostSpike</c> of a rule that is not lazy
/// skips the walk over the incoming synapses). Hooks run in the same order on the same synapses as a per-synapse queue
/// would run them, so results are bit-identical to it, and snapshots keep the per-synapse queue format.</para>
/// <para>A rule that reads the postsynaptic membrane potential (<see cref="IVoltageReadingRule{TPost, TParams}"/>) gets the
/// target neurons' voltages at the end of each step from the backend's <see cref="PostVoltageReader"/>.</para>
/// </summary>
public sealed class PlasticProjectionState<TSynapse, TPre, TPost, TParams, TRule> : IPlasticProjection
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
    where TParams : unmanaged
    where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
{
    // How many incoming synapses ahead a post spike's visit prefetches (enough to cover a miss to memory).
    private const int PrefetchDistance = 8;

    private readonly SynapseTable _table;
    private readonly int[] _targets;
    private readonly int[] _sources;
    private readonly TParams _parameters;
    private readonly PlasticitySchedule _schedule;
    private readonly bool _lazy;
    private readonly float _dt;
    private readonly int _targetPopulation;
    private readonly float[] _weights;
    private readonly TSynapse[] _synapses;
    private readonly TPre[] _pre;
    private readonly TPost[] _post;
    private readonly long[] _lastUpdate;
    private readonly int[] _incomingStart;
    private readonly int[] _incoming;
    private readonly int[] _incomingSources;
    // Runs of equal delay within each source's row: runs of source s are _rowRuns[s] .. _rowRuns[s + 1] − 1.
    private readonly int[] _rowRuns;
    private readonly int[] _runStart;
    private readonly int[] _runDelay;
    // The delay ring: per slot, the ranges of synapses whose spikes arrive at that step, in queueing order.
    private readonly Arrival[][] _queue;
    private readonly int[] _queued;
    private readonly int[] _modulatorMap;
    private readonly float[] _modulators;
    private readonly bool _visitIncoming;
    private readonly bool _preNeuronHook;
    private readonly bool _postNeuronHook;
    private readonly bool _advancePre;
    private readonly bool _advancePost;
    // Voltage-reading rules: the backend's reader, a buffer for the target neurons' voltages and the specialised pass.
    private readonly PostVoltageReader? _readPostVoltages;
    private readonly float[] _postVoltages = [];
    private readonly PostVoltageAdvance<TPost, TParams>? _voltageAdvance;
    private float[]? _lazyView;
    private int[] _arrived = new int[64];

    /// <summary>
    /// Prepares <paramref name="rule"/> and the transposed index of <paramref name="projection"/>; a rule that reads the
    /// postsynaptic voltage needs <paramref name="readPostVoltages"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule reads the postsynaptic voltage and the backend gave no reader.</exception>
    public PlasticProjectionState(PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule, CompiledProjection projection, CompiledNetwork network,
        PostVoltageReader? readPostVoltages = null)
    {
        _table = projection.Table;
        _targets = _table.Targets;
        _parameters = rule.Prepare(projection.Plasticity!.Parameters, network.Dt);
        _schedule = rule.Schedule;
        _lazy = _schedule == PlasticitySchedule.Lazy;
        _dt = (float)network.Dt;
        _targetPopulation = projection.Target;
        _weights = (float[])_table.Weights.Clone();
        _synapses = new TSynapse[_table.Count];
        Array.Fill(_synapses, rule.InitialSynapse(in _parameters));
        _pre = new TPre[projection.Table.Sources]; // one per source row: the whole source population, also on one rank of several
        Array.Fill(_pre, rule.InitialPre(in _parameters));
        var targets = network.Populations[projection.Target].Size;
        _post = new TPost[targets];
        Array.Fill(_post, rule.InitialPost(in _parameters));
        _lastUpdate = _lazy ? new long[_table.Count] : [];
        // Source of each synapse, for the rule's context.
        _sources = new int[_table.Count];
        for (var s = 0; s < _table.Sources; s++)
            for (var k = _table.RowStart[s]; k < _table.RowStart[s + 1]; k++) _sources[k] = s;
        // Transposed index: the synapses onto each target, in table order, with their sources beside them.
        _incomingStart = new int[targets + 1];
        foreach (var t in _targets) _incomingStart[t + 1]++;
        for (var t = 0; t < targets; t++) _incomingStart[t + 1] += _incomingStart[t];
        _incoming = new int[_table.Count];
        _incomingSources = new int[_table.Count];
        var fill = (int[])_incomingStart.Clone();
        for (var s = 0; s < _table.Count; s++)
        {
            var at = fill[_targets[s]]++;
            _incoming[at] = s;
            _incomingSources[at] = _sources[s];
        }
        (_rowRuns, _runStart, _runDelay) = _table.DelayRuns();
        var ringLength = network.MaxDelaySteps + 1;
        _queue = [.. Enumerable.Range(0, ringLength).Select(_ => new Arrival[16])];
        _queued = new int[ringLength];
        _modulatorMap = [.. rule.Neuromodulators.Select(name => network.Neuromodulators.First(m => m.Name == name).Index)];
        _modulators = new float[_modulatorMap.Length];
        // Work that cannot change anything is skipped. A lazy rule's post spike still brings its synapses up to date when
        // their update reads post state (which the spike may change); without post state, catching up later is the same.
        _visitIncoming = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.VisitIncoming(_schedule);
        _preNeuronHook = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.OnPreNeuronSpike;
        _postNeuronHook = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.OnPostNeuronSpike;
        _advancePre = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.AdvancesPre;
        _advancePost = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.AdvancesPost;
        _voltageAdvance = PostVoltageAdvance<TPost, TParams>.For<TRule>();
        if (_voltageAdvance is not null)
        {
            _readPostVoltages = readPostVoltages ?? throw new InvalidOperationException(
                $"plasticity rule '{rule.Name}' of projection '{projection.Name}' reads the postsynaptic membrane potential, and this backend does not provide it");
            _postVoltages = new float[targets];
        }
    }

    /// <summary>A range of synapses [<see cref="Start"/>, <see cref="End"/>) of one source row whose spike arrives in the same step.</summary>
    private readonly record struct Arrival(int Start, int End, int Source);

    /// <inheritdoc />
    public ReadOnlySpan<float> Weights(long step)
    {
        if (!_lazy) return _weights;
        // Bring copies up to date, so reading weights never changes the run's own rounding.
        _lazyView ??= new float[_weights.Length];
        var rule = default(TRule);
        for (var s = 0; s < _weights.Length; s++)
        {
            var weight = _weights[s];
            var synapse = _synapses[s];
            var post = _post[_targets[s]];
            var elapsed = (int)(step - _lastUpdate[s]);
            if (elapsed > 0) rule.Update(ref synapse, ref weight, ref post, in _parameters, Context(step, s), elapsed);
            _lazyView[s] = weight;
        }
        return _lazyView;
    }

    /// <inheritdoc />
    public void SetWeights(ReadOnlySpan<float> weights) => weights.CopyTo(_weights);

    /// <inheritdoc />
    public void BeginStep(NeuromodulatorLevels levels) => levels.Gather(_targetPopulation, _modulatorMap, _modulators);

    /// <inheritdoc />
    public ReadOnlySpan<int> Arrive(long step, Span<float> slot)
    {
        var ring = (int)(step % _queue.Length);
        var count = _queued[ring];
        if (count == 0) return [];
        var total = 0;
        foreach (var arrival in _queue[ring].AsSpan(0, count)) total += arrival.End - arrival.Start;
        if (_arrived.Length < total) _arrived = new int[Math.Max(total, 2 * _arrived.Length)];
        var arrived = _arrived;
        var n = 0;
        var rule = default(TRule);
        var targets = _targets;
        var synapses = _synapses;
        var weights = _weights;
        var post = _post;
        var lazy = _lazy;
        foreach (var arrival in _queue[ring].AsSpan(0, count))
        {
            var source = arrival.Source;
            ref var pre = ref _pre[source];
            for (var s = arrival.Start; s < arrival.End; s++)
            {
                var target = targets[s];
                arrived[n++] = target;
                if (lazy) CatchUp(s, step);
                slot[target] += rule.OnPreArrival(ref synapses[s], ref weights[s], ref pre, ref post[target], in _parameters,
                    new RuleContext(step, _dt, s, source, target, _modulators));
            }
        }
        _queued[ring] = 0;
        return arrived.AsSpan(0, n);
    }

    /// <inheritdoc />
    public void OnPreSpike(int source, long step)
    {
        if (_preNeuronHook) default(TRule).OnPreNeuronSpike(ref _pre[source], in _parameters, new RuleContext(step, _dt, -1, source, -1, _modulators));
        var rowEnd = _table.RowStart[source + 1];
        var lastRun = _rowRuns[source + 1] - 1;
        for (var r = _rowRuns[source]; r <= lastRun; r++)
            Enqueue((int)((step + _runDelay[r]) % _queue.Length), new Arrival(_runStart[r], r < lastRun ? _runStart[r + 1] : rowEnd, source));
    }

    /// <inheritdoc />
    public void OnPostSpike(int target, long step)
    {
        var rule = default(TRule);
        ref var post = ref _post[target];
        if (_visitIncoming)
        {
            var synapses = _synapses;
            var weights = _weights;
            var pre = _pre;
            var incomingSources = _incomingSources;
            var incoming = _incoming;
            var lazy = _lazy;
            var end = _incomingStart[target + 1];
            for (var i = _incomingStart[target]; i < end; i++)
            {
                // The synapses onto one neuron lie scattered over the table: start loading a later one's state now.
                if (i + PrefetchDistance < end)
                {
                    var ahead = incoming[i + PrefetchDistance];
                    CachePrefetch.Element(synapses, ahead);
                    CachePrefetch.Element(weights, ahead);
                }
                var s = incoming[i];
                var source = incomingSources[i];
                if (lazy) CatchUp(s, step);
                rule.OnPostSpike(ref synapses[s], ref weights[s], ref pre[source], ref post, in _parameters, new RuleContext(step, _dt, s, source, target, _modulators));
            }
        }
        if (_postNeuronHook) rule.OnPostNeuronSpike(ref post, in _parameters, new RuleContext(step, _dt, -1, -1, target, _modulators));
    }

    /// <inheritdoc />
    public void EndStep(long step)
    {
        var rule = default(TRule);
        var parameters = _parameters;   // a local: the JIT need not reload it after every store
        if (_advancePre)
            foreach (ref var pre in _pre.AsSpan()) rule.AdvancePre(ref pre, in parameters);
        if (_voltageAdvance is not null)
        {
            _readPostVoltages!(_postVoltages);
            _voltageAdvance.Run(_post, in parameters, _postVoltages);
        }
        else if (_advancePost)
        {
            // Unrolled by four: the loop is load, hook, store per neuron, and the loop overhead would otherwise dominate.
            var neurons = _post.AsSpan();
            var n = 0;
            for (; n <= neurons.Length - 4; n += 4)
            {
                rule.AdvancePost(ref neurons[n], in parameters);
                rule.AdvancePost(ref neurons[n + 1], in parameters);
                rule.AdvancePost(ref neurons[n + 2], in parameters);
                rule.AdvancePost(ref neurons[n + 3], in parameters);
            }
            for (; n < neurons.Length; n++) rule.AdvancePost(ref neurons[n], in parameters);
        }
        if (_schedule != PlasticitySchedule.EveryStep) return;
        var targets = _targets;
        var synapses = _synapses;
        var weights = _weights;
        var posts = _post;
        var rowStart = _table.RowStart;
        for (var source = 0; source < _table.Sources; source++)
        {
            for (var s = rowStart[source]; s < rowStart[source + 1]; s++)
            {
                var target = targets[s];
                rule.Update(ref synapses[s], ref weights[s], ref posts[target], in _parameters, new RuleContext(step, _dt, s, source, target, _modulators), 1);
            }
        }
    }

    /// <inheritdoc />
    public void Save(BinaryWriter writer)
    {
        writer.WriteArray<float>(_weights);
        writer.WriteArray<TSynapse>(_synapses);
        writer.WriteArray<TPre>(_pre);
        writer.WriteArray<TPost>(_post);
        writer.WriteArray<long>(_lastUpdate);
        // Each slot as the list of synapse indices it will deliver, in order (the snapshot format of a per-synapse queue).
        writer.Write(_queue.Length);
        for (var ring = 0; ring < _queue.Length; ring++)
        {
            var arrivals = _queue[ring].AsSpan(0, _queued[ring]);
            var indices = new List<int>();
            foreach (var arrival in arrivals)
                for (var s = arrival.Start; s < arrival.End; s++) indices.Add(s);
            writer.WriteArray<int>(indices.ToArray());
        }
    }

    /// <inheritdoc />
    public void Load(BinaryReader reader)
    {
        reader.ReadArray<float>(_weights);
        reader.ReadArray<TSynapse>(_synapses);
        reader.ReadArray<TPre>(_pre);
        reader.ReadArray<TPost>(_post);
        reader.ReadArray<long>(_lastUpdate);
        if (reader.ReadInt32() != _queue.Length) throw new InvalidDataException("snapshot does not fit this session: delay ring lengths differ");
        for (var ring = 0; ring < _queue.Length; ring++)
        {
            _queued[ring] = 0;
            var indices = reader.ReadArray<int>();
            // Consecutive synapses of one source are one range again.
            for (var i = 0; i < indices.Length;)
            {
                var start = indices[i];
                if ((uint)start >= (uint)_sources.Length) throw new InvalidDataException($"snapshot does not fit this session: synapse {start} in a delay queue");
                var end = start + 1;
                i++;
                while (i < indices.Length && indices[i] == end && end < _sources.Length && _sources[end] == _sources[start])
                {
                    end++;
                    i++;
                }
                Enqueue(ring, new Arrival(start, end, _sources[start]));
            }
        }
    }

    private void Enqueue(int ring, Arrival arrival)
    {
        var count = _queued[ring];
        if (count == _queue[ring].Length) Array.Resize(ref _queue[ring], 2 * count);
        _queue[ring][count] = arrival;
        _queued[ring] = count + 1;
    }

    // Lazy rules: advance the synapse over the steps since it was last touched.
    private void CatchUp(int synapse, long step)
    {
        var elapsed = (int)(step - _lastUpdate[synapse]);
        if (elapsed <= 0) return;
        default(TRule).Update(ref _synapses[synapse], ref _weights[synapse], ref _post[_targets[synapse]], in _parameters, Context(step, synapse), elapsed);
        _lastUpdate[synapse] = step;
    }

    private RuleContext Context(long step, int synapse) => new(step, _dt, synapse, _sources[synapse], _targets[synapse], _modulators);
}

/// <summary>Builds the specialised state of a plastic projection by visiting its rule.</summary>
public static class PlasticProjections
{
    /// <summary>The run-time state of <paramref name="projection"/>, which must have a plasticity rule that does not read the postsynaptic voltage.</summary>
    public static IPlasticProjection Create(CompiledProjection projection, CompiledNetwork network) => Create(projection, network, null);

    /// <summary>
    /// The run-time state of <paramref name="projection"/>, which must have a plasticity rule; <paramref name="readPostVoltages"/>
    /// gives the target neurons' membrane potentials to a rule that reads them (<see cref="PlasticityRule.ReadsPostVoltage"/>).
    /// </summary>
    public static IPlasticProjection Create(CompiledProjection projection, CompiledNetwork network, PostVoltageReader? readPostVoltages) =>
        projection.Plasticity!.Rule.Accept(new Factory(projection, network, readPostVoltages));

    private sealed class Factory(CompiledProjection projection, CompiledNetwork network, PostVoltageReader? readPostVoltages) : IPlasticityRuleVisitor<IPlasticProjection>
    {
        public IPlasticProjection Visit<TSynapse, TPre, TPost, TParams, TRule>(PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule)
            where TSynapse : unmanaged
            where TPre : unmanaged
            where TPost : unmanaged
            where TParams : unmanaged
            where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
            => new PlasticProjectionState<TSynapse, TPre, TPost, TParams, TRule>(rule, projection, network, readPostVoltages);
    }
}
