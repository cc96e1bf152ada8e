using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One population on the CPU backend: its neuron kernel, receptor states and arrival rings in
/// struct-of-arrays form. Arrivals are taken first (touching only neurons that received input); the
/// update then runs in fixed chunks (independent of the thread count): one SIMD pass per receptor adds
/// its current and decays it, then the kernel advances the neurons, all while the chunk is in cache.
/// </summary>
internal sealed class CpuPopulation
{
    /// <summary>Neurons per chunk: small enough to stay in L1/L2, large enough to amortise the per-chunk work.</summary>
    public const int ChunkSize = 2048;

    private readonly CompiledPopulation _population;
    private readonly CpuReceptor[] _receptors;
    private readonly CpuReceptor[] _inputReceptors;
    private readonly LifVectorKernel? _fused;
    private readonly bool _hasConductances;
    private readonly float[] _currents;
    private readonly float[] _voltages;
    private readonly int[] _spikeBuffer;
    private readonly int[] _chunkSpikeCounts;
    private readonly int _chunks;
    private readonly Action<int> _processChunk;
    private long _step;
    private float[]? _dc;
    private readonly double _dt;

    public CpuPopulation(CompiledPopulation population, double dt, int ringLength)
    {
        _population = population;
        _dt = dt;
        Kernel = NeuronKernels.Create(population, dt);
        RingLength = ringLength;
        _receptors = [.. population.Receptors.Select(r => new CpuReceptor(r.Model.Prepare(r.Parameters, dt), population.Size, ringLength))];
        _hasConductances = _receptors.Any(r => r.Dynamics.Kind == ReceptorKind.Conductance);
        _inputReceptors = [.. _receptors.Where(r => r.Dynamics.Kind != ReceptorKind.VoltageJump)];
        // The LIF kernel reads up to two receptors itself, saving a pass over memory per receptor.
        _fused = Kernel is LifVectorKernel lifKernel && _inputReceptors.Length <= 2 ? lifKernel : null;
        // Scratch for the unfused path only; the fused kernel computes currents in registers.
        _currents = _fused is null ? new float[population.Size] : [];
        _voltages = _fused is null && _hasConductances ? new float[population.Size] : [];
        _spikeBuffer = new int[population.Size];
        _chunks = (population.Size + ChunkSize - 1) / ChunkSize;
        _chunkSpikeCounts = new int[_chunks];
        _processChunk = ProcessChunk;
    }

    public int Index => _population.Index;

    public int Size => _population.Size;

    public INeuronKernel Kernel { get; }

    public int RingLength { get; }

    /// <summary>The spikes of the last update, ascending (chunks merged in order).</summary>
    public int[] Spikes { get; private set; } = [];

    /// <summary>How many entries of <see cref="Spikes"/> are valid.</summary>
    public int SpikeCount { get; private set; }

    /// <summary>Receptor number <paramref name="receptor"/>.</summary>
    public CpuReceptor Receptor(int receptor) => _receptors[receptor];

    /// <summary>Bytes of receptor state and rings.</summary>
    public long ReceptorBytes => _receptors.Sum(r => r.Bytes);

    /// <summary>The arrival slot of a receptor at a step, for stimuli and plastic synapses.</summary>
    public Span<float> Slot(int receptor, long step) => _receptors[receptor].DenseSlot(step);

    /// <summary>Advances every neuron one step; uses the pool for large populations.</summary>
    public void Update(long step, float[]? dc, WorkerPool? pool)
    {
        _step = step;
        _dc = dc;
        foreach (var receptor in _receptors) receptor.Arrive(step, Kernel);
        if (pool is not null && _chunks > 1) pool.Run(_chunks, _processChunk);
        else for (var c = 0; c < _chunks; c++) ProcessChunk(c);

        // Chunks wrote their spikes at their own offsets; compact them in chunk order.
        var total = 0;
        for (var c = 0; c < _chunks; c++)
        {
            var count = _chunkSpikeCounts[c];
            if (count > 0 && total != c * ChunkSize) Array.Copy(_spikeBuffer, c * ChunkSize, _spikeBuffer, total, count);
            total += count;
        }
        Spikes = _spikeBuffer;
        SpikeCount = total;
    }

    private void ProcessChunk(int chunk)
    {
        var start = chunk * ChunkSize;
        var length = Math.Min(ChunkSize, Size - start);
        if (_fused is not null)
        {
            _chunkSpikeCounts[chunk] = _fused.UpdateFused(start, length, Inputs(start, length), _spikeBuffer.AsSpan(start, length));
        }
        else
        {
            _chunkSpikeCounts[chunk] = UpdateUnfused(start, length);
        }
        var bad = Kernel.FirstNonFinite(start, length);
        if (bad >= 0) throw NonFinite.InPopulation(_population.Name, bad, Kernel.Get(0, bad), _step, _dt);
    }

    private FusedInputs Inputs(int start, int length)
    {
        var inputs = new FusedInputs { Dc = _dc is null ? default : _dc.AsSpan(start, length), Receptors = _inputReceptors.Length };
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

    private int UpdateUnfused(int start, int length)
    {
        var currents = _currents.AsSpan(start, length);
        if (_dc is null) currents.Clear();
        else _dc.AsSpan(start, length).CopyTo(currents);
        if (_hasConductances) Kernel.CopyVoltages(start, _voltages.AsSpan(start, length));
        foreach (var receptor in _receptors)
            if (receptor.Dynamics.Kind != ReceptorKind.VoltageJump)
                receptor.AddCurrentAndDecay(currents, _hasConductances ? _voltages.AsSpan(start, length) : default, start);

        return Kernel.Update(start, currents, _spikeBuffer.AsSpan(start, length));
    }
}
