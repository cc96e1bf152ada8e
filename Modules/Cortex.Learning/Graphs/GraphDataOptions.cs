using Cortex.Learning.Registry;

namespace Cortex.Learning.Graphs;

/// <summary>
/// The <c>data.graph</c> object of a node-classification config: which graph (<c>source</c> "sbm" or "networkx"
/// with its <c>name</c>), the propagation depth K of S^K X (<c>propagation_steps</c>, 2) and the labelled nodes per
/// class (<c>train_per_class</c>: 20 for sbm as Planetoid, 4 for the small networkx graphs); sbm also takes
/// <c>classes</c>, <c>nodes_per_class</c>, <c>degree_within</c>, <c>degree_between</c>, <c>features</c>,
/// <c>topic_word_rate</c>, <c>background_word_rate</c> (<see cref="StochasticBlockModelOptions"/>).
/// </summary>
public sealed record GraphDataOptions
{
    /// <summary>"sbm" or "networkx".</summary>
    public required string Source { get; init; }

    /// <summary>The networkx graph's name (null for sbm).</summary>
    public string? Name { get; init; }

    /// <summary>The block model's parameters (used when <see cref="Source"/> is "sbm").</summary>
    public StochasticBlockModelOptions BlockModel { get; init; } = new();

    /// <summary>K in S^K X.</summary>
    public int PropagationSteps { get; init; } = 2;

    /// <summary>Labelled training nodes per class.</summary>
    public int TrainPerClass { get; init; } = 20;

    /// <summary>Reads <paramref name="node"/>; every error names its path.</summary>
    public static GraphDataOptions Parse(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var source = node.Text("source");
        GraphDataOptions options;
        switch (source)
        {
            case "sbm":
                var blocks = new StochasticBlockModelOptions
                {
                    Classes = node.WholeNumber("classes", 7, 2, 1000),
                    NodesPerClass = node.WholeNumber("nodes_per_class", 60, 2, 100_000),
                    DegreeWithin = node.Number("degree_within", 4, 0),
                    DegreeBetween = node.Number("degree_between", 1, 0),
                    Features = node.WholeNumber("features", 140, 1, 100_000),
                    TopicWordRate = node.Number("topic_word_rate", 0.15, 0, 1),
                    BackgroundWordRate = node.Number("background_word_rate", 0.05, 0, 1),
                };
                if ((long)blocks.Classes * blocks.NodesPerClass > 20_000)
                    throw node.Error("nodes_per_class", $"{blocks.Classes} × {blocks.NodesPerClass} nodes is over 20,000 (the graph is held densely)");
                options = new GraphDataOptions { Source = source, BlockModel = blocks, TrainPerClass = node.WholeNumber("train_per_class", 20, 1, 100_000) };
                if (options.TrainPerClass >= blocks.NodesPerClass)
                    throw node.Error("train_per_class", $"must leave test nodes: below nodes_per_class ({blocks.NodesPerClass}), got {options.TrainPerClass}");
                break;
            case "networkx":
                var name = node.Text("name");
                if (!NetworkxGraphs.Names.Contains(name))
                    throw node.Error("name", $"expected one of {string.Join(", ", NetworkxGraphs.Names.Select(n => $"\"{n}\""))}, got \"{name}\"");
                options = new GraphDataOptions { Source = source, Name = name, TrainPerClass = node.WholeNumber("train_per_class", 4, 1, 100_000) };
                break;
            default:
                throw node.Error("source", $"expected \"sbm\" or \"networkx\", got \"{source}\"");
        }
        options = options with { PropagationSteps = node.WholeNumber("propagation_steps", 2, 0, 20) };
        node.RejectUnknownKeys();
        return options;
    }
}
