using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

public sealed class NirRoundTripTests
{
    [Fact]
    public void Write_then_read_preserves_every_parameter_of_every_primitive_bit_for_bit()
    {
        var graph = Graphs.EveryPrimitive(seed: 7);
        using var file = new TempFile();

        NirFile.Write(file.Path, graph);
        var read = NirFile.Read(file.Path);

        Assert.Equal(NirGraph.CurrentVersion, read.Version);
        Assert.Equal(graph.Edges, read.Edges);
        Assert.Equal(graph.Nodes.Keys.Order(), read.Nodes.Keys.Order());
        foreach (var (name, expected) in graph.Nodes)
            AssertSameNode(name, expected, read.Nodes[name]);
    }

    [Fact]
    public void Nested_graphs_and_empty_parameters_round_trip()
    {
        var inner = NirGraph.Sequential(("in", new NirInput([2])), ("w", new NirLinear(NirTensor.Matrix(2, 2, [1, -0f, float.Epsilon, 3]))), ("out", new NirOutput([2])));
        var graph = NirGraph.Sequential(("input", new NirInput([2])), ("sub", inner), ("output", new NirOutput([2])));
        using var file = new TempFile();

        NirFile.Write(file.Path, graph);
        var read = Assert.IsType<NirGraph>(NirFile.Read(file.Path).Nodes["sub"]);

        Assert.Equal(inner.Edges, read.Edges);
        Assert.True(((NirLinear)inner.Nodes["w"]).Weight.BitwiseEquals(((NirLinear)read.Nodes["w"]).Weight), "-0 and denormals survive");
    }

    private static void AssertSameNode(string name, NirNode expected, NirNode actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        void Same(NirTensor a, NirTensor b, string parameter) =>
            Assert.True(a.BitwiseEquals(b), $"{name}.{parameter}: [{a.ShapeText}] vs [{b.ShapeText}]");
        switch (expected, actual)
        {
            case (NirInput a, NirInput b): Assert.Equal(a.Shape, b.Shape); break;
            case (NirOutput a, NirOutput b): Assert.Equal(a.Shape, b.Shape); break;
            case (NirAffine a, NirAffine b): Same(a.Weight, b.Weight, "weight"); Same(a.Bias, b.Bias, "bias"); break;
            case (NirLinear a, NirLinear b): Same(a.Weight, b.Weight, "weight"); break;
            case (NirScale a, NirScale b): Same(a.Scale, b.Scale, "scale"); break;
            case (NirThreshold a, NirThreshold b): Same(a.Threshold, b.Threshold, "threshold"); break;
            case (NirConv2d a, NirConv2d b):
                Same(a.Weight, b.Weight, "weight"); Same(a.Bias, b.Bias, "bias");
                Assert.Equal(a.Stride, b.Stride); Assert.Equal(a.Padding, b.Padding); Assert.Equal(a.Dilation, b.Dilation);
                Assert.Equal(a.Groups, b.Groups); Assert.Equal(a.InputShape, b.InputShape);
                break;
            case (NirSumPool2d a, NirSumPool2d b):
                Assert.Equal(a.KernelSize, b.KernelSize); Assert.Equal(a.Stride, b.Stride); Assert.Equal(a.Padding, b.Padding);
                break;
            case (NirFlatten a, NirFlatten b):
                Assert.Equal(a.StartDim, b.StartDim); Assert.Equal(a.EndDim, b.EndDim); Assert.Equal(a.InputType, b.InputType);
                break;
            case (NirLif a, NirLif b):
                Same(a.Tau, b.Tau, "tau"); Same(a.R, b.R, "r"); Same(a.VLeak, b.VLeak, "v_leak");
                Same(a.VThreshold, b.VThreshold, "v_threshold"); Same(a.VReset, b.VReset, "v_reset");
                break;
            case (NirCubaLif a, NirCubaLif b):
                Same(a.TauSyn, b.TauSyn, "tau_syn"); Same(a.TauMem, b.TauMem, "tau_mem"); Same(a.R, b.R, "r");
                Same(a.VLeak, b.VLeak, "v_leak"); Same(a.VThreshold, b.VThreshold, "v_threshold");
                Same(a.VReset, b.VReset, "v_reset"); Same(a.WIn, b.WIn, "w_in");
                break;
            case (NirIf a, NirIf b):
                Same(a.R, b.R, "r"); Same(a.VThreshold, b.VThreshold, "v_threshold"); Same(a.VReset, b.VReset, "v_reset");
                break;
            default:
                Assert.Fail($"{name}: no comparison for {expected.GetType().Name}");
                break;
        }
    }
}
