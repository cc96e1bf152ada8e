using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Cpu;
using Cortex.Modules;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Units;

namespace Cortex.Nir.Engine;

/// <summary>
/// Runs a <see cref="ConvertedNetwork"/> on the engine, one input vector at a time (direct encoding: the
/// input weights' current W·x + b, times each neuron's gain, is a DC current into the first layer for all
/// T steps). The template is compiled once; each sample reuses its compiled populations and synapse
/// tables and only adds its own input currents, so a run costs the simulation alone.
/// </summary>
public sealed class EngineInference : IDisposable
{
    private readonly ConvertedNetwork _network;
    private readonly CortexRuntime _runtime;
    private readonly CompiledNetwork _compiled;
    private readonly IBackend _backend;
    private readonly Dictionary<string, int> _populationIndex;

    /// <summary>Prepares runs of <paramref name="steps"/> model steps on <paramref name="backend"/> ("cpu", or "reference").</summary>
    public EngineInference(ConvertedNetwork network, int steps, string backend = "cpu")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _network = network;
        Steps = steps;
        EngineSteps = steps + network.Layers.Count - 1;
        _runtime = CortexRuntime.Create(
            CortexRuntime.PluginsIn(typeof(ModulesPlugin).Assembly).Concat(CortexRuntime.PluginsIn(typeof(CpuBackendPlugin).Assembly)));
        var spec = network.Template with
        {
            Simulation = network.Template.Simulation with { Duration = Q.Ms(EngineSteps * network.DtMs) },
        };
        _compiled = new NetworkCompiler(_runtime.Registry).Compile(spec, source: "nir");
        _backend = _runtime.Registry.Backends.TryGetValue(backend, out var chosen) ? chosen : _runtime.Registry.GetBackend("reference");
        BackendName = _runtime.Registry.Backends.First(b => ReferenceEquals(b.Value, _backend)).Key;
        _populationIndex = _compiled.Populations.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i);
    }

    /// <summary>Model steps per sample (T).</summary>
    public int Steps { get; }

    /// <summary>Engine steps per sample: T + L − 1, since layer l runs l − 1 steps late.</summary>
    public int EngineSteps { get; }

    /// <summary>The backend actually used.</summary>
    public string BackendName { get; }

    /// <summary>Runs one sample: <paramref name="input"/> has the input map's size (the graph's input, flattened).</summary>
    public InferenceResult Run(ReadOnlySpan<float> input)
    {
        var map = _network.InputMap;
        if (input.Length != map.InputSize) throw new ArgumentException($"input has {input.Length} values, the graph's input weights take {map.InputSize}", nameof(input));
        var first = _network.Layers[0];
        var stimuli = new List<CompiledStimulus>(_compiled.Stimuli);
        // W·x + b as the model computes it in float32, then the node's gain (r, r·dt).
        var currents = map.Apply(input);
        for (var j = 0; j < first.Size; j++)
        {
            var amplitude = _network.InputGain[j] * currents[j];
            if (amplitude == 0) continue;
            stimuli.Add(new CompiledDc
            {
                Population = _populationIndex[first.Populations[first.PopulationOf[j]]],
                Neurons = [first.IndexInPopulation[j]],
                Index = stimuli.Count,
                Amplitude = amplitude,
                StartStep = 0,
                StopStep = _compiled.Steps,
            });
        }
        var sample = new CompiledNetwork
        {
            Spec = _compiled.Spec,
            Dt = _compiled.Dt,
            Steps = _compiled.Steps,
            Seed = _compiled.Seed,
            Populations = _compiled.Populations,
            Projections = _compiled.Projections,
            Stimuli = stimuli,
            SpikeRecordMasks = _compiled.SpikeRecordMasks,
            StateProbes = _compiled.StateProbes,
            MinDelaySteps = _compiled.MinDelaySteps,
            MaxDelaySteps = _compiled.MaxDelaySteps,
        };
        var sink = new MemorySink();
        SimulationRunner.Run(sample, _backend, new BackendOptions { Threads = 1 }, [sink]);
        return Collect(sink.Spikes);
    }

    private InferenceResult Collect(IReadOnlyList<SpikeRecord> records)
    {
        var layers = _network.Layers;
        var spikes = layers.Select(l => Enumerable.Range(0, Steps).Select(_ => new bool[l.Size]).ToArray()).ToArray();
        // (population index, index in population) → (layer, neuron of the NIR node).
        var lookup = new Dictionary<(int, int), (int Layer, int Neuron)>();
        for (var l = 0; l < layers.Count; l++)
            for (var n = 0; n < layers[l].Size; n++)
                lookup[(_populationIndex[layers[l].Populations[layers[l].PopulationOf[n]]], layers[l].IndexInPopulation[n])] = (l, n);
        foreach (var record in records)
        {
            if (!lookup.TryGetValue((record.Population, record.Neuron), out var at)) continue;
            var t = record.Step - (layers[at.Layer].Depth - 1);
            if (t >= 0 && t < Steps) spikes[at.Layer][t][at.Neuron] = true;
        }
        var counts = spikes.Select(layer => Enumerable.Range(0, layer.Length == 0 ? 0 : layer[0].Length)
            .Select(n => layer.Count(step => step[n])).ToArray()).ToArray();
        var last = counts[^1];
        // The trained model scores by the readout's output averaged over the T steps, W·(counts / T) + b;
        // with W·counts + b instead, the bias would weigh T times too little.
        var scores = _network.Readout is { } readout
            ? readout.Apply([.. last.Select(c => (double)c / Steps)])
            : [.. last.Select(c => (double)c)];
        return new InferenceResult(spikes, counts, scores);
    }

    /// <inheritdoc />
    public void Dispose() => _runtime.Dispose();
}
