using Cortex.Compilation;

namespace Cortex.Recording;

/// <summary>How one population was placed, for populations whose positions did not come from the spec.</summary>
/// <param name="Region">Brain region, or null.</param>
/// <param name="Source">Where its compiled positions came from.</param>
public sealed record PopulationPlacement(string? Region, PositionSource Source);

/// <summary>Builds the <see cref="NeuronLayout"/> of a compiled network: compiled positions where they exist, <see cref="DefaultLayout"/> discs elsewhere.</summary>
public static class NetworkLayout
{
    /// <summary>The layout of <paramref name="network"/>.</summary>
    /// <param name="network">The compiled network.</param>
    /// <param name="placements">Region and source by population name (e.g. from a whole-brain builder); a population not
    /// listed with positions counts as <see cref="PositionSource.Spec"/>, without as <see cref="PositionSource.Default"/>.</param>
    public static NeuronLayout From(CompiledNetwork network, IReadOnlyDictionary<string, PopulationPlacement>? placements = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var unplaced = network.Populations.Where(p => p.Positions is null).ToList();
        var cell = unplaced.Count == 0 ? 0f : 2 * DefaultLayout.DiscRadius(unplaced.Max(p => p.Size)) + 8 * DefaultLayout.SpacingUm;
        var populations = new List<PopulationLayout>(network.Populations.Count);
        foreach (var p in network.Populations)
        {
            PopulationPlacement? placement = null;
            placements?.TryGetValue(p.Name, out placement);
            if (p.Positions is { } positions)
            {
                populations.Add(new PopulationLayout(p.Name, placement?.Region, placement?.Source ?? PositionSource.Spec, positions));
            }
            else
            {
                var slot = unplaced.IndexOf(p);
                var disc = DefaultLayout.Disc(p.Size, slot, unplaced.Count, cell, network.Seed);
                populations.Add(new PopulationLayout(p.Name, placement?.Region, PositionSource.Default, disc));
            }
        }
        var projections = network.Projections
            .Select(j => new ProjectionBundle(network.Populations[j.Source].Name, network.Populations[j.Target].Name, j.Table.Count))
            .ToList();
        return new NeuronLayout(populations, projections);
    }
}
