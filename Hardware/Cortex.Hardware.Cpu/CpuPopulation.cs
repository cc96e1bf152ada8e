using Cortex.Backends;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;
using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One population on the CPU backend: its neuron kernel, receptor states and arrival rings in
/// struct-of-arrays form. Arrivals are taken first (touching only neurons that received input); the
/// update then runs in fixed chunks (independent of the thread count): one pass per receptor adds
/// its current and advances it, then the kernel advances the neurons, all while the chunk is in cache.
/// </summary>
internal sealed class CpuPopulation
{
    /// <summary>Neurons per chunk: small enough to stay in L1/L2, large enough to amortise the per-chunk work.</summary>
    public const int ChunkSize = 2048;

    private readonly CompiledPopulation _population;
    private readonly CpuReceptor[] _receptors;
    private readonly CpuReceptor[] _inputReceptors;
    private readonly IFusedNeuronKernel? _fused;
    private readonly bool _needsVoltages;
    private readonly float[] _currents;
    private readonly float[] _voltages;
    private readonly PortInput[] _ports;
    private readonly int[] _spikeBuffer;
    private readonly int[] _chunkSpikeCounts;
    private readonly int _chunks;
    private readonly Action<int> _processChunk;
    private readonly Action<int> _arriveAndUpdatePart;
    private readonly int[] _partStart;
    private readonly int[] _modulatorMap;
    private readonly float[] _modulators;
    private long _step;
    private float[]? _external;
    private readonly double _dt;

    /// <summary>
    /// A population whose receptors are split into <paramref name="parts"/> target ranges (whole chunks each), which
    /// threads deliver into and arrive concurrently; 1 for a population that runs on one thread.
    /// </summary>
    public CpuPopulation(CompiledPopulation population, CompiledNetwork network, int ringLength, int parts = 1)
    {
        _population = population;
        _dt = network.Dt;
        Kernel = NeuronKernels.Create(population, network);
        RingLength = ringLength;
        _partStart = PartStarts(population.Size, parts);
        Parts = _partStart.Length - 1;
        _receptors = [.. population.Receptors.Select(r => new CpuReceptor(r, population.Size, network.Dt, ringLength, _partStart))];
        _arriveAndUpdatePart = ArriveAndUpdatePart;
        _inputReceptors = [.. _receptors.Where(r => r.HasInput)];
        _needsVoltages = _inputReceptors.Any(r => r.NeedsVoltage);
        // A lane kernel reads up to two linear receptors itself, saving a pass over memory per receptor.
        _fused = Kernel is IFusedNeuronKernel fused && _inputReceptors.Length <= 2 && _inputReceptors.All(r => r.IsLinear) ? fused : null;
        _fused?.Prepare(_inputReceptors.Length, IsConductance(0), IsConductance(1), network.Stimuli.Any(s => s is CompiledDc));
        // Scratch for the unfused path only; the fused kernel computes currents in registers.
        _currents = _fused is null ? new float[population.Size] : [];
        _voltages = _fused is null && _needsVoltages ? new float[population.Size] : [];
        _ports = _fused is null && population.Model.UsesPortInputs ? new PortInput[population.Size * _receptors.Length] : [];
        _spikeBuffer = new int[population.Size];
        _chunks = (population.Size + ChunkSize - 1) / ChunkSize;
        _chunkSpikeCounts = new int[_chunks];
        _processChunk = ProcessChunk;
        _modulatorMap = PopulationFactory.ModulatorMap(population, network);
        _modulators = new float[_modulatorMap.Length];
    }

    public int Index => _population.Index;

    private bool IsConductance(int input) => input < _inputReceptors.Length && _inputReceptors[input].Dynamics.Kind == ReceptorKind.Conductance;

    /// <summary>How many target ranges the receptors are split into (see <see cref="CpuReceptor.Parts"/>).</summary>
    public int Parts { get; }

    // Part boundaries on chunk boundaries, as equal as whole chunks allow; fewer parts when there are fewer chunks.
    private static int[] PartStarts(int size, int parts)
    {
        var chunks = (size + ChunkSize - 1) / ChunkSize;
        parts = Math.Clamp(parts, 1, Math.Max(chunks, 1));
        return [.. Enumerable.Range(0, parts + 1).Select(p => Math.Min(size, (int)((long)chunks * p / parts) * ChunkSize))];
    }

    public int Size => _population.Size;

    public INeuronKernel Kernel { get; }

    public int RingLength { get; }

    /// <summary>The spikes of the last update, ascending (chunks merged in order).</summary>
    public int[] Spikes => _spikeBuffer;

    /// <summary>How many entries of <see cref="Spikes"/> are valid.</summary>
    public int SpikeCount { get; set; }

    /// <summary>Receptor number <paramref name="receptor"/>.</summary>
    public CpuReceptor Receptor(int receptor) => _receptors[receptor];

    /// <summary>Every neuron's membrane potential (mV), for rules that read the postsynaptic voltage.</summary>
    public void ReadVoltages(Span<float> into) => Kernel.CopyVoltages(0, into);

    /// <summary>Bytes of receptor state and rings.</summary>
    public long ReceptorBytes => _receptors.Sum(r => r.Bytes);

    /// <summary>The arrival slot of a receptor at a step, for stimuli and plastic synapses.</summary>
    public Span<float> Slot(int receptor, long step) => _receptors[receptor].DenseSlot(step);

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    /// <summary>Advances every neuron one step with external current <paramref name="external"/> (null: none); uses the pool for large populations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(long step, float[]? external, NeuromodulatorLevels levels, WorkerPool? pool)
    {
        _step = step;
        _external = external;
        levels.Gather(Index, _modulatorMap, _modulators);
        if (pool is not null && Parts > 1)
        {
            // One parallel region per step: each thread arrives its target range, then updates that range's chunks.
            pool.Run(Parts, _arriveAndUpdatePart);
        }
        else
        {
            foreach (var receptor in _receptors) receptor.Arrive(step, Kernel);
            if (pool is not null && _chunks > 1) pool.Run(_chunks, _processChunk);
            else for (var c = 0; c < _chunks; c++) ProcessChunk(c);
        }

        // Chunks wrote their spikes at their own offsets; compact them in chunk order.
        var total = 0;
        for (var c = 0; c < _chunks; c++)
        {
            var count = _chunkSpikeCounts[c];
            if (count > 0 && total != c * ChunkSize) Array.Copy(_spikeBuffer, c * ChunkSize, _spikeBuffer, total, count);
            total += count;
        }
        SpikeCount = total;
    }

    // Parts start on chunk boundaries, so a part's chunks are exactly its neurons.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ArriveAndUpdatePart(int part)
    {
        foreach (var receptor in _receptors) receptor.Arrive(_step, part, Kernel);
        for (var c = _partStart[part] / ChunkSize; c * ChunkSize < _partStart[part + 1]; c++) ProcessChunk(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessChunk(int chunk)
    {
        var start = chunk * ChunkSize;
        var length = Math.Min(ChunkSize, Size - start);
        _chunkSpikeCounts[chunk] = _fused is not null
            ? _fused.UpdateFused(start, length, Inputs(start, length), _spikeBuffer.AsSpan(start, length))
            : UpdateUnfused(start, length);
        var bad = Kernel.FirstNonFinite(start, length);
        if (bad >= 0) throw NonFinite.InPopulation(_population.Name, bad, Kernel.Get(0, bad), _step, _dt);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FusedInputs Inputs(int start, int length)
    {
        var inputs = new FusedInputs { Dc = _external is null ? default : _external.AsSpan(start, length), Receptors = _inputReceptors.Length };
        if (_inputReceptors.Length > 0)
        {
            var r = _inputReceptors[0];
            inputs.State0 = r.State(start, length);
            (inputs.Decay0, inputs.Reversal0, inputs.Conductance0) = (r.Dynamics.Decay, r.Dynamics.Reversal, r.Dynamics.Kind == ReceptorKind.Conductance);
        }
        if (_inputReceptors.Length > 1)
        {
            var r = _inputReceptors[1];
            inputs.State1 = r.State(start, length);
            (inputs.Decay1, inputs.Reversal1, inputs.Conductance1) = (r.Dynamics.Decay, r.Dynamics.Reversal, r.Dynamics.Kind == ReceptorKind.Conductance);
        }
        return inputs;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UpdateUnfused(int start, int length)
    {
        var currents = _currents.AsSpan(start, length);
        if (_external is null) currents.Clear();
        else _external.AsSpan(start, length).CopyTo(currents);
        var voltages = _needsVoltages ? _voltages.AsSpan(start, length) : default;
        if (_needsVoltages) Kernel.CopyVoltages(start, voltages);
        var portCount = _receptors.Length;
        for (var r = 0; r < _receptors.Length; r++)
        {
            var receptor = _receptors[r];
            if (!receptor.HasInput) continue;
            var ports = _ports.Length == 0 ? default : _ports.AsSpan(start * portCount + r, (length - 1) * portCount + 1);
            receptor.Drive(currents, voltages, start, ports, portCount);
        }
        var batch = new NeuronBatch(
            currents,
            _external is null ? default : _external.AsSpan(start, length),
            _ports.Length == 0 ? default : _ports.AsSpan(start * portCount, length * portCount),
            portCount, _step, _modulators);
        return Kernel.Update(start, in batch, _spikeBuffer.AsSpan(start, length));
    }

    /// <summary>Writes neuron and receptor state and the last spikes for a snapshot.</summary>
    public void Save(BinaryWriter writer)
    {
        Kernel.Save(writer);
        foreach (var receptor in _receptors) receptor.Save(writer);
        writer.WriteArray<int>(_spikeBuffer.AsSpan(0, SpikeCount));
    }

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        Kernel.Load(reader);
        foreach (var receptor in _receptors) receptor.Load(reader);
        var spikes = reader.ReadArray<int>();
        spikes.CopyTo(_spikeBuffer, 0);
        SpikeCount = spikes.Length;
    }
}
