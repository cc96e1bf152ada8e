using System.Numerics;
using System.Runtime.InteropServices;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One population on the CPU backend: its neuron kernel, receptor states and arrival rings in
/// struct-of-arrays form. The update runs in fixed chunks (independent of the thread count); within a
/// chunk, one fused SIMD pass per receptor takes its arrivals, adds its current and decays it, then
/// the kernel advances the neurons, all while the chunk is still in cache.
/// </summary>
internal sealed class CpuPopulation
{
    /// <summary>Neurons per chunk: small enough to stay in L1/L2, large enough to amortise the per-chunk work.</summary>
    public const int ChunkSize = 2048;

    private readonly CompiledPopulation _population;
    private readonly Receptor[] _receptors;
    private readonly bool _hasVoltageJumps;
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
        _receptors = [.. population.Receptors.Select(r => new Receptor(r.Model.Prepare(r.Parameters, dt), population.Size, ringLength))];
        _hasVoltageJumps = _receptors.Any(r => r.Dynamics.Kind == ReceptorKind.VoltageJump);
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

    /// <summary>The ring of receptor <paramref name="receptor"/>: <see cref="RingLength"/> slots of <see cref="Size"/> neurons.</summary>
    public float[] Ring(int receptor) => _receptors[receptor].Ring;

    /// <summary>The arrival slot of a receptor at a step.</summary>
    public Span<float> Slot(int receptor, long step) => _receptors[receptor].Ring.AsSpan((int)(step % RingLength) * Size, Size);

    /// <summary>Advances every neuron one step; uses the pool for large populations.</summary>
    public void Update(long step, float[]? dc, WorkerPool? pool)
    {
        _step = step;
        _dc = dc;
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
        var slotOffset = (int)(_step % RingLength) * Size + start;

        if (_hasVoltageJumps)
            foreach (var receptor in _receptors)
                if (receptor.Dynamics.Kind == ReceptorKind.VoltageJump) receptor.ApplyJumps(Kernel, start, slotOffset, length);
        if (_hasConductances) Kernel.CopyVoltages(start, _voltages.AsSpan(start, length));
        foreach (var receptor in _receptors)
            if (receptor.Dynamics.Kind != ReceptorKind.VoltageJump)
                receptor.ArriveAddDecay(currents, _hasConductances ? _voltages.AsSpan(start, length) : default, start, slotOffset);

        _chunkSpikeCounts[chunk] = Kernel.Update(start, currents, _spikeBuffer.AsSpan(start, length));
        var bad = Kernel.FirstNonFinite(start, length);
        if (bad >= 0) throw NonFinite.InPopulation(_population.Name, bad, Kernel.Get(0, bad), _step, _dt);
    }

    /// <summary>One receptor: per-neuron state, arrival ring and prepared dynamics.</summary>
    private sealed class Receptor(ReceptorDynamics dynamics, int size, int ringLength)
    {
        private readonly float[] _state = new float[size];

        public ReceptorDynamics Dynamics => dynamics;

        public float[] Ring { get; } = new float[size * ringLength];

        public void ApplyJumps(INeuronKernel kernel, int start, int slotOffset, int length)
        {
            var slot = Ring.AsSpan(slotOffset, length);
            for (var i = 0; i < slot.Length; i++)
            {
                if (slot[i] == 0) continue;
                kernel.AddVoltage(start + i, slot[i]);
                slot[i] = 0;
            }
        }

        // g += arrivals; arrivals = 0; I += g (or g·(E − v)); g *= decay — the reference's order, lane by lane.
        public void ArriveAddDecay(Span<float> currents, ReadOnlySpan<float> voltages, int start, int slotOffset)
        {
            var state = _state.AsSpan(start, currents.Length);
            var slot = Ring.AsSpan(slotOffset, currents.Length);
            var conductance = dynamics.Kind == ReceptorKind.Conductance;
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var decay = new Vector<float>(dynamics.Decay);
                var reversal = new Vector<float>(dynamics.Reversal);
                var g = MemoryMarshal.Cast<float, Vector<float>>(state);
                var arrivals = MemoryMarshal.Cast<float, Vector<float>>(slot);
                var input = MemoryMarshal.Cast<float, Vector<float>>(currents);
                var v = conductance ? MemoryMarshal.Cast<float, Vector<float>>(voltages) : default;
                for (var k = 0; k < g.Length; k++)
                {
                    var value = g[k] + arrivals[k];
                    arrivals[k] = Vector<float>.Zero;
                    input[k] += conductance ? value * (reversal - v[k]) : value;
                    g[k] = value * decay;
                }
                i = g.Length * Vector<float>.Count;
            }
            for (; i < state.Length; i++)
            {
                var value = state[i] + slot[i];
                slot[i] = 0;
                currents[i] += conductance ? value * (dynamics.Reversal - voltages[i]) : value;
                state[i] = value * dynamics.Decay;
            }
        }
    }
}
