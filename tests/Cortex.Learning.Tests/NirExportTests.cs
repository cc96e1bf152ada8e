using Cortex.Learning.Export;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Cortex.Nir;
using Cortex.Nir.Engine;
using Cortex.Nir.Nodes;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

[Collection(TorchGlobalState.Name)]
public sealed class NirExportTests : IDisposable
{
    private const string Mlp = """
        {"input_shape":[12], "steps":16, "encoder":{"type":"direct"},
         "layers":[{"type":"linear","out":20},{"type":"lif","tau":3},{"type":"linear","out":5},{"type":"lif","tau":2}]}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("cortex-nir-export-").FullName;

    [TorchFact]
    public void A_trained_mlp_becomes_a_chain_of_nir_nodes_with_its_parameters()
    {
        manual_seed(1);
        using var network = SpikingNetwork.FromJson(Mlp, LearningRegistry.BuiltIn());
        var graph = NirExporter.Export(network, dtSeconds: 1e-3);

        Assert.Equal(["input", "0_linear", "1_lif", "2_linear", "3_lif", "output"], graph.Edges.Select(e => e.Source).Append(graph.Edges[^1].Target));
        var affine = Assert.IsType<NirAffine>(graph.Nodes["0_linear"]);
        var linear = (Layers.TimeDistributedLinear)network.Layers[0].Module;
        Assert.Equal([20, 12], affine.Weight.Shape);
        Assert.Equal(linear.Weight.data<float>().ToArray(), affine.Weight.Data);
        Assert.Equal(linear.Bias!.data<float>().ToArray(), affine.Bias.Data);
        var lif = Assert.IsType<NirLif>(graph.Nodes["1_lif"]);
        Assert.All(lif.Tau.Data, tau => Assert.Equal(3e-3f, tau, 1e-9f));
        Assert.All(lif.R.Data, r => Assert.Equal(1f, r));
        Assert.All(lif.VThreshold.Data, v => Assert.Equal(1f, v));
        Assert.Equal([12], Assert.IsType<NirInput>(graph.Nodes["input"]).Shape);
        Assert.Equal([5], Assert.IsType<NirOutput>(graph.Nodes["output"]).Shape);
    }

    [TorchFact]
    public void The_exported_file_reads_back_with_every_parameter()
    {
        manual_seed(2);
        using var network = SpikingNetwork.FromJson(Mlp.Replace("\"lif\",\"tau\":3", "\"plif\",\"tau\":3,\"learn_threshold\":true", StringComparison.Ordinal), LearningRegistry.BuiltIn());
        var graph = NirExporter.Export(network);
        var path = Path.Combine(_directory, "mlp.nir");
        NirFile.Write(path, graph);
        var read = NirFile.Read(path);
        Assert.Equal(graph.Nodes.Keys.Order(StringComparer.Ordinal), read.Nodes.Keys.Order(StringComparer.Ordinal));
        var original = (NirAffine)graph.Nodes["2_linear"];
        var back = (NirAffine)read.Nodes["2_linear"];
        Assert.True(original.Weight.BitwiseEquals(back.Weight));
        Assert.True(((NirLif)graph.Nodes["1_plif"]).Tau.BitwiseEquals(((NirLif)read.Nodes["1_plif"]).Tau));
    }

    [TorchFact]
    public void The_engine_runs_the_exported_network_with_the_torch_models_spikes()
    {
        manual_seed(3);
        using var network = SpikingNetwork.FromJson(Mlp, LearningRegistry.BuiltIn());
        using (no_grad())
        {
            // Stronger weights than the default initialisation and biases near threshold, so every layer
            // spikes a fair amount and some charges come close to the threshold.
            foreach (var layer in network.Layers.Select(l => l.Module).OfType<Layers.TimeDistributedLinear>())
            {
                layer.Weight.mul_(3);
                layer.Bias!.fill_(0.9);
            }
        }
        network.eval();
        using var inputs = rand(24, 12);
        using var output = network.forward(inputs);
        var torchSpikes = output.data<float>().ToArray(); // [T, B, 5]

        var converted = NirToSpec.Convert(NirExporter.Export(network));
        using var engine = new EngineInference(converted, network.Steps);
        var mismatches = 0;
        var spikes = 0;
        for (var b = 0; b < 24; b++)
        {
            using var row = inputs[b];
            var result = engine.Run(row.data<float>().ToArray());
            var outputLayer = result.Spikes[^1];
            for (var t = 0; t < network.Steps; t++)
            {
                for (var n = 0; n < 5; n++)
                {
                    var torchSpike = torchSpikes[(t * 24 + b) * 5 + n] == 1f;
                    if (torchSpike) spikes++;
                    if (torchSpike != outputLayer[t][n]) mismatches++;
                }
            }
        }
        Assert.True(spikes > 100, $"only {spikes} output spikes: the case does not exercise the network");
        // Sums are taken in another order by the engine, so a charge landing within float rounding of the
        // threshold may differ; allow one such event in a thousand.
        Assert.True(mismatches <= 24 * 16 * 5 / 1000, $"{mismatches} of {24 * 16 * 5} output spike decisions differ");
    }

    [TorchFact]
    public void Layers_without_a_nir_equivalent_are_named_in_the_error()
    {
        using var adaptive = SpikingNetwork.FromJson(Mlp.Replace("\"lif\",\"tau\":3", "\"alif\",\"tau\":3", StringComparison.Ordinal), LearningRegistry.BuiltIn());
        Assert.StartsWith("layer 1 (alif):", Assert.Throws<ExportException>(() => NirExporter.Export(adaptive)).Message, StringComparison.Ordinal);

        using var soft = SpikingNetwork.FromJson(Mlp.Replace("\"lif\",\"tau\":2", "\"lif\",\"tau\":2,\"reset\":\"subtract\"", StringComparison.Ordinal), LearningRegistry.BuiltIn());
        Assert.Contains("reset by subtraction", Assert.Throws<ExportException>(() => NirExporter.Export(soft)).Message, StringComparison.Ordinal);
    }

    private const string ConvNet = """
        {"input_shape":[1,6,6], "steps":6, "encoder":{"type":"direct"},
         "layers":[{"type":"conv2d","out":4,"kernel":3,"padding":1,"bias":false},{"type":"tdbn"},{"type":"lif","tau":2},
                   {"type":"avgpool","kernel":2},{"type":"conv2d","out":6,"kernel":3,"padding":1},{"type":"tdbn","alpha":0.7},{"type":"plif","tau":2},
                   {"type":"sumpool","kernel":3},{"type":"flatten"},{"type":"linear","out":3}]}
        """;

    /// <summary>A conv network with non-trivial tdBN running statistics and affine parameters (as after training).</summary>
    private static SpikingNetwork TrainedLookingConvNet()
    {
        var network = SpikingNetwork.FromJson(ConvNet, LearningRegistry.BuiltIn());
        using (no_grad())
        {
            foreach (var norm in network.Layers.Select(l => l.Module).OfType<Layers.ThresholdDependentBatchNorm>())
            {
                norm.RunningMean.copy_(randn(norm.Channels) * 0.2);
                norm.RunningVar.copy_(rand(norm.Channels) * 0.5 + 0.2);
                norm.Weight.copy_(rand(norm.Channels) + 1.0);
                norm.Bias.copy_(randn(norm.Channels) * 0.2 + 0.3);
            }
        }
        network.eval();
        return network;
    }

    [TorchFact]
    public void Tdbn_is_folded_into_the_convolution_before_it()
    {
        manual_seed(4);
        using var network = TrainedLookingConvNet();
        var graph = NirExporter.Export(network);
        Assert.DoesNotContain(graph.Nodes.Keys, k => k.Contains("tdbn", StringComparison.Ordinal));
        var folded = Assert.IsType<NirConv2d>(graph.Nodes["0_conv2d"]);
        // conv(x; W', b') must equal tdBN(conv(x; W)) in evaluation mode.
        using var x = rand(5, 1, 6, 6);
        using var weight = tensor(folded.Weight.Data, [.. folded.Weight.Shape.Select(d => (long)d)]);
        using var bias = tensor(folded.Bias.Data);
        using var expected = network.Layers[1].Module.call(network.Layers[0].Module.call(x.unsqueeze(0)))[0];
        using var actual = nn.functional.conv2d(x, weight, bias, [1, 1], [1, 1]);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), "the folded convolution differs from conv + tdBN");
    }

    [TorchFact]
    public void The_engine_runs_an_exported_conv_network_with_the_torch_models_predictions()
    {
        manual_seed(5);
        using var network = TrainedLookingConvNet();
        using var inputs = rand(20, 1, 6, 6);
        using var output = network.forward(inputs);
        var torchScores = output.sum([0]).data<float>().ToArray();   // readout summed over time, [B, 3]
        var converted = NirToSpec.Convert(NirExporter.Export(network));
        Assert.Equal([4 * 36, 6 * 9], converted.Layers.Select(l => l.Size));
        using var engine = new EngineInference(converted, network.Steps);
        var agree = 0;
        for (var b = 0; b < 20; b++)
        {
            using var row = inputs[b].flatten();
            var result = engine.Run(row.data<float>().ToArray());
            var torchBest = Enumerable.Range(0, 3).MaxBy(k => torchScores[(b * 3) + k]);
            if (result.Prediction == torchBest) agree++;
            Assert.True(result.Spikes[0].Sum(step => step.Count(s => s)) > 0, $"sample {b}: the first conv layer never spikes");
        }
        Assert.True(agree >= 19, $"the engine agrees with the model on {agree} of 20 samples");
    }

    [TorchFact]
    public void A_tdbn_without_a_linear_map_before_it_is_named_in_the_error()
    {
        using var network = SpikingNetwork.FromJson(
            """{"input_shape":[4], "steps":2, "layers":[{"type":"tdbn"},{"type":"lif"},{"type":"linear","out":2}]}""", LearningRegistry.BuiltIn());
        Assert.StartsWith("layer 0 (tdbn): tdBN exports only folded", Assert.Throws<ExportException>(() => NirExporter.Export(network)).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
