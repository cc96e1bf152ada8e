namespace Cortex.Nir.Nodes;

/// <summary>
/// A NIR graph: named nodes and the edges between them (NIR <c>NIRGraph</c>). A graph can itself be a
/// node of another graph. <see cref="Version"/> is the NIR version string of the file it came from
/// (the writer stores <see cref="NirGraph.CurrentVersion"/> when it is null).
/// </summary>
public sealed record NirGraph(IReadOnlyDictionary<string, NirNode> Nodes, IReadOnlyList<NirEdge> Edges) : NirNode
{
    /// <summary>The NIR release whose layout this library follows.</summary>
    public const string CurrentVersion = "1.0.7";

    /// <inheritdoc />
    public override string TypeName => "NIRGraph";

    /// <summary>The version read from the file, or null for a graph built in code.</summary>
    public string? Version { get; init; }

    /// <summary>A chain graph: nodes in order, each feeding the next.</summary>
    public static NirGraph Sequential(params (string Name, NirNode Node)[] chain)
    {
        var nodes = new Dictionary<string, NirNode>();
        foreach (var (name, node) in chain)
            if (!nodes.TryAdd(name, node)) throw new ArgumentException($"node name '{name}' is used twice", nameof(chain));
        var edges = new List<NirEdge>();
        for (var i = 1; i < chain.Length; i++) edges.Add(new NirEdge(chain[i - 1].Name, chain[i].Name));
        return new NirGraph(nodes, edges);
    }
}
