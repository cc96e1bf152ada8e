using Cortex.Nir.Nodes;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Nir.Engine;

/// <summary>
/// Turns a feed-forward NIR chain Input → W → (LIF|IF|CubaLIF) → … → [W] → Output into an engine network,
/// where each W is a run of linear nodes (Affine, Linear, Conv2d, SumPool2d, Scale, Flatten) composed into one
/// sparse <see cref="AffineMap"/> by <see cref="AffineChain"/>; the result is a network that reproduces the discrete-time (TorchSharp) update step by step:
/// <list type="bullet">
/// <item>LIF → <c>lif</c> with τ_m = τ, c_m = τ (R = 1 MΩ), v_rest = v_leak, no refractory period; the
/// node's r multiplies its input weights and bias (the engine's drive is R·I);</item>
/// <item>IF → <c>if</c> with c_m = dt (gain 1 mV/nA per step) starting at 0; NIR's dv/dt = R·I makes the
/// per-step input r·dt·I (r = 1/dt, as SpikingJelly exports, gives the discrete v += x);</item>
/// <item>CubaLIF → <c>lif</c> fed through <c>exp_current</c> with τ_syn; each spike adds w_in·r·W (hidden layers only);</item>
/// <item>layer outputs travel as <c>pulse_current</c> with a one-step delay, so engine layer l at step
/// t + l − 1 is the model's layer l at step t; biases are DC currents starting at step l − 1.</item>
/// </list>
/// The first W is not simulated: <see cref="EngineInference"/> applies it to each input vector.
/// </summary>
public static class NirToSpec
{
    /// <summary>Converts <paramref name="graph"/>; throws <see cref="NirFormatException"/> naming the node it cannot map.</summary>
    public static ConvertedNetwork Convert(NirGraph graph, NirConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new NirConversionOptions();
        if (!(options.DtSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.DtSeconds, "DtSeconds must be > 0");
        NirValidator.ThrowIfInvalid(graph);
        var chain = Chain(graph);
        var dtMs = options.DtSeconds * 1e3;

        // chain[0] is Input, chain[^1] is Output; in between: linear segment, neuron, linear segment, neuron, …
        // [linear segment]. Each linear segment (Affine, Linear, Conv2d, SumPool2d, Scale, Flatten) becomes one
        // sparse affine map; the first is applied to the analog input, the others become explicit synapses.
        var body = chain.Skip(1).Take(chain.Count - 2).ToList();
        var segments = new List<List<(string Name, NirNode Node)>> { new() };
        var neurons = new List<(string Name, NirNode Node)>();
        foreach (var entry in body)
        {
            if (entry.Node is INirNeuronNode)
            {
                if (segments[^1].Count == 0)
                    throw Unsupported(entry, neurons.Count == 0
                        ? "the engine conversion needs a weight node (Affine, Linear or Conv2d) between the Input and the first neuron node"
                        : "two neuron nodes follow each other without a weight node between them");
                neurons.Add(entry);
                segments.Add([]);
            }
            else if (AffineChain.IsLinear(entry.Node)) segments[^1].Add(entry);
            else throw Unsupported(entry, "it is neither a neuron node nor a linear map");
        }
        if (neurons.Count == 0)
            throw Unsupported(body.Count > 0 ? body[0] : chain[^1], "the engine conversion needs Input → Affine|Linear|Conv2d → LIF|IF|CubaLIF first");

        var shape = ((NirInput)chain[0].Node).Shape;
        var layers = new List<ConvertedLayer>();
        var populations = new List<PopulationSpec>();
        var projections = new List<ProjectionSpec>();
        var stimuli = new List<StimulusSpec>();
        var probes = new List<ProbeSpec>();
        AffineMap? inputMap = null;
        float[] inputGain = [];
        NeuronPlan? previous = null;
        for (var k = 0; k < neurons.Count; k++)
        {
            var entry = neurons[k];
            var (map, _) = AffineChain.Compose(segments[k], shape);
            var plan = NeuronPlan.For(entry.Name, entry.Node, options.DtSeconds, dtMs);
            if (map.OutputSize != plan.Size)
                throw Unsupported(entry, $"it has {plan.Size} neurons but the weights before it give {map.OutputSize} values");
            var depth = layers.Count + 1;
            layers.Add(plan.Layer(depth));
            populations.AddRange(plan.Populations);
            probes.AddRange(plan.Populations.Select(p => new SpikeProbe { Population = p.Name }));
            var weightName = segments[k][^1].Name;
            if (previous is null)
            {
                if (entry.Node is NirCubaLif) throw Unsupported(entry, "a CubaLIF fed by the analog input is not supported; put a LIF or IF first");
                inputMap = map;
                inputGain = plan.Gain;
            }
            else
            {
                projections.AddRange(Projections(previous, plan, map, dtMs));
                stimuli.AddRange(Biases(weightName, plan, map.Bias, (depth - 1) * dtMs));
            }
            previous = plan;
            shape = ((INirNeuronNode)entry.Node).NeuronShape;
            if (Size(shape) != plan.Size) shape = [plan.Size];
        }
        AffineMap? readout = segments[^1].Count > 0 ? AffineChain.Compose(segments[^1], shape).Map : null;

        var template = new NetworkSpec
        {
            Name = "nir",
            Simulation = new SimulationSettings { Dt = Q.Ms(dtMs), Duration = Q.Ms(dtMs), Seed = options.Seed },
            Populations = populations,
            Projections = projections,
            Stimuli = stimuli,
            Probes = probes,
        };
        return new ConvertedNetwork
        {
            Template = template, InputMap = inputMap!, InputGain = inputGain, Layers = layers, Readout = readout, DtMs = dtMs,
        };
    }

    private static int Size(int[] shape) => shape.Aggregate(1, (a, b) => checked(a * b));

    private static NirFormatException Unsupported((string Name, NirNode Node) entry, string why) =>
        new($"node '{entry.Name}' ({entry.Node.TypeName}): not supported by the engine conversion: {why}. " +
            "Supported: a chain Input → W → LIF|IF|CubaLIF → (W → LIF|IF|CubaLIF)* → [W] → Output, each W a run of Affine, Linear, Conv2d, SumPool2d, Scale and Flatten");

    /// <summary>The nodes from the single Input to an Output, following single edges.</summary>
    private static List<(string Name, NirNode Node)> Chain(NirGraph graph)
    {
        var inputs = graph.Nodes.Where(n => n.Value is NirInput).ToList();
        if (inputs.Count != 1)
            throw new NirFormatException($"graph: the engine conversion needs exactly one Input node, found {inputs.Count}");
        var chain = new List<(string, NirNode)> { (inputs[0].Key, inputs[0].Value) };
        var seen = new HashSet<string> { inputs[0].Key };
        var current = inputs[0].Key;
        while (graph.Nodes[current] is not NirOutput)
        {
            var next = graph.Edges.Where(e => e.Source == current).Select(e => e.Target).ToList();
            if (next.Count != 1)
                throw Unsupported((current, graph.Nodes[current]), next.Count == 0
                    ? "it leads nowhere (no path to an Output)"
                    : $"it feeds {next.Count} nodes ({string.Join(", ", next)}); only chains are supported");
            current = next[0];
            if (!seen.Add(current)) throw Unsupported((current, graph.Nodes[current]), "it closes a cycle; only feed-forward chains are supported");
            if (graph.Edges.Count(e => e.Target == current) != 1)
                throw Unsupported((current, graph.Nodes[current]), "it has several inputs; only chains are supported");
            chain.Add((current, graph.Nodes[current]));
        }
        return chain;
    }

    private static IEnumerable<ProjectionSpec> Projections(NeuronPlan source, NeuronPlan target, AffineMap weight, double dtMs)
    {
        var groups = new SortedDictionary<(int, int), List<ExplicitConnection>>();
        for (var i = 0; i < source.Size; i++)
        {
            var targets = weight.TargetsOf(i);
            var weights = weight.WeightsOf(i);
            for (var k = 0; k < targets.Length; k++)
            {
                var j = targets[k];
                var w = target.Gain[j] * weights[k];
                if (w == 0) continue;
                var key = (source.PopulationOf[i], target.PopulationOf[j]);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add(new ExplicitConnection(source.IndexInPopulation[i], target.IndexInPopulation[j], Q.NA(w)));
            }
        }
        foreach (var ((from, to), connections) in groups)
            yield return new ProjectionSpec
            {
                Source = source.Populations[from].Name,
                Target = target.Populations[to].Name,
                Connector = new ExplicitConnector(connections),
                Weight = Q.NA(0),
                Delay = Q.Ms(dtMs),
                Synapse = target.Synapses[to],
            };
    }

    private static IEnumerable<StimulusSpec> Biases(string weightNode, NeuronPlan target, float[] bias, double startMs)
    {
        var groups = new Dictionary<(int, float), List<int>>();
        for (var j = 0; j < target.Size; j++)
        {
            if (bias[j] == 0) continue;
            if (target.Synapses[target.PopulationOf[j]].Model != "pulse_current")
                throw new NirFormatException($"node '{weightNode}': a non-zero bias into CubaLIF '{target.Name}' would have to pass its synaptic filter, which the engine conversion does not model");
            var key = (target.PopulationOf[j], target.Gain[j] * bias[j]);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(target.IndexInPopulation[j]);
        }
        foreach (var ((population, amplitude), indices) in groups)
            yield return new DcStimulus { Target = target.Populations[population].Name, Indices = indices, Amplitude = Q.NA(amplitude), Start = Q.Ms(startMs) };
    }
}
