using Cortex.Nir.Nodes;

namespace Cortex.Nir;

/// <summary>
/// Structural checks of a NIR graph that the HDF5 layout alone cannot guarantee: edges name existing
/// nodes, every graph has an Input and an Output, parameter shapes agree within a node (Affine weight
/// [out, in] vs bias [out], per-neuron arrays of one shape) and element counts agree along edges where
/// both ends know them. Reports every problem, each with its node path.
/// </summary>
public static class NirValidator
{
    /// <summary>All problems of <paramref name="graph"/>, one line each, prefixed with <paramref name="source"/>.</summary>
    public static IReadOnlyList<string> Validate(NirGraph graph, string source = "graph")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var problems = new List<string>();
        CheckGraph(graph, "", source, problems);
        return problems;
    }

    /// <summary>Throws <see cref="NirFormatException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(NirGraph graph, string source = "graph")
    {
        var problems = Validate(graph, source);
        if (problems.Count > 0) throw new NirFormatException(string.Join(Environment.NewLine, problems));
    }

    private static void CheckGraph(NirGraph graph, string path, string source, List<string> problems)
    {
        var where = path.Length == 0 ? $"{source}: graph" : $"{source}: node '{path}' (NIRGraph)";
        if (!graph.Nodes.Values.Any(n => n is NirInput)) problems.Add($"{where}: has no Input node");
        if (!graph.Nodes.Values.Any(n => n is NirOutput)) problems.Add($"{where}: has no Output node");
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var edge = graph.Edges[i];
            foreach (var end in new[] { edge.Source, edge.Target })
                if (!graph.Nodes.ContainsKey(end))
                    problems.Add($"{where}: edges[{i}] ({edge}) names node '{end}', which does not exist");
            if (graph.Nodes.TryGetValue(edge.Source, out var from) && graph.Nodes.TryGetValue(edge.Target, out var to)
                && OutputCount(from) is { } produced && InputCount(to) is { } expected && produced != expected)
                problems.Add($"{where}: edges[{i}] ({edge}) carries {produced} values but '{edge.Target}' ({to.TypeName}) takes {expected}");
        }
        foreach (var (name, node) in graph.Nodes)
        {
            var nodePath = path.Length == 0 ? name : $"{path}/{name}";
            if (node is NirGraph inner) CheckGraph(inner, nodePath, source, problems);
            else foreach (var problem in NodeProblems(node)) problems.Add($"{source}: node '{nodePath}' ({node.TypeName}): {problem}");
        }
    }

    private static IEnumerable<string> NodeProblems(NirNode node)
    {
        switch (node)
        {
            case NirInput { Shape: var shape } when shape.Any(d => d < 1):
            case NirOutput { Shape: var s2 } when s2.Any(d => d < 1):
                yield return "shape: every dimension must be >= 1";
                break;
            case NirAffine affine:
                if (affine.Weight.Rank != 2) yield return $"weight must be [out, in], got shape [{affine.Weight.ShapeText}]";
                else if (affine.Bias.Rank != 1 || affine.Bias.Length != affine.Weight.Shape[0])
                    yield return $"bias must be [{affine.Weight.Shape[0]}] to match weight [{affine.Weight.ShapeText}], got [{affine.Bias.ShapeText}]";
                break;
            case NirLinear linear when linear.Weight.Rank != 2:
                yield return $"weight must be [out, in], got shape [{linear.Weight.ShapeText}]";
                break;
            case NirLif lif:
                foreach (var p in SameShape(("tau", lif.Tau), ("r", lif.R), ("v_leak", lif.VLeak), ("v_threshold", lif.VThreshold), ("v_reset", lif.VReset))) yield return p;
                foreach (var p in Positive("tau", lif.Tau)) yield return p;
                break;
            case NirCubaLif cuba:
                foreach (var p in SameShape(("tau_syn", cuba.TauSyn), ("tau_mem", cuba.TauMem), ("r", cuba.R), ("v_leak", cuba.VLeak),
                    ("v_threshold", cuba.VThreshold), ("v_reset", cuba.VReset), ("w_in", cuba.WIn))) yield return p;
                foreach (var p in Positive("tau_syn", cuba.TauSyn).Concat(Positive("tau_mem", cuba.TauMem))) yield return p;
                break;
            case NirIf neuron:
                foreach (var p in SameShape(("r", neuron.R), ("v_threshold", neuron.VThreshold), ("v_reset", neuron.VReset))) yield return p;
                break;
            case NirConv2d conv:
                if (conv.Weight.Rank != 4) yield return $"weight must be [out, in/groups, kh, kw], got [{conv.Weight.ShapeText}]";
                else if (conv.Bias.Length != conv.Weight.Shape[0]) yield return $"bias must have {conv.Weight.Shape[0]} values (one per output channel), got {conv.Bias.Length}";
                if (conv.Groups < 1) yield return $"groups must be >= 1, got {conv.Groups}";
                foreach (var p in Pair("stride", conv.Stride, 1).Concat(Pair("dilation", conv.Dilation, 1)).Concat(Pair("padding", conv.Padding, 0))) yield return p;
                break;
            case NirSumPool2d pool:
                foreach (var p in Pair("kernel_size", pool.KernelSize, 1).Concat(Pair("stride", pool.Stride, 1)).Concat(Pair("padding", pool.Padding, 0))) yield return p;
                break;
        }
    }

    private static IEnumerable<string> SameShape(params (string Name, NirTensor Value)[] parameters)
    {
        var (firstName, first) = parameters[0];
        foreach (var (name, value) in parameters.Skip(1))
            if (!value.Shape.AsSpan().SequenceEqual(first.Shape))
                yield return $"{name} has shape [{value.ShapeText}] but {firstName} has [{first.ShapeText}]; per-neuron parameters must share one shape";
    }

    private static IEnumerable<string> Positive(string name, NirTensor value)
    {
        var bad = Array.FindIndex(value.Data, v => !(v > 0));
        if (bad >= 0) yield return $"{name} must be > 0 s, got {value.Data[bad]} at flat index {bad}";
    }

    private static IEnumerable<string> Pair(string name, int[] values, int minimum)
    {
        if (values.Length != 2) yield return $"{name} must be (height, width), got {values.Length} values";
        else if (values.Any(v => v < minimum)) yield return $"{name} must be >= {minimum}, got ({values[0]}, {values[1]})";
    }

    /// <summary>Number of values a node emits, where its own parameters fix it.</summary>
    internal static int? OutputCount(NirNode node) => node switch
    {
        NirInput input => Product(input.Shape),
        NirAffine { Weight.Rank: 2 } affine => affine.Weight.Shape[0],
        NirLinear { Weight.Rank: 2 } linear => linear.Weight.Shape[0],
        INirNeuronNode neurons => Product(neurons.NeuronShape),
        NirScale scale => scale.Scale.Length,
        NirThreshold threshold => threshold.Threshold.Length,
        NirFlatten { InputType: { } shape } => Product(shape),
        _ => null,
    };

    /// <summary>Number of values a node takes, where its own parameters fix it.</summary>
    internal static int? InputCount(NirNode node) => node switch
    {
        NirOutput output => Product(output.Shape),
        NirAffine { Weight.Rank: 2 } affine => affine.Weight.Shape[1],
        NirLinear { Weight.Rank: 2 } linear => linear.Weight.Shape[1],
        INirNeuronNode neurons => Product(neurons.NeuronShape),
        NirScale scale => scale.Scale.Length,
        NirThreshold threshold => threshold.Threshold.Length,
        NirFlatten { InputType: { } shape } => Product(shape),
        NirConv2d { Weight.Rank: 4, InputShape: [var h, var w] } conv => conv.Weight.Shape[1] * conv.Groups * h * w,
        _ => null,
    };

    private static int Product(int[] shape) => shape.Aggregate(1, (a, b) => a * b);
}
