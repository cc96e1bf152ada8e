namespace Cortex.Recording;

/// <summary>
/// Positions (µm) and population/region membership of every recorded neuron, plus the connections between regions:
/// what <c>layout.parquet</c> holds, so that any recording can be drawn in 3D.
/// </summary>
/// <param name="Populations">Populations in network order.</param>
/// <param name="Bundles">Connections between regions (drawn as bundles between region centres).</param>
public sealed record NeuronLayout(IReadOnlyList<PopulationLayout> Populations, IReadOnlyList<ProjectionBundle> Bundles)
{
    /// <summary>Total number of neurons.</summary>
    public int NeuronCount => Populations.Sum(p => p.Size);
}
