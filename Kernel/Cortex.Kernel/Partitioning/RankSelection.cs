namespace Cortex.Partitioning;

/// <summary>Which part of a distributed run to compile: rank <see cref="Rank"/> of <see cref="Ranks"/>.</summary>
/// <param name="Rank">This process's rank, 0 ≤ rank &lt; ranks.</param>
/// <param name="Ranks">How many ranks share the network.</param>
/// <param name="AgreeOnDelays">
/// Combines this rank's (shortest, longest) delay in steps with every other rank's (a min/max reduction over ranks), so
/// all ranks run epochs of the same length; int.MaxValue / 0 stand for a rank that holds no synapse. Null on one rank.
/// </param>
/// <param name="AgreeOnWeightRange">
/// Combines this rank's (smallest, largest) weight of a 16-bit projection with every other rank's (+∞/−∞ for none), so all
/// ranks round onto the grid one process builds. Called once per such projection, in spec order. Null on one rank.
/// </param>
public sealed record RankSelection(int Rank, int Ranks, Func<(int Min, int Max), (int Min, int Max)>? AgreeOnDelays = null,
    Func<(double Min, double Max), (double Min, double Max)>? AgreeOnWeightRange = null)
{
    /// <summary>The whole network on one process.</summary>
    public static RankSelection Whole { get; } = new(0, 1);
}
