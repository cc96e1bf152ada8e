using Cortex.Compilation;
using Cortex.Randomness;

namespace Cortex.Backends.Execution;

/// <summary>
/// Applies a network's stimuli step by step, identically for every backend: Poisson and spike-time
/// inputs add to the current arrival slot, DC currents are summed per neuron and rebuilt only on the
/// steps where a stimulus switches on or off. Poisson trains come from one random stream per
/// (stimulus, neuron), so they never depend on scheduling: a backend may hand the Poisson draws of large stimuli to its
/// threads in fixed chunks (see <see cref="Apply(long, IArrivalSlots, Action{int, Action{int}}?)"/>) and get the same
/// counts.
/// </summary>
public sealed unsafe class StimulusDriver
{
    /// <summary>Neurons per parallel chunk of a Poisson stimulus; also the least size worth splitting.</summary>
    private const int PoissonChunk = 2048;

    private readonly CompiledNetwork _network;
    private readonly float[][] _dc;
    private readonly SeededRandom[][] _poissonStreams;
    private readonly int[] _spikeTimeCursor;
    private readonly HashSet<long> _dcEdges;
    private readonly double[] _poissonLimits;
    private readonly Action<int> _drawPoissonChunk;
    private CompiledPoisson? _chunkStimulus;
    private SeededRandom[] _chunkStreams = [];
    private float* _chunkSlot;
    private double _chunkLimit;

    /// <summary>Prepares the stimuli of <paramref name="network"/>.</summary>
    public StimulusDriver(CompiledNetwork network)
    {
        _network = network;
        _dc = [.. network.Populations.Select(p => new float[p.Size])];
        _poissonStreams = [.. network.Stimuli.Select(s => s is CompiledPoisson
            // Streams are keyed by the global neuron, so a neuron's input does not depend on how many ranks share the network.
            ? s.Neurons.Select(n => SeededRandom.Create(network.Seed, StreamDomain.Poisson, s.Index, network.Partition?.ToGlobal(n) ?? n)).ToArray()
            : [])];
        _spikeTimeCursor = new int[network.Stimuli.Count];
        _dcEdges = [.. network.Stimuli.OfType<CompiledDc>().SelectMany(d => new[] { d.StartStep, d.StopStep }), 0];
        // Knuth's threshold exp(−mean) once per stimulus instead of once per neuron and step.
        _poissonLimits = [.. network.Stimuli.Select(s => s is CompiledPoisson p ? SeededRandom.PoissonLimit(p.MeanPerStep) : 0)];
        _drawPoissonChunk = DrawPoissonChunk;
    }

    /// <summary>The DC current (nA) of each neuron of a population at the step last applied.</summary>
    public float[] DcCurrent(int population) => _dc[population];

    /// <summary>True when some population has any DC stimulus at all (lets backends skip the add).</summary>
    public bool HasDc => _network.Stimuli.Any(s => s is CompiledDc);

    /// <summary>Applies every stimulus for <paramref name="step"/>.</summary>
    public void Apply(long step, IArrivalSlots slots) => Apply(step, slots, null);

    /// <summary>
    /// Applies every stimulus for <paramref name="step"/>; <paramref name="parallel"/> (items, work) runs work(0 … items − 1)
    /// on a backend's threads, and is used for Poisson stimuli of at least two chunks. Each neuron keeps its own stream, so
    /// the counts do not depend on it.
    /// </summary>
    public void Apply(long step, IArrivalSlots slots, Action<int, Action<int>>? parallel)
    {
        if (_dcEdges.Contains(step)) RebuildDc(step);
        for (var i = 0; i < _network.Stimuli.Count; i++)
        {
            switch (_network.Stimuli[i])
            {
                case CompiledPoisson poisson when step >= poisson.StartStep && step < poisson.StopStep:
                    var slot = slots.Slot(poisson.Population, poisson.Receptor, step);
                    fixed (float* pinned = slot)
                    {
                        (_chunkStimulus, _chunkStreams, _chunkLimit) = (poisson, _poissonStreams[i], _poissonLimits[i]);
                        _chunkSlot = pinned;
                        var chunks = (poisson.Neurons.Length + PoissonChunk - 1) / PoissonChunk;
                        if (parallel is not null && chunks > 1) parallel(chunks, _drawPoissonChunk);
                        else for (var c = 0; c < chunks; c++) DrawPoissonChunk(c);
                        _chunkSlot = null;
                    }
                    break;
                case CompiledSpikeTimes times:
                    var cursor = _spikeTimeCursor[i];
                    while (cursor < times.Steps.Length && times.Steps[cursor] < step) cursor++;
                    if (cursor < times.Steps.Length && times.Steps[cursor] == step)
                    {
                        var target = slots.Slot(times.Population, times.Receptor, step);
                        // Several listed times may round to the same step; each one delivers.
                        for (; cursor < times.Steps.Length && times.Steps[cursor] == step; cursor++)
                            foreach (var neuron in times.Neurons) target[neuron] += times.Weight;
                    }
                    _spikeTimeCursor[i] = cursor;
                    break;
            }
        }
    }

    // Neurons [chunk·PoissonChunk, …) of the stimulus being applied; chunks touch disjoint neurons and streams.
    private void DrawPoissonChunk(int chunk)
    {
        var poisson = _chunkStimulus!;
        var streams = _chunkStreams;
        var slot = _chunkSlot;
        var end = Math.Min(poisson.Neurons.Length, (chunk + 1) * PoissonChunk);
        var (mean, limit, weight, neurons) = (poisson.MeanPerStep, _chunkLimit, poisson.Weight, poisson.Neurons);
        for (var k = chunk * PoissonChunk; k < end; k++)
        {
            // A local copy lets the JIT keep the generator's four words in registers for the draw.
            var stream = streams[k];
            var count = stream.NextPoisson(mean, limit);
            streams[k] = stream;
            if (count > 0) slot[neurons[k]] += count * weight;
        }
    }

    /// <summary>Writes the random streams, cursors and DC sums for a snapshot.</summary>
    public void Save(BinaryWriter writer)
    {
        foreach (var streams in _poissonStreams)
            foreach (var stream in streams) stream.Save(writer);
        writer.WriteArray<int>(_spikeTimeCursor);
        foreach (var dc in _dc) writer.WriteArray<float>(dc);
    }

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        foreach (var streams in _poissonStreams)
            for (var k = 0; k < streams.Length; k++) streams[k] = SeededRandom.Load(reader);
        reader.ReadArray<int>(_spikeTimeCursor);
        foreach (var dc in _dc) reader.ReadArray<float>(dc);
    }

    private void RebuildDc(long step)
    {
        foreach (var dc in _dc) Array.Clear(dc);
        foreach (var dc in _network.Stimuli.OfType<CompiledDc>())
            if (step >= dc.StartStep && step < dc.StopStep)
                foreach (var n in dc.Neurons) _dc[dc.Population][n] += dc.Amplitude;
    }
}
