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
        _currents = new float[population.Size];
        _voltages = _hasConductances ? new float[population.Size] : [];
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
        var currents = _currents.AsSpan(start, length);
        if (_dc is null) currents.Clear();
        else _dc.AsSpan(start, length).CopyTo(currents);
        if (_hasConductances) Kernel.CopyVoltages(start, _voltages.AsSpan(start, length));
        foreach (var receptor in _receptors)
            if (receptor.Dynamics.Kind != ReceptorKind.VoltageJump)
                receptor.AddCurrentAndDecay(currents, _hasConductances ? _voltages.AsSpan(start, length) : default, start);

        _chunkSpikeCounts[chunk] = Kernel.Update(start, currents, _spikeBuffer.AsSpan(start, length));
        var bad = Kernel.FirstNonFinite(start, length);
        if (bad >= 0) throw NonFinite.InPopulation(_population.Name, bad, Kernel.Get(0, bad), _step, _dt);
    }
}
