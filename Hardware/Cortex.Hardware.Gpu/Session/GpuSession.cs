using Cortex.Backends;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Hardware.Gpu.Kernels;
using Cortex.Hardware.Gpu.Plasticity;
using Cortex.Hardware.Gpu.Support;
using Cortex.Recording;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>
/// One run on the gpu backend, in the reference backend's step order (see <c>ReferenceSession</c>): probes sample, plastic
/// arrivals and host-side arrivals (injected input, Poisson and spike-time stimuli drawn on the host by the shared
/// <see cref="StimulusDriver"/>, so the draws equal the CPU backends') reach the delay ring, receptors take their sums, every
/// neuron advances, injected spikes are merged, plasticity sees post then pre spikes, static projections deliver.
/// Arrival sums are fixed point (<see cref="GpuFixedPoint"/>), so runs are deterministic. Spikes and probe samples stay on the
/// device for a chunk of steps and are then handed to the <see cref="Recorder"/> step by step.
/// </summary>
internal sealed class GpuSession : ISimulationSession, IArrivalSlots, ISynapseMemoryReport, IDeviceMemoryReport
{
    private readonly CompiledNetwork _network;
    private readonly Accelerator _accelerator;
    private readonly SpikeCounters _counters;
    private readonly GpuPopulation[] _populations;
    private readonly int _ringLength;
    private readonly int _portSpace;
    private readonly int[][] _portBase;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _ring;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _staging;
    private readonly float[] _pending;
    private readonly bool[][] _pendingDirty;
    private readonly GpuSynapses?[] _static;
    private readonly IGpuPlasticProjection?[] _plastic;
    private readonly float[]?[] _writtenWeights;
    private readonly StimulusDriver _stimuli;
    private readonly bool _hasDc;
    private readonly HashSet<long> _dcEdges;
    private readonly bool[] _externalSet;
    private readonly long[] _spikeCounts;
    private readonly int[][] _lastSpikes;
    private readonly ProbeBuffers _probes;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<long>> _addArrivals;
    private readonly Action<Index1D, ArrayView<int>, SpikeSink> _force;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, int, int> _markEnd;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _forced;

    public GpuSession(CompiledNetwork network, Accelerator accelerator, BackendDevice device)
    {
        DeviceName = $"{device.Id} {device.Name}";
        _network = network;
        _accelerator = accelerator;
        var chunk = DeviceMemoryEstimate.ChunkSteps(network);
        _counters = new SpikeCounters(accelerator, network.Populations.Count, chunk);
        _populations = [.. network.Populations.Select(p => p.Model.Accept(new GpuPopulation.Factory(accelerator, p, network, _counters, chunk * p.Size)))];
        _ringLength = network.MaxDelaySteps + 1;
        _portBase = new int[network.Populations.Count][];
        var ports = 0;
        foreach (var population in network.Populations)
        {
            _portBase[population.Index] = new int[population.Receptors.Count];
            for (var r = 0; r < population.Receptors.Count; r++)
            {
                _portBase[population.Index][r] = ports;
                ports += population.Size;
            }
        }
        _portSpace = ports;
        _ring = accelerator.Allocate1D<long>(Math.Max(1L, (long)_ringLength * _portSpace));
        _ring.MemSetToZero();
        _staging = accelerator.Allocate1D<float>(Math.Max(1, _portSpace));
        _pending = new float[_portSpace];
        _pendingDirty = [.. network.Populations.Select(p => new bool[p.Receptors.Count])];
        _static = [.. network.Projections.Select(p => p.Plasticity is null ? new GpuSynapses(accelerator, p.Table) : null)];
        _plastic = [.. network.Projections.Select(p => p.Plasticity is null ? null
            : GpuPlasticProjections.Create(accelerator, p, network, into => _populations[p.Target].ReadVoltages(into)))];
        _writtenWeights = new float[]?[network.Projections.Count];
        _stimuli = new StimulusDriver(network);
        _hasDc = _stimuli.HasDc;
        _dcEdges = [.. network.Stimuli.OfType<CompiledDc>().SelectMany(d => new[] { d.StartStep, d.StopStep })];
        _externalSet = new bool[network.Populations.Count];
        _spikeCounts = new long[network.Populations.Count];
        _lastSpikes = [.. network.Populations.Select(_ => Array.Empty<int>())];
        _probes = new ProbeBuffers(accelerator, network.StateProbes, chunk);
        _addArrivals = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<long>>(DeliveryKernels.AddArrivals);
        _force = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, SpikeSink>(DeliveryKernels.Force);
        _markEnd = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, int, int>(DeliveryKernels.MarkStepEnd);
        _forced = accelerator.Allocate1D<int>(Math.Max(1, network.Populations.Count == 0 ? 1 : network.Populations.Max(p => p.Size)));
        ResetChunk();
        DeviceCopy.Upload<long>(_counters.FirstNonFinite.View, Enumerable.Repeat(long.MaxValue, network.Populations.Count).ToArray());
        Injected = new InjectedInput([.. network.Populations.Select(p => p.Size)]);
        Neuromodulators = new NeuromodulatorLevels(network);
    }

    public long CurrentStep { get; private set; }

    public IReadOnlyList<long> SpikeCounts => _spikeCounts;

    public InjectedInput Injected { get; }

    public NeuromodulatorLevels Neuromodulators { get; }

    /// <summary>The accelerator the session runs on (tests and benchmarks report it).</summary>
    public Accelerator Accelerator => _accelerator;

    /// <summary>Device bytes of static synapse tables and the delay ring.</summary>
    public long SynapseBytes => _static.Sum(s => s?.Bytes ?? 0) + _ring.LengthInBytes;

    /// <inheritdoc />
    public string DeviceName { get; }

    /// <summary>Device bytes the session holds (populations, ring, tables, counters, probes); plastic projections' own buffers are not counted.</summary>
    public long DeviceBytes => SynapseBytes + _staging.LengthInBytes + _populations.Sum(p => p.Bytes) + _counters.Bytes + _probes.Bytes + _forced.LengthInBytes;

    public ReadOnlySpan<int> LastSpikes(int population) => _lastSpikes[population];

    public ReadOnlySpan<float> GetWeights(int projection) =>
        _plastic[projection] is { } plastic ? plastic.GetWeights(CurrentStep) : _static[projection]!.Weights();

    public void SetWeights(int projection, ReadOnlySpan<float> weights)
    {
        if (_plastic[projection] is { } plastic)
        {
            plastic.SetWeights(weights);
            return;
        }
        _static[projection]!.SetWeights(weights);
        _writtenWeights[projection] = weights.ToArray();
    }

    /// <summary>The host-side arrivals of step <paramref name="step"/> (always the step being computed or the next one), added to the ring before the receptors read it.</summary>
    public Span<float> Slot(int population, int receptor, long step)
    {
        _pendingDirty[population][receptor] = true;
        return _pending.AsSpan(_portBase[population][receptor], _network.Populations[population].Size);
    }

    public void InjectInput(int population, int receptor, int neuron, float weight) => Slot(population, receptor, CurrentStep)[neuron] += weight;

    public void ReadState(int population, int receptor, int variable, Span<float> into)
    {
        if (receptor < 0) _populations[population].Read(variable, into);
        else _populations[population].Receptors[receptor].Read(variable, into);
    }

    public void WriteState(int population, int receptor, int variable, ReadOnlySpan<float> values)
    {
        if (receptor < 0) _populations[population].Write(variable, values);
        else _populations[population].Receptors[receptor].Write(variable, values);
    }

    public void Advance(int steps, Recorder recorder)
    {
        var done = 0;
        while (done < steps)
        {
            var count = Math.Min(_counters.ChunkSteps, steps - done);
            var first = CurrentStep;
            for (var k = 0; k < count; k++) StepOnce(first + k, k, refreshExternal: done == 0 && k == 0);
            Flush(first, count, recorder);
            CurrentStep = first + count;
            done += count;
        }
    }

    private ArrayView<long> RingSlot(int population, int receptor, long step) =>
        _ring.View.SubView((step % _ringLength) * _portSpace + _portBase[population][receptor], _network.Populations[population].Size);

    private void StepOnce(long step, int stepInChunk, bool refreshExternal)
    {
        _probes.Sample(step, _populations);
        for (var p = 0; p < _plastic.Length; p++)
        {
            if (_plastic[p] is not { } plastic) continue;
            var projection = _network.Projections[p];
            plastic.BeginStep(Neuromodulators);
            plastic.Arrive(step, RingSlot(projection.Target, projection.Receptor, step));
        }
        if (_network.Stimuli.Count > 0) _stimuli.Apply(step, this);
        AddPendingArrivals(step);
        if (refreshExternal || _dcEdges.Contains(step)) UploadExternal();

        _counters.StepCounts.MemSetToZero();
        foreach (var population in _populations)
            population.Update(step, r => RingSlot(population.Index, r, step));
        foreach (var population in _populations)
        {
            if (!Injected.HasForcedSpikes(population.Index)) continue;
            var forced = new int[population.Size];
            var count = Injected.MergeForcedSpikes(population.Index, forced, 0);
            DeviceCopy.Upload<int>(_forced.View, forced.AsSpan(0, count));
            _force(count, _forced.View.SubView(0, count), population.Sink);
        }
        if (_populations.Length > 0) _markEnd(_populations.Length, _counters.RecordCounts.View, _counters.StepEnds.View, stepInChunk, _counters.ChunkSteps);

        for (var p = 0; p < _network.Projections.Count; p++)
        {
            if (_plastic[p] is not { } plastic) continue;
            var projection = _network.Projections[p];
            var (target, source) = (_populations[projection.Target], _populations[projection.Source]);
            plastic.OnPostSpikes(step, target.StepSpikes, target.Sink.StepCount);
            plastic.OnPreSpikes(step, source.StepSpikes, source.Sink.StepCount);
        }
        for (var p = 0; p < _network.Projections.Count; p++)
        {
            if (_static[p] is not { } synapses) continue;
            var projection = _network.Projections[p];
            var source = _populations[projection.Source];
            synapses.Deliver(source.StepSpikes, source.Sink.StepCount, source.Size, _ring.View, step, _ringLength, _portSpace,
                _portBase[projection.Target][projection.Receptor]);
        }
        foreach (var plastic in _plastic) plastic?.EndStep(step);
        Neuromodulators.Relax();
    }

    private void AddPendingArrivals(long step)
    {
        for (var population = 0; population < _pendingDirty.Length; population++)
            for (var r = 0; r < _pendingDirty[population].Length; r++)
            {
                if (!_pendingDirty[population][r]) continue;
                _pendingDirty[population][r] = false;
                var size = _network.Populations[population].Size;
                if (size == 0) continue;
                var arrivals = _pending.AsSpan(_portBase[population][r], size);
                var staging = _staging.View.SubView(_portBase[population][r], size);
                DeviceCopy.Upload<float>(staging, arrivals);
                _addArrivals(size, staging, RingSlot(population, r, step));
                arrivals.Clear();
            }
    }

    private void UploadExternal()
    {
        foreach (var population in _populations)
        {
            var external = Injected.External(population.Index, _hasDc ? _stimuli.DcCurrent(population.Index) : null);
            if (external is null && !_externalSet[population.Index]) continue;
            if (external is null) population.External.MemSetToZero();
            else DeviceCopy.Upload<float>(population.External.View, external);
            _externalSet[population.Index] = external is not null;
        }
    }

    // Copies the chunk's spikes and samples to the host and hands them to the recorder in the reference order (per step:
    // samples, then spikes per population, ascending); a non-finite membrane potential ends the run at its step.
    private void Flush(long first, int steps, Recorder recorder)
    {
        _accelerator.Synchronize();
        var populations = _populations.Length;
        var recordCounts = new int[populations];
        var ends = new int[populations * _counters.ChunkSteps];
        var nonFinite = new long[populations];
        DeviceCopy.Download<int>(_counters.RecordCounts.View, recordCounts);
        DeviceCopy.Download<int>(_counters.StepEnds.View, ends);
        DeviceCopy.Download<long>(_counters.FirstNonFinite.View, nonFinite);
        var records = new int[populations][];
        for (var p = 0; p < populations; p++)
        {
            records[p] = new int[recordCounts[p]];
            DeviceCopy.Download<int>(_populations[p].Record.View, records[p]);
        }
        var samples = _probes.Download();

        var badStep = long.MaxValue;
        var badPopulation = -1;
        for (var p = 0; p < populations; p++)
            if (nonFinite[p] != long.MaxValue && nonFinite[p] / Math.Max(1, _populations[p].Size) < badStep)
                (badStep, badPopulation) = (nonFinite[p] / Math.Max(1, _populations[p].Size), p);

        for (var k = 0; k < steps; k++)
        {
            var step = first + k;
            _probes.Record(step, samples, recorder);
            if (step == badStep)
            {
                var population = _populations[badPopulation];
                var neuron = (int)(nonFinite[badPopulation] % Math.Max(1, population.Size));
                CurrentStep = step;
                ResetChunk();
                throw NonFinite.InPopulation(population.Name, neuron, population.Voltage(neuron), step, _network.Dt);
            }
            for (var p = 0; p < populations; p++)
            {
                var start = k == 0 ? 0 : ends[p * _counters.ChunkSteps + k - 1];
                var end = ends[p * _counters.ChunkSteps + k];
                var spikes = records[p].AsSpan(start, end - start);
                spikes.Sort();
                _spikeCounts[p] += spikes.Length;
                if (k == steps - 1) _lastSpikes[p] = spikes.ToArray();
                var mask = _network.SpikeRecordMasks[p];
                foreach (var neuron in spikes)
                    if (mask is not null && mask[neuron]) recorder.AddSpike(p, neuron, step);
            }
        }
        ResetChunk();
    }

    private void ResetChunk()
    {
        _counters.RecordCounts.MemSetToZero();
        _probes.Reset();
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(CurrentStep);
        writer.WriteArray<long>(_spikeCounts);
        foreach (var population in _populations)
        {
            population.Save(writer);
            writer.WriteArray<int>(_lastSpikes[population.Index]);
        }
        writer.WriteArray<long>(DeviceCopy.ToArray<long>(_ring.View));
        writer.WriteArray<float>(_pending);
        foreach (var plastic in _plastic) plastic?.Save(writer);
        writer.WriteOptionalArrays(_writtenWeights);
        writer.WriteDrive(_stimuli, Injected, Neuromodulators);
    }

    public void Load(BinaryReader reader)
    {
        CurrentStep = reader.ReadInt64();
        reader.ReadArray<long>(_spikeCounts);
        foreach (var population in _populations)
        {
            population.Load(reader);
            _lastSpikes[population.Index] = reader.ReadArray<int>();
        }
        var ring = new long[_ring.Length];
        reader.ReadArray<long>(ring);
        DeviceCopy.Upload<long>(_ring.View, ring);
        reader.ReadArray<float>(_pending);
        for (var p = 0; p < _pendingDirty.Length; p++) Array.Fill(_pendingDirty[p], true);
        foreach (var plastic in _plastic) plastic?.Load(reader);
        reader.ReadOptionalArrays(_writtenWeights);
        for (var p = 0; p < _static.Length; p++)
            _static[p]?.SetWeights(_writtenWeights[p] ?? _network.Projections[p].Table.Weights);
        reader.ReadDrive(_stimuli, Injected, Neuromodulators);
        Array.Fill(_externalSet, true);
    }

    public void Dispose()
    {
        foreach (var plastic in _plastic) plastic?.Dispose();
        foreach (var synapses in _static) synapses?.Dispose();
        foreach (var population in _populations) population.Dispose();
        _probes.Dispose();
        _counters.Dispose();
        _ring.Dispose();
        _staging.Dispose();
        _forced.Dispose();
        _accelerator.Dispose();
    }
}
