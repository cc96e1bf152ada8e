namespace Cortex.Recording;

/// <summary>Where one population's neurons sit and which regions they belong to.</summary>
/// <param name="Name">Population name, as in <c>spikes.parquet</c>.</param>
/// <param name="Source">Where the positions came from.</param>
/// <param name="Positions">x, y, z triples in µm, one per neuron (neuron ids as in <c>spikes.parquet</c>).</param>
/// <param name="Regions">Region membership as consecutive runs covering the neurons in order; empty when no region is known.</param>
public sealed record PopulationLayout(string Name, PositionSource Source, float[] Positions, IReadOnlyList<RegionBlock> Regions)
{
    /// <summary>A population without regions.</summary>
    public PopulationLayout(string name, PositionSource source, float[] positions) : this(name, source, positions, []) { }

    /// <summary>Number of neurons.</summary>
    public int Size => Positions.Length / 3;

    /// <summary>The region of each neuron (null where none), expanded from <see cref="Regions"/>.</summary>
    public string?[] RegionOfNeuron()
    {
        var regions = new string?[Size];
        var i = 0;
        foreach (var block in Regions)
        {
            var end = Math.Min(Size, i + block.Count);
            for (; i < end; i++) regions[i] = block.Region;
        }
        return regions;
    }
}
