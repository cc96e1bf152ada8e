using Cortex.Nir.Nodes;
using PureHDF;

namespace Cortex.Nir.Tests;

public sealed class NirMalformedFileTests
{
    private static H5Group Input(long size) => new() { ["type"] = "Input", ["shape"] = new[] { size } };

    private static H5Group Output(long size) => new() { ["type"] = "Output", ["shape"] = new[] { size } };

    private static H5Group Lif(bool withTau = true, float threshold = 1)
    {
        var group = new H5Group
        {
            ["type"] = "LIF",
            ["r"] = new float[] { 1, 1 },
            ["v_leak"] = new float[] { 0, 0 },
            ["v_threshold"] = new float[] { threshold, 1 },
        };
        if (withTau) group["tau"] = new float[] { 0.01f, 0.01f };
        return group;
    }

    private static string Message(H5Group nodes, string[]? edges = null, bool withNodeGroup = true)
    {
        using var file = new TempFile();
        edges ??= ["in", "lif1", "lif1", "out"];
        var root = new H5File { ["version"] = "1.0.7" };
        if (withNodeGroup)
            root["node"] = new H5Group
            {
                ["type"] = "NIRGraph",
                ["nodes"] = nodes,
                ["edges"] = new H5Dataset<string[]>(edges, fileDims: [(ulong)edges.Length / 2, 2]),
            };
        root.Write(file.Path);
        return Assert.Throws<NirFormatException>(() => NirFile.Read(file.Path)).Message;
    }

    [Fact]
    public void A_file_that_is_not_HDF5_is_named()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "this is a JSON spec, not a NIR graph");
        var message = Assert.Throws<NirFormatException>(() => NirFile.Read(file.Path)).Message;
        Assert.StartsWith("model.nir: not an HDF5 file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_node_group_is_named()
    {
        var message = Message([], withNodeGroup: false);
        Assert.StartsWith("model.nir: no 'node' group", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_parameter_names_file_node_type_and_parameter()
    {
        var message = Message(new H5Group { ["in"] = Input(2), ["lif1"] = Lif(withTau: false), ["out"] = Output(2) });
        Assert.Equal("model.nir: node 'lif1' (LIF): parameter 'tau' is missing", message);
    }

    [Fact]
    public void An_unknown_node_type_lists_the_supported_ones()
    {
        var message = Message(new H5Group { ["in"] = Input(2), ["lif1"] = new H5Group { ["type"] = "Izhikevich" }, ["out"] = Output(2) });
        Assert.Contains("node 'lif1'", message, StringComparison.Ordinal);
        Assert.Contains("unknown node type 'Izhikevich'", message, StringComparison.Ordinal);
        Assert.Contains("LIF, CubaLIF, IF", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weight_of_the_wrong_rank_is_named_with_its_shape()
    {
        var nodes = new H5Group
        {
            ["in"] = Input(2),
            ["lif1"] = new H5Group { ["type"] = "Affine", ["weight"] = new float[] { 1, 2 }, ["bias"] = new float[] { 0 } },
            ["out"] = Output(1),
        };
        Assert.Equal("model.nir: node 'lif1' (Affine): parameter 'weight' must have rank 2, got shape [2]", Message(nodes));
    }

    [Fact]
    public void NaN_is_named_with_its_index()
    {
        var message = Message(new H5Group { ["in"] = Input(2), ["lif1"] = Lif(threshold: float.NaN), ["out"] = Output(2) });
        Assert.Equal("model.nir: node 'lif1' (LIF): parameter 'v_threshold' must be finite, got NaN at flat index 0", message);
    }

    [Fact]
    public void A_node_without_a_type_is_named()
    {
        var message = Message(new H5Group { ["in"] = Input(2), ["lif1"] = new H5Group { ["tau"] = new float[] { 1 } }, ["out"] = Output(2) });
        Assert.Equal("model.nir: node 'lif1': dataset 'type' is missing (every NIR node names its type)", message);
    }

    [Fact]
    public void Edges_to_missing_nodes_and_shape_mismatches_are_all_reported()
    {
        var message = Message(new H5Group { ["in"] = Input(3), ["lif1"] = Lif(), ["out"] = Output(2) },
            ["in", "lif1", "lif1", "out", "lif1", "ghost"]);
        Assert.Contains("model.nir: graph: edges[0] (in -> lif1) carries 3 values but 'lif1' (LIF) takes 2", message, StringComparison.Ordinal);
        Assert.Contains("model.nir: graph: edges[2] (lif1 -> ghost) names node 'ghost', which does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inconsistent_per_neuron_shapes_are_reported_by_the_validator()
    {
        var lif = new NirLif(NirTensor.Filled(3, 0.01f), NirTensor.Filled(2, 1), NirTensor.Filled(2, 0), NirTensor.Filled(2, 1), NirTensor.Filled(2, 0));
        var graph = NirGraph.Sequential(("in", new NirInput([2])), ("lif1", lif), ("out", new NirOutput([2])));
        var problems = NirValidator.Validate(graph, "model.nir");
        Assert.Contains("model.nir: node 'lif1' (LIF): r has shape [2] but tau has [3]; per-neuron parameters must share one shape", problems);
    }
}
