namespace Cortex.Learning.Graphs;

/// <summary>
/// A citation-like stochastic block model: each class is a block of papers; two papers of the same class cite
/// each other with probability <see cref="DegreeWithin"/>/(n_c − 1), of different classes with probability
/// <see cref="DegreeBetween"/>/(N − n_c), so a node expects that many neighbours of each kind. Features are a
/// binary bag of words: word f belongs to topic f mod classes; a paper uses each word of its class's topic with
/// probability <see cref="TopicWordRate"/> and every other word with <see cref="BackgroundWordRate"/>.
/// </summary>
public sealed record StochasticBlockModelOptions
{
    /// <summary>Blocks, one per class (7, as Cora).</summary>
    public int Classes { get; init; } = 7;

    /// <summary>Nodes per block.</summary>
    public int NodesPerClass { get; init; } = 60;

    /// <summary>Expected neighbours in the same block.</summary>
    public double DegreeWithin { get; init; } = 4;

    /// <summary>Expected neighbours in other blocks.</summary>
    public double DegreeBetween { get; init; } = 1;

    /// <summary>Words in the vocabulary (features per node).</summary>
    public int Features { get; init; } = 140;

    /// <summary>Probability that a paper uses a word of its own topic.</summary>
    public double TopicWordRate { get; init; } = 0.15;

    /// <summary>Probability that a paper uses any other word.</summary>
    public double BackgroundWordRate { get; init; } = 0.05;
}
