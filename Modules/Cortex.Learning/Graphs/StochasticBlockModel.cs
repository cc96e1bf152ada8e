using Cortex.Randomness;

namespace Cortex.Learning.Graphs;

/// <summary>
/// Generates the seeded citation-like graph of <see cref="StochasticBlockModelOptions"/>: the same seed and options
/// give the same graph on every machine (xoshiro256** streams, not System.Random). Nodes are numbered block by block.
/// </summary>
public static class StochasticBlockModel
{
    /// <summary>Keeps graph generation apart from the simulator's random streams ("grph" in ASCII).</summary>
    private const StreamDomain GraphDomain = (StreamDomain)0x6772_7068;

    /// <summary>Generates the graph for <paramref name="seed"/>.</summary>
    public static NodeGraph Generate(StochasticBlockModelOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = options.Classes * options.NodesPerClass;
        var labels = new long[n];
        for (var i = 0; i < n; i++) labels[i] = i / options.NodesPerClass;
        var pWithin = options.NodesPerClass > 1 ? Math.Min(1, options.DegreeWithin / (options.NodesPerClass - 1)) : 0;
        var pBetween = n > options.NodesPerClass ? Math.Min(1, options.DegreeBetween / (n - options.NodesPerClass)) : 0;

        var edgeRandom = SeededRandom.Create(seed, GraphDomain, 0);
        var edges = new List<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (edgeRandom.NextDouble() < (labels[i] == labels[j] ? pWithin : pBetween)) edges.Add((i, j));
            }
        }

        var featureRandom = SeededRandom.Create(seed, GraphDomain, 1);
        var features = new float[(long)n * options.Features];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < options.Features; f++)
            {
                var rate = f % options.Classes == labels[i] ? options.TopicWordRate : options.BackgroundWordRate;
                if (featureRandom.NextDouble() < rate) features[((long)i * options.Features) + f] = 1;
            }
        }
        var graph = new NodeGraph("sbm", n, edges, features, options.Features, labels, options.Classes);
        graph.Validate();
        return graph;
    }
}
