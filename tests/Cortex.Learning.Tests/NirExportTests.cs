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

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
