using Cortex.Nir.Nodes;
using PureHDF;

namespace Cortex.Nir.Tests;

/// <summary>
/// Files laid out exactly as the Python reference library's <c>nir.write</c> lays them out, built here with
/// PureHDF's own API (not our writer): root dataset <c>version</c> and group <c>node</c>; a graph has the
/// string dataset <c>type</c>, group <c>nodes</c> and an [E, 2] string dataset <c>edges</c>; a primitive is a
/// group with a string dataset <c>type</c> and one dataset per parameter (numpy dtypes kept: float32 arrays,
/// float64 where numpy defaulted, int64 for Python ints and shapes).
/// </summary>
public sealed class NirSpecLayoutTests
{
    [Fact]
    public void Reader_gets_every_value_of_a_file_in_the_reference_layout()
    {
        using var file = new TempFile();
        float[] weight = [0.5f, -1.25f, 2f, 0.125f, -0.75f, 3.5f];
        new H5File
        {
            ["version"] = "1.0.7",
            ["node"] = new H5Group
            {
                ["type"] = "NIRGraph",
                ["edges"] = new H5Dataset<string[]>(["input", "fc", "fc", "lif", "lif", "if", "if", "output"], fileDims: [4, 2]),
                ["nodes"] = new H5Group
                {
                    ["input"] = new H5Group { ["type"] = "Input", ["shape"] = new long[] { 3 } },
                    ["fc"] = new H5Group
                    {
                        ["type"] = "Affine",
                        ["weight"] = new H5Dataset<float[]>(weight, fileDims: [2, 3]),
                        ["bias"] = new float[] { 0.25f, -0.5f },
                    },
                    // A pre-1.0 LIF: no v_reset (read as zeros), float64 parameters as numpy defaults to.
                    ["lif"] = new H5Group
                    {
                        ["type"] = "LIF",
                        ["tau"] = new double[] { 0.01, 0.02 },
                        ["r"] = new double[] { 1, 2 },
                        ["v_leak"] = new double[] { 0, 0.1 },
                        ["v_threshold"] = new double[] { 1, 1.5 },
                    },
                    ["if"] = new H5Group
                    {
                        ["type"] = "IF",
                        ["r"] = new float[] { 1000, 1000 },
                        ["v_threshold"] = new float[] { 1, 2 },
                        ["v_reset"] = new float[] { -0.5f, 0 },
                    },
                    ["output"] = new H5Group { ["type"] = "Output", ["shape"] = new long[] { 2 } },
                    ["conv"] = new H5Group
                    {
                        ["type"] = "Conv2d",
                        ["weight"] = new H5Dataset<float[]>(new float[4 * 2 * 3 * 3], fileDims: [4, 2, 3, 3]),
                        ["bias"] = new float[4],
                        ["stride"] = new long[] { 1, 1 },
                        ["padding"] = "same",
                        ["dilation"] = new long[] { 2, 2 },
                        ["groups"] = 1L,
                        ["input_shape"] = new long[] { 8, 8 },
                    },
                    ["flat"] = new H5Group { ["type"] = "Flatten", ["start_dim"] = 0L, ["end_dim"] = -1L, ["input_type"] = new long[] { 4, 8, 8 } },
                },
            },
        }.Write(file.Path);

        var graph = NirFile.Read(file.Path);

        Assert.Equal("1.0.7", graph.Version);
        Assert.Equal([new NirEdge("input", "fc"), new NirEdge("fc", "lif"), new NirEdge("lif", "if"), new NirEdge("if", "output")], graph.Edges);
        Assert.Equal([3], Assert.IsType<NirInput>(graph.Nodes["input"]).Shape);
        Assert.Equal([2], Assert.IsType<NirOutput>(graph.Nodes["output"]).Shape);
        var fc = Assert.IsType<NirAffine>(graph.Nodes["fc"]);
        Assert.Equal([2, 3], fc.Weight.Shape);
        Assert.Equal(weight, fc.Weight.Data);
        Assert.Equal(-1.25f, fc.Weight[0, 1]);
        Assert.Equal(-0.75f, fc.Weight[1, 1]);
        Assert.Equal([0.25f, -0.5f], fc.Bias.Data);
        var lif = Assert.IsType<NirLif>(graph.Nodes["lif"]);
        Assert.Equal([0.01f, 0.02f], lif.Tau.Data);
        Assert.Equal([1f, 2f], lif.R.Data);
        Assert.Equal([0f, 0.1f], lif.VLeak.Data);
        Assert.Equal([1f, 1.5f], lif.VThreshold.Data);
        Assert.Equal([0f, 0f], lif.VReset.Data);
        var neuron = Assert.IsType<NirIf>(graph.Nodes["if"]);
        Assert.Equal([1000f, 1000f], neuron.R.Data);
        Assert.Equal([-0.5f, 0f], neuron.VReset.Data);
        var conv = Assert.IsType<NirConv2d>(graph.Nodes["conv"]);
        Assert.Equal([2, 2], conv.Padding); // "same" with a dilated 3×3 kernel pads dilation·(k − 1)/2
        Assert.Equal([2, 2], conv.Dilation);
        Assert.Equal(1, conv.Groups);
        Assert.Equal([8, 8], conv.InputShape!);
        var flat = Assert.IsType<NirFlatten>(graph.Nodes["flat"]);
        Assert.Equal((0, -1), (flat.StartDim, flat.EndDim));
        Assert.Equal([4, 8, 8], flat.InputType!);
    }

    [Fact]
    public void Writer_stores_the_reference_types_strings_and_shapes()
    {
        var random = new Random(3);
        var graph = NirGraph.Sequential(("input", new NirInput([3])), ("fc", Graphs.Affine(random, 2, 3, 1)),
            ("lif", Graphs.Lif(2, 0.01f)), ("output", new NirOutput([2])));
        using var file = new TempFile();
        NirFile.Write(file.Path, graph);

        using var h5 = H5File.OpenRead(file.Path);
        var version = h5.Dataset("version");
        Assert.Equal(H5DataTypeClass.VariableLength, version.Type.Class);
        Assert.Equal(0, version.Space.Rank);
        var node = h5.Group("node");
        Assert.Equal("NIRGraph", node.Dataset("type").Read<string>());
        var edges = node.Dataset("edges");
        Assert.Equal([3UL, 2UL], edges.Space.Dimensions);
        Assert.Equal(["input", "fc", "fc", "lif", "lif", "output"], edges.Read<string[]>());
        var fc = node.Group("nodes").Group("fc");
        Assert.Equal("Affine", fc.Dataset("type").Read<string>());
        Assert.Equal(H5DataTypeClass.FloatingPoint, fc.Dataset("weight").Type.Class);
        Assert.Equal(4, fc.Dataset("weight").Type.Size);
        Assert.Equal([2UL, 3UL], fc.Dataset("weight").Space.Dimensions);
        var shape = node.Group("nodes").Group("input").Dataset("shape");
        Assert.Equal((H5DataTypeClass.FixedPoint, 8), (shape.Type.Class, shape.Type.Size));
        Assert.Equal(["r", "tau", "type", "v_leak", "v_reset", "v_threshold"], node.Group("nodes").Group("lif").Children().Select(c => c.Name).Order());
    }
}
