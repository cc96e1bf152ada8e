using Cortex.Nir.Engine;
using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

/// <summary>
/// NIR files written by other tools (Norse, Rockpool, sinabs, snnTorch; see Fixtures/README.md) are read, with the
/// structure and parameters their authors published; the single-LIF graph also runs on the engine and fires at the
/// closed-form period. Graphs the engine conversion does not cover (convolutions, recurrence) are refused with a
/// message naming the node.
/// </summary>
public sealed class ForeignNirFileTests
{
    private static string Fixture(string tool, string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", tool, file);

    private static T Single<T>(NirGraph graph) where T : NirNode => Assert.Single(graph.Nodes.Values.OfType<T>());

    /// <summary>
    /// The NIR paper's notebooks print these graphs as Input(1) → Affine → LIF(τ = 0.0025, v_leak = 0, θ = 0.1) → Output,
    /// with r = 1 from Norse and r = 24.019737 from Rockpool (which folds its input scaling into r).
    /// </summary>
    [Theory]
    [InlineData("norse", "lif_norse.nir", 1.0)]
    [InlineData("rockpool", "lif_rockpool.nir", 24.019737)]
    public void SingleLif_IsReadWithThePublishedParameters(string tool, string file, double r)
    {
        var graph = NirFile.Read(Fixture(tool, file));
        Assert.Equal([1], Single<NirInput>(graph).Shape);
        var lif = Single<NirLif>(graph);
        Assert.Equal(0.0025, lif.Tau.Data[0], 6);
        Assert.Equal(r, lif.R.Data[0], 5);
        Assert.Equal(0.0, lif.VLeak.Data[0], 6);
        Assert.Equal(0.1, lif.VThreshold.Data[0], 6);
    }

    /// <summary>
    /// Norse's LIF on the engine at the paper's dt = 0.1 ms: under a constant input x the discrete update
    /// v ← v + (1 − e^(−dt/τ))(r·x − v) from v = 0 reaches θ after P = ⌈ln(1 − θ/(r·x)) / ln(e^(−dt/τ))⌉ steps and
    /// resets to 0, so it fires every P steps.
    /// </summary>
    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.15f)]
    [InlineData(2f)]
    public void NorseLif_RunsOnTheEngine_AndFiresAtTheClosedFormPeriod(float x)
    {
        const double dt = 1e-4, tau = 0.0025, threshold = 0.1;
        const int steps = 200;
        var network = NirToSpec.Convert(NirFile.Read(Fixture("norse", "lif_norse.nir")), new NirConversionOptions { DtSeconds = dt });
        using var engine = new EngineInference(network, steps);
        var spikes = Assert.Single(engine.Run([x]).Spikes);

        var period = (int)Math.Ceiling(Math.Log(1 - threshold / x) / (-dt / tau));
        var expected = Enumerable.Range(0, steps).Where(t => (t + 1) % period == 0).ToArray();
        Assert.Equal(expected, Enumerable.Range(0, steps).Where(t => spikes[t][0]).ToArray());
    }

    /// <summary>The N-MNIST network of the NIR paper (its README gives the PyTorch definition this checks).</summary>
    [Fact]
    public void SinabsCnn_IsReadAsPublished_AndConvertsToTheEngine()
    {
        var graph = NirFile.Read(Fixture("sinabs", "cnn_sinabs.nir"));
        var convolutions = graph.Nodes.Values.OfType<NirConv2d>().Select(c => string.Join("x", c.Weight.Shape)).Order(StringComparer.Ordinal);
        Assert.Equal(["16x16x3x3", "16x2x5x5", "8x16x3x3"], convolutions);
        Assert.Equal(2, graph.Nodes.Values.OfType<NirSumPool2d>().Count());
        Assert.Single(graph.Nodes.Values.OfType<NirFlatten>());
        var dense = graph.Nodes.Values.Select(n => n switch { NirLinear l => l.Weight, NirAffine a => a.Weight, _ => null }).OfType<NirTensor>()
            .Select(w => string.Join("x", w.Shape)).Order(StringComparer.Ordinal);
        Assert.Equal(["10x256", "256x128"], dense);
        Assert.Equal(5, graph.Nodes.Values.OfType<NirIf>().Count());

        // Its convolutions and sum pools become explicit synapses: one engine layer per IF node, sized as the node.
        var converted = NirToSpec.Convert(graph);
        var ifNodes = graph.Nodes.Where(n => n.Value is NirIf).ToDictionary(n => n.Key, n => ((NirIf)n.Value).NeuronShape.Aggregate(1, (a, b) => a * b));
        Assert.Equal(5, converted.Layers.Count);
        Assert.All(converted.Layers, layer => Assert.Equal(ifNodes[layer.NodeName], layer.Size));
        Assert.Equal(2 * 34 * 34, converted.InputMap.InputSize);
    }

    /// <summary>The recurrent Braille reader (NIR paper's README: 12 taxels in, 38 or 40 CubaLIF neurons in "lif1.lif", 7 classes out).</summary>
    [Theory]
    [InlineData("braille_noDelay_bias_zero.nir", 38)]
    [InlineData("braille_noDelay_noBias_subtract.nir", 40)]
    public void SnnTorchBraille_IsReadAsPublished_AndItsRecurrenceIsRefusedByName(string file, int hidden)
    {
        var graph = NirFile.Read(Fixture("snntorch", file));
        Assert.Equal([12], Single<NirInput>(graph).Shape);
        var lif1 = Assert.IsType<NirCubaLif>(graph.Nodes["lif1.lif"]);
        Assert.Equal([hidden], lif1.NeuronShape);
        // The hidden layer feeds back into itself.
        Assert.Contains(graph.Edges, e => e.Target == "lif1.lif" && e.Source != "fc1" && graph.Edges.Any(back => back.Source == "lif1.lif" && back.Target == e.Source));
        Assert.Contains(graph.Nodes.Values.OfType<INirNeuronNode>(), n => n.NeuronShape.SequenceEqual([7]));

        var error = Assert.Throws<NirFormatException>(() => NirToSpec.Convert(graph));
        Assert.Contains("node 'lif1.lif' (CubaLIF): not supported by the engine conversion: it has several inputs", error.Message, StringComparison.Ordinal);
    }
}
