using Cortex.Input;
using Cortex.Nir.Nodes;
using PureHDF;
using PureHDF.VOL.Native;

namespace Cortex.Nir;

/// <summary>
/// Parses the HDF5 tree written by <c>nir.write</c> (see <see cref="NirFile"/>) into node records.
/// Accepts what the Python reader accepts: any float or integer dtype for parameters (stored as float32
/// here), missing <c>v_reset</c> (zeros, pre-1.0 files), Conv2d padding "same"/"valid", and an empty
/// edge list written as an empty float array.
/// </summary>
internal static class NirReader
{
    /// <summary>Every type name the reader understands, for the unknown-type message.</summary>
    public static readonly IReadOnlyList<string> SupportedTypes =
        ["NIRGraph", "Input", "Output", "Affine", "Linear", "Scale", "Threshold", "Conv2d", "SumPool2d", "Flatten", "LIF", "CubaLIF", "IF"];

    public static NirGraph Read(string path)
    {
        var file = Path.GetFileName(path);
        if (!InputFile.Exists(path, "NIR file", InputFile.BinaryCap)) throw new NirFormatException($"{file}: file not found ({path})");
        NativeFile h5;
        try
        {
            h5 = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new NirFormatException($"{file}: not an HDF5 file ({e.Message})", e);
        }
        using (h5)
        {
            try
            {
                var root = h5.LinkExists("node") ? h5.Get("node") as IH5Group : null;
                if (root is null)
                    throw new NirFormatException($"{file}: no 'node' group at the root; a NIR file holds its graph in /node");
                var versionDataset = h5.LinkExists("version") ? h5.Get("version") as IH5Dataset : null;
                var version = versionDataset is null ? null : ReadString(versionDataset);
                var node = ReadNode(new Place(file, "", root));
                if (node is not NirGraph graph)
                    throw new NirFormatException($"{file}: /node is a {node.TypeName}, expected a NIRGraph");
                return graph with { Version = version };
            }
            catch (NirFormatException)
            {
                throw;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new NirFormatException($"{file}: unreadable HDF5 content ({e.Message})", e);
            }
        }
    }

    private static NirNode ReadNode(Place at)
    {
        var type = at.TypeName();
        return type switch
        {
            "NIRGraph" => ReadGraph(at),
            "Input" => new NirInput(at.Ints("shape")),
            "Output" => new NirOutput(at.Ints("shape")),
            "Affine" => new NirAffine(at.Tensor("weight", rank: 2), at.Tensor("bias", rank: 1)),
            "Linear" => new NirLinear(at.Tensor("weight", rank: 2)),
            "Scale" => new NirScale(at.Tensor("scale")),
            "Threshold" => new NirThreshold(at.Tensor("threshold")),
            "Conv2d" => ReadConv2d(at),
            "SumPool2d" => new NirSumPool2d(at.Pair("kernel_size"), at.Pair("stride"), at.Pair("padding")),
            "Flatten" => new NirFlatten(at.Int("start_dim"), at.Int("end_dim"), at.Has("input_type") ? at.Ints("input_type") : null),
            "LIF" => new NirLif(at.Tensor("tau"), at.Tensor("r"), at.Tensor("v_leak"), at.Tensor("v_threshold"), ResetOrZeros(at)),
            "CubaLIF" => new NirCubaLif(at.Tensor("tau_syn"), at.Tensor("tau_mem"), at.Tensor("r"), at.Tensor("v_leak"),
                at.Tensor("v_threshold"), ResetOrZeros(at), at.Tensor("w_in")),
            "IF" => new NirIf(at.Tensor("r"), at.Tensor("v_threshold"), ResetOrZeros(at)),
            _ => throw at.NodeError($"unknown node type '{type}'; supported: {string.Join(", ", SupportedTypes)}"),
        };
    }

    // Files written before NIR 1.0 have no v_reset; nir.read fills zeros shaped like v_threshold.
    private static NirTensor ResetOrZeros(Place at)
    {
        if (at.Has("v_reset")) return at.Tensor("v_reset");
        var threshold = at.Tensor("v_threshold");
        return new NirTensor(threshold.Shape, new float[threshold.Length]);
    }

    private static NirConv2d ReadConv2d(Place at)
    {
        var weight = at.Tensor("weight", rank: 4);
        var dilation = at.Pair("dilation");
        var padding = at.IsString("padding")
            ? SymbolicPadding(at, at.String("padding"), weight, dilation)
            : at.Pair("padding");
        return new NirConv2d(weight, at.Tensor("bias", rank: 1), at.Pair("stride"), padding, dilation, at.Int("groups"),
            at.Has("input_shape") ? at.Ints("input_shape") : null);
    }

    // PyTorch's "same" pads (dilation·(k − 1)) / 2 on each side, which is symmetric only for odd extents.
    private static int[] SymbolicPadding(Place at, string padding, NirTensor weight, int[] dilation)
    {
        if (padding == "valid") return [0, 0];
        if (padding != "same") throw at.ParameterError("padding", $"must be 'same', 'valid' or integers, got '{padding}'");
        var result = new int[2];
        for (var d = 0; d < 2; d++)
        {
            var extent = dilation[d] * (weight.Shape[2 + d] - 1);
            if (extent % 2 != 0) throw at.ParameterError("padding", "'same' with an even kernel extent pads asymmetrically, which Conv2d here cannot express");
            result[d] = extent / 2;
        }
        return result;
    }

    private static NirGraph ReadGraph(Place at)
    {
        if (!at.Group.LinkExists("nodes") || at.Group.Get("nodes") is not IH5Group nodesGroup)
            throw at.ParameterError("nodes", "is missing (a NIRGraph holds its nodes in a 'nodes' group)");
        var nodes = new Dictionary<string, NirNode>(StringComparer.Ordinal);
        foreach (var child in nodesGroup.Children())
        {
            if (child is not IH5Group group) throw at.NodeError($"nodes/{child.Name} is not a group");
            nodes[child.Name] = ReadNode(new Place(at.File, at.Child(child.Name), group));
        }
        return new NirGraph(nodes, ReadEdges(at));
    }

    private static List<NirEdge> ReadEdges(Place at)
    {
        var dataset = at.Dataset("edges");
        var dims = dataset.Space.Dimensions;
        // nir.write of an empty edge list stores numpy's empty float array.
        if (dims.Aggregate(1UL, (a, b) => a * b) == 0) return [];
        if (dataset.Type.Class != H5DataTypeClass.VariableLength && dataset.Type.Class != H5DataTypeClass.String)
            throw at.ParameterError("edges", $"must hold strings, got {dataset.Type.Class}");
        if (dims.Length != 2 || dims[1] != 2)
            throw at.ParameterError("edges", $"must have shape [E, 2] (source, target), got [{string.Join(", ", dims)}]");
        var flat = dataset.Read<string[]>();
        var edges = new List<NirEdge>();
        for (var i = 0; i + 1 < flat.Length; i += 2) edges.Add(new NirEdge(flat[i], flat[i + 1]));
        return edges;
    }

    internal static string ReadString(IH5Dataset dataset)
    {
        if (dataset.Space.Rank == 0) return dataset.Read<string>();
        var values = dataset.Read<string[]>();
        return values.Length == 1 ? values[0] : throw new InvalidDataException($"expected one string, got {values.Length}");
    }

    /// <summary>Where the reader is: file, node path and the node's group, for reading and for messages.</summary>
    private sealed record Place(string File, string Path, IH5Group Group)
    {
        private string? _type;

        public string Child(string name) => Path.Length == 0 ? name : $"{Path}/{name}";

        private string Describe => Path.Length == 0 ? "top-level graph /node" : $"node '{Path}'";

        public string TypeName()
        {
            if (_type is not null) return _type;
            if (!Has("type"))
                throw new NirFormatException($"{File}: {Describe}: dataset 'type' is missing (every NIR node names its type)");
            if (!IsString("type")) throw new NirFormatException($"{File}: {Describe}: 'type' must be a string");
            _type = ReadString(Dataset("type"));
            return _type;
        }

        public NirFormatException NodeError(string message) =>
            new($"{File}: {Describe}{(_type is null ? "" : $" ({_type})")}: {message}");

        public NirFormatException ParameterError(string parameter, string message) =>
            NodeError($"parameter '{parameter}' {message}");

        public bool Has(string name) => Group.LinkExists(name);

        public IH5Dataset Dataset(string name)
        {
            if (!Has(name)) throw ParameterError(name, "is missing");
            return Group.Get(name) as IH5Dataset ?? throw ParameterError(name, "must be a dataset, found a group");
        }

        public bool IsString(string name) =>
            Group.Get(name) is IH5Dataset d && d.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength;

        public string String(string name) => ReadString(Dataset(name));

        public NirTensor Tensor(string name, int? rank = null)
        {
            var dataset = Dataset(name);
            var shape = dataset.Space.Dimensions.Select(d => (int)d).ToArray();
            if (rank is { } expected && shape.Length != expected)
                throw ParameterError(name, $"must have rank {expected}, got shape [{string.Join(", ", shape)}]");
            var values = Numbers(name, dataset);
            for (var i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i]))
                    throw ParameterError(name, $"must be finite, got {values[i]} at flat index {i}");
            return new NirTensor(shape, [.. values.Select(v => (float)v)]);
        }

        public int[] Ints(string name)
        {
            var values = Numbers(name, Dataset(name));
            var result = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != Math.Floor(values[i]) || Math.Abs(values[i]) > int.MaxValue)
                    throw ParameterError(name, $"must hold integers, got {values[i]} at index {i}");
                result[i] = (int)values[i];
            }
            return result;
        }

        public int Int(string name)
        {
            var values = Ints(name);
            return values.Length == 1 ? values[0] : throw ParameterError(name, $"must be one integer, got {values.Length} values");
        }

        // Conv and pooling sizes are (height, width); a single number applies to both, as in PyTorch.
        public int[] Pair(string name)
        {
            var values = Ints(name);
            return values.Length switch
            {
                1 => [values[0], values[0]],
                2 => values,
                _ => throw ParameterError(name, $"must be one or two integers (height, width), got {values.Length}"),
            };
        }

        private double[] Numbers(string name, IH5Dataset dataset)
        {
            var type = dataset.Type;
            var scalar = dataset.Space.Rank == 0;
            double[] Get<T>(Func<T, double> convert) where T : unmanaged =>
                scalar ? [convert(dataset.Read<T>())] : [.. dataset.Read<T[]>().Select(convert)];
            return type.Class switch
            {
                H5DataTypeClass.FloatingPoint when type.Size == 4 => Get<float>(v => v),
                H5DataTypeClass.FloatingPoint when type.Size == 8 => Get<double>(v => v),
                H5DataTypeClass.FixedPoint when type.FixedPoint.IsSigned => type.Size switch
                {
                    1 => Get<sbyte>(v => v),
                    2 => Get<short>(v => v),
                    4 => Get<int>(v => v),
                    8 => Get<long>(v => v),
                    _ => throw ParameterError(name, $"has an unsupported {type.Size}-byte integer type"),
                },
                H5DataTypeClass.FixedPoint => type.Size switch
                {
                    1 => Get<byte>(v => v),
                    2 => Get<ushort>(v => v),
                    4 => Get<uint>(v => v),
                    8 => Get<ulong>(v => v),
                    _ => throw ParameterError(name, $"has an unsupported {type.Size}-byte integer type"),
                },
                H5DataTypeClass.BitField when type.Size == 1 => Get<byte>(v => v),
                _ => throw ParameterError(name, $"must be numeric, got HDF5 class {type.Class} ({type.Size} bytes)"),
            };
        }
    }
}
