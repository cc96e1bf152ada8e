namespace Cortex.Recording;

/// <summary>
/// Positions (µm) and population/region membership of every recorded neuron, plus the projections between
/// populations: what <c>layout.parquet</c> holds, so that any recording can be drawn in 3D.
/// </summary>
/// <param name="Populations">Populations in network order.</param>
/// <param name="Projections">Projections between them (for bundles between regions).</param>
public sealed record NeuronLayout(IReadOnlyList<PopulationLayout> Populations, IReadOnlyList<ProjectionBundle> Projections)
{
    /// <summary>Total number of neurons.</summary>
    public int NeuronCount => Populations.Sum(p => p.Size);
}
