using Cortex.Nir.Nodes;
using PureHDF;

namespace Cortex.Nir;

/// <summary>Builds the HDF5 tree of a graph in <c>nir.write</c>'s layout and writes it (see <see cref="NirFile"/>).</summary>
internal static class NirWriter
{
    public static void Write(string path, NirGraph graph)
    {
        var file = new H5File
        {
            ["version"] = graph.Version ?? NirGraph.CurrentVersion,
            ["node"] = NodeGroup(graph),
        };
        file.Write(path);
    }

    private static H5Group NodeGroup(NirNode node)
    {
        var group = new H5Group { ["type"] = node.TypeName };
        switch (node)
        {
            case NirGraph graph:
                var nodes = new H5Group();
                foreach (var (name, child) in graph.Nodes) nodes[name] = NodeGroup(child);
                group["nodes"] = nodes;
                group["edges"] = Edges(graph.Edges);
                break;
            case NirInput input:
                group["shape"] = Ints(input.Shape);
                break;
            case NirOutput output:
                group["shape"] = Ints(output.Shape);
                break;
            case NirAffine affine:
                group["weight"] = Tensor(affine.Weight);
                group["bias"] = Tensor(affine.Bias);
                break;
            case NirLinear linear:
                group["weight"] = Tensor(linear.Weight);
                break;
            case NirScale scale:
                group["scale"] = Tensor(scale.Scale);
                break;
            case NirThreshold threshold:
                group["threshold"] = Tensor(threshold.Threshold);
                break;
            case NirConv2d conv:
                group["weight"] = Tensor(conv.Weight);
                group["bias"] = Tensor(conv.Bias);
                group["stride"] = Ints(conv.Stride);
                group["padding"] = Ints(conv.Padding);
                group["dilation"] = Ints(conv.Dilation);
                group["groups"] = (long)conv.Groups;
                if (conv.InputShape is not null) group["input_shape"] = Ints(conv.InputShape);
                break;
            case NirSumPool2d pool:
                group["kernel_size"] = Ints(pool.KernelSize);
                group["stride"] = Ints(pool.Stride);
                group["padding"] = Ints(pool.Padding);
                break;
            case NirFlatten flatten:
                group["start_dim"] = (long)flatten.StartDim;
                group["end_dim"] = (long)flatten.EndDim;
                if (flatten.InputType is not null) group["input_type"] = Ints(flatten.InputType);
                break;
            case NirLif lif:
                group["tau"] = Tensor(lif.Tau);
                group["r"] = Tensor(lif.R);
                group["v_leak"] = Tensor(lif.VLeak);
                group["v_threshold"] = Tensor(lif.VThreshold);
                group["v_reset"] = Tensor(lif.VReset);
                break;
            case NirCubaLif cuba:
                group["tau_syn"] = Tensor(cuba.TauSyn);
                group["tau_mem"] = Tensor(cuba.TauMem);
                group["r"] = Tensor(cuba.R);
                group["v_leak"] = Tensor(cuba.VLeak);
                group["v_threshold"] = Tensor(cuba.VThreshold);
                group["v_reset"] = Tensor(cuba.VReset);
                group["w_in"] = Tensor(cuba.WIn);
                break;
            case NirIf neuron:
                group["r"] = Tensor(neuron.R);
                group["v_threshold"] = Tensor(neuron.VThreshold);
                group["v_reset"] = Tensor(neuron.VReset);
                break;
            default:
                throw new NotSupportedException($"node type '{node.TypeName}' ({node.GetType().Name}) cannot be written");
        }
        return group;
    }

    // numpy's C order is row-major, as NirTensor.Data; rank 0 is a scalar dataset.
    private static object Tensor(NirTensor tensor) => tensor.Rank == 0
        ? tensor.Data[0]
        : new H5Dataset<float[]>(tensor.Data, fileDims: Dims(tensor.Shape));

    // Python ints become int64 datasets in h5py.
    private static long[] Ints(int[] values) => [.. values.Select(v => (long)v)];

    private static H5Dataset<string[]> Edges(IReadOnlyList<NirEdge> edges) =>
        new([.. edges.SelectMany(e => new[] { e.Source, e.Target })], fileDims: [(ulong)edges.Count, 2]);

    private static ulong[] Dims(int[] shape) => [.. shape.Select(d => (ulong)d)];
}
