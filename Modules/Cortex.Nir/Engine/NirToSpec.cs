using Cortex.Nir.Nodes;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Nir.Engine;

/// <summary>
/// Turns a feed-forward NIR chain Input → (Affine|Linear) → (LIF|IF|CubaLIF) → … → [Affine] → Output into
/// an engine network that reproduces the discrete-time (TorchSharp) update step by step:
/// <list type="bullet">
/// <item>LIF → <c>lif</c> with τ_m = τ, c_m = τ (R = 1 MΩ), v_rest = v_leak, no refractory period; the
/// node's r multiplies its input weights and bias (the engine's drive is R·I);</item>
/// <item>IF → <c>if</c> with c_m = dt (gain 1 mV/nA per step) starting at 0; NIR's dv/dt = R·I makes the
/// per-step input r·dt·I (r = 1/dt, as SpikingJelly exports, gives the discrete v += x);</item>
/// <item>CubaLIF → <c>lif</c> fed through <c>exp_current</c> with τ_syn; each spike adds w_in·r·W (hidden layers only);</item>
/// <item>layer outputs travel as <c>pulse_current</c> with a one-step delay, so engine layer l at step
/// t + l − 1 is the model's layer l at step t; biases are DC currents starting at step l − 1.</item>
/// </list>
/// The first weight node is not simulated: <see cref="EngineInference"/> applies it to each input vector.
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

        // chain[0] is Input, chain[^1] is Output; in between: weight, neuron, weight, neuron, ... [weight].
        // Flatten is the identity here: the engine numbers neurons and inputs in flattened (C) order anyway.
        var body = chain.Skip(1).Take(chain.Count - 2).Where(entry => entry.Node is not NirFlatten).ToList();
        if (body.Count < 2 || AsAffine(body[0]) is null)
            throw Unsupported(body.Count > 0 ? body[0] : chain[^1], "the engine conversion needs Input → Affine|Linear → LIF|IF|CubaLIF first");
        var inputAffine = AsAffine(body[0])!;
        var layers = new List<ConvertedLayer>();
        var populations = new List<PopulationSpec>();
        var projections = new List<ProjectionSpec>();
        var stimuli = new List<StimulusSpec>();
        var probes = new List<ProbeSpec>();
        NirAffine? readout = null;
        float[] inputGain = [];
        NeuronPlan? previous = null;
        for (var k = 1; k < body.Count; k += 2)
        {
            var (name, node) = body[k];
            if (node is not INirNeuronNode)
                throw Unsupported(body[k], "expected a neuron node (LIF, IF or CubaLIF) after a weight node");
            var plan = NeuronPlan.For(name, node, options.DtSeconds, dtMs);
            var depth = layers.Count + 1;
            var layer = plan.Layer(depth);
            layers.Add(layer);
            populations.AddRange(plan.Populations);
            probes.AddRange(plan.Populations.Select(p => new SpikeProbe { Population = p.Name }));
            var weight = AsAffine(body[k - 1])!;
            if (previous is null)
            {
                if (node is NirCubaLif) throw Unsupported(body[k], "a CubaLIF fed by the analog input is not supported; put a LIF or IF first");
                inputGain = plan.Gain;
            }
            else
            {
                projections.AddRange(Projections(previous, plan, weight, dtMs));
                stimuli.AddRange(Biases(body[k - 1].Name, plan, weight.Bias, (depth - 1) * dtMs));
            }
            previous = plan;
            if (k + 1 < body.Count)
            {
                if (AsAffine(body[k + 1]) is null)
                    throw Unsupported(body[k + 1], "expected Affine or Linear after a neuron node");
                if (k + 2 >= body.Count) readout = AsAffine(body[k + 1]);
            }
        }

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
            Template = template, InputAffine = inputAffine, InputGain = inputGain, Layers = layers, Readout = readout, DtMs = dtMs,
        };
    }

    private static NirAffine? AsAffine((string Name, NirNode Node) entry) => entry.Node switch
    {
        NirAffine affine => affine,
        NirLinear linear => new NirAffine(linear.Weight, new NirTensor([linear.Weight.Shape[0]], new float[linear.Weight.Shape[0]])),
        _ => null,
    };

    private static NirFormatException Unsupported((string Name, NirNode Node) entry, string why) =>
        new($"node '{entry.Name}' ({entry.Node.TypeName}): not supported by the engine conversion: {why}. " +
            "Supported: a chain Input → Affine|Linear → LIF|IF|CubaLIF → (Affine|Linear → LIF|IF|CubaLIF)* → [Affine|Linear] → Output");

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

    private static IEnumerable<ProjectionSpec> Projections(NeuronPlan source, NeuronPlan target, NirAffine weight, double dtMs)
    {
        var groups = new SortedDictionary<(int, int), List<ExplicitConnection>>();
        for (var j = 0; j < target.Size; j++)
            for (var i = 0; i < source.Size; i++)
            {
                var w = target.Gain[j] * weight.Weight[j, i];
                if (w == 0) continue;
                var key = (source.PopulationOf[i], target.PopulationOf[j]);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add(new ExplicitConnection(source.IndexInPopulation[i], target.IndexInPopulation[j], Q.NA(w)));
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

    private static IEnumerable<StimulusSpec> Biases(string weightNode, NeuronPlan target, NirTensor bias, double startMs)
    {
        var groups = new Dictionary<(int, float), List<int>>();
        for (var j = 0; j < target.Size; j++)
        {
            if (bias.Data[j] == 0) continue;
            if (target.Synapses[target.PopulationOf[j]].Model != "pulse_current")
                throw new NirFormatException($"node '{weightNode}' (Affine): a non-zero bias into CubaLIF '{target.Name}' would have to pass its synaptic filter, which the engine conversion does not model");
            var key = (target.PopulationOf[j], target.Gain[j] * bias.Data[j]);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(target.IndexInPopulation[j]);
        }
        foreach (var ((population, amplitude), indices) in groups)
            yield return new DcStimulus { Target = target.Populations[population].Name, Indices = indices, Amplitude = Q.NA(amplitude), Start = Q.Ms(startMs) };
    }
}
