using Cortex.Nir.Engine;
using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

public sealed class EngineInferenceTests
{
    private const double Dt = 1e-3;

    private static (NirGraph Graph, List<(NirAffine, NirNode)> Layers) Chain(int seed, Func<int, NirNode> neurons, int[] sizes, bool readout = false)
    {
        var random = new Random(seed);
        var nodes = new List<(string, NirNode)> { ("input", new NirInput([sizes[0]])) };
        var layers = new List<(NirAffine, NirNode)>();
        for (var l = 1; l < sizes.Length; l++)
        {
            // Gains chosen so every layer is active but not saturated.
            var affine = Graphs.Affine(random, sizes[l], sizes[l - 1], scale: l == 1 ? 0.8 : 1.5, biasMean: l == 1 ? 0.1 : 0.6, biasScale: 0.2);
            var layer = neurons(sizes[l]);
            nodes.Add(($"fc{l}", affine));
            nodes.Add(($"n{l}", layer));
            layers.Add((affine, layer));
        }
        if (readout) nodes.Add(("readout", Graphs.Affine(random, 3, sizes[^1], scale: 1)));
        nodes.Add(("output", new NirOutput([readout ? 3 : sizes[^1]])));
        return (NirGraph.Sequential([.. nodes]), layers);
    }

    private static void AssertSameSpikes(List<bool[][]> expected, InferenceResult actual)
    {
        Assert.Equal(expected.Count, actual.Spikes.Count);
        for (var l = 0; l < expected.Count; l++)
        {
            var total = expected[l].Sum(step => step.Count(s => s));
            Assert.True(total > 0 && total < expected[l].Length * expected[l][0].Length, $"layer {l + 1} should spike sometimes, got {total}");
            for (var t = 0; t < expected[l].Length; t++)
                Assert.True(expected[l][t].SequenceEqual(actual.Spikes[l][t]),
                    $"layer {l + 1}, step {t}: expected [{string.Join("", expected[l][t].Select(s => s ? 1 : 0))}], engine [{string.Join("", actual.Spikes[l][t].Select(s => s ? 1 : 0))}]");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Two_layer_lif_network_spikes_exactly_as_the_discrete_update(int seed)
    {
        var (graph, layers) = Chain(seed, n => Graphs.Lif(n, tauSeconds: 0.005f), [6, 10, 5]);
        var input = Graphs.Uniform(new Random(seed + 100), 6, 0, 1);
        const int steps = 40;

        using var engine = new EngineInference(NirToSpec.Convert(graph), steps);
        var result = engine.Run(input);

        Assert.Equal("cpu", engine.BackendName);
        AssertSameSpikes(DiscreteReference.Run(layers, input, steps, Dt), result);
    }

    [Fact]
    public void Lif_with_leak_reset_resistance_and_per_neuron_parameters_matches_the_discrete_update()
    {
        var random = new Random(11);
        NirNode Heterogeneous(int n) => new NirLif(
            NirTensor.Vector([.. Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 0.004f : 0.012f)]),
            NirTensor.Vector(Graphs.Uniform(random, n, 0.7, 1.5)),
            NirTensor.Filled(n, 0.1f), NirTensor.Filled(n, 0.9f), NirTensor.Filled(n, -0.2f));
        var (graph, layers) = Chain(4, Heterogeneous, [5, 8, 6]);
        var input = Graphs.Uniform(new Random(9), 5, 0.5, 2);

        var converted = NirToSpec.Convert(graph);
        using var engine = new EngineInference(converted, 50);

        Assert.Equal(2, converted.Layers[0].Populations.Count);
        AssertSameSpikes(DiscreteReference.Run(layers, input, 50, Dt), engine.Run(input));
    }

    [Fact]
    public void If_network_spikes_exactly_as_the_discrete_update()
    {
        var (graph, layers) = Chain(5, n => Graphs.If(n, Dt, threshold: 1.5f), [6, 9, 4]);
        var input = Graphs.Uniform(new Random(50), 6, 0, 1);

        using var engine = new EngineInference(NirToSpec.Convert(graph), 40);

        AssertSameSpikes(DiscreteReference.Run(layers, input, 40, Dt), engine.Run(input));
    }

    [Fact]
    public void Readout_scores_are_the_final_affine_of_the_last_layer_spike_rates_as_the_model_averages_over_time()
    {
        var (graph, layers) = Chain(6, n => Graphs.Lif(n, 0.008f), [4, 7, 5], readout: true);
        var readout = (NirAffine)graph.Nodes["readout"];
        var input = Graphs.Uniform(new Random(60), 4, 0, 1);

        using var engine = new EngineInference(NirToSpec.Convert(graph), 30);
        var result = engine.Run(input);

        var counts = DiscreteReference.Run(layers, input, 30, Dt)[^1].Aggregate(new int[5], (c, step) => [.. c.Zip(step, (a, s) => a + (s ? 1 : 0))]);
        Assert.Equal(counts, result.SpikeCounts[^1]);
        // The model's score is the readout averaged over the 30 steps: W·(counts / 30) + b.
        var expected = Enumerable.Range(0, 3).Select(k => readout.Bias.Data[k] + Enumerable.Range(0, 5).Sum(n => (double)readout.Weight[k, n] * counts[n] / 30)).ToArray();
        Assert.Equal(expected, result.Scores, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(Array.IndexOf(expected, expected.Max()), result.Prediction);
    }

    [Fact]
    public void Cpu_and_reference_backends_agree_on_pulse_current_networks()
    {
        var (graph, _) = Chain(8, n => Graphs.Lif(n, 0.004f), [6, 24, 16, 8]);
        var converted = NirToSpec.Convert(graph);
        var input = Graphs.Uniform(new Random(80), 6, 1, 3);

        using var cpu = new EngineInference(converted, 40, "cpu");
        using var reference = new EngineInference(converted, 40, "reference");
        var a = cpu.Run(input);
        var b = reference.Run(input);

        Assert.True(a.SpikeCounts.All(c => c.Sum() > 0), $"every layer should spike, got {string.Join(", ", a.SpikeCounts.Select(c => c.Sum()))}");
        for (var l = 0; l < a.Spikes.Count; l++)
            for (var t = 0; t < 40; t++) Assert.Equal(b.Spikes[l][t], a.Spikes[l][t]);
    }

    [Fact]
    public void A_flatten_before_the_first_affine_changes_nothing()
    {
        var (graph, layers) = Chain(1, n => Graphs.Lif(n, tauSeconds: 0.005f), [6, 10, 5]);
        var nodes = graph.Nodes.ToDictionary(n => n.Key, n => n.Value);
        nodes["flat"] = new NirFlatten(0, -1, [2, 3]);
        nodes["input"] = new NirInput([2, 3]);
        var edges = graph.Edges.Where(e => e.Source != "input").Append(new NirEdge("input", "flat")).Append(new NirEdge("flat", "fc1")).ToList();
        var input = Graphs.Uniform(new Random(101), 6, 0, 1);

        using var engine = new EngineInference(NirToSpec.Convert(new NirGraph(nodes, edges)), 40);
        AssertSameSpikes(DiscreteReference.Run(layers, input, 40, Dt), engine.Run(input));
    }

    [Fact]
    public void Unsupported_nodes_are_named_in_the_error()
    {
        var random = new Random(1);
        var graph = NirGraph.Sequential(("input", new NirInput([4])), ("fc", Graphs.Affine(random, 4, 4, 1)),
            ("gate", new NirThreshold(NirTensor.Filled(4, 0.5f))), ("lif", Graphs.Lif(4, 0.01f)), ("output", new NirOutput([4])));

        var message = Assert.Throws<NirFormatException>(() => NirToSpec.Convert(graph)).Message;

        Assert.StartsWith("node 'gate' (Threshold): not supported by the engine conversion", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Branching_graphs_are_rejected_naming_the_branch_point()
    {
        var graph = Chain(3, n => Graphs.Lif(n, 0.01f), [3, 4]).Graph;
        var nodes = graph.Nodes.ToDictionary();
        nodes["extra"] = new NirOutput([4]);
        var branched = new NirGraph(nodes, [.. graph.Edges, new NirEdge("n1", "extra")]);

        var message = Assert.Throws<NirFormatException>(() => NirToSpec.Convert(branched)).Message;

        Assert.Contains("node 'n1' (LIF)", message, StringComparison.Ordinal);
        Assert.Contains("feeds 2 nodes", message, StringComparison.Ordinal);
    }
}
