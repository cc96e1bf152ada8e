namespace Cortex.Recording;

/// <summary>Where one population's neurons sit.</summary>
/// <param name="Name">Population name, as in <c>spikes.parquet</c>.</param>
/// <param name="Region">Brain region the population belongs to, or null when not known.</param>
/// <param name="Source">Where the positions came from.</param>
/// <param name="Positions">x, y, z triples in µm, one per neuron (neuron ids as in <c>spikes.parquet</c>).</param>
public sealed record PopulationLayout(string Name, string? Region, PositionSource Source, float[] Positions)
{
    /// <summary>Number of neurons.</summary>
    public int Size => Positions.Length / 3;
}
