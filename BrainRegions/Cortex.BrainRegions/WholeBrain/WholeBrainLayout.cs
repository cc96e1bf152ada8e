using Cortex.Recording;

namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// What a viewer needs to know about a whole-brain model beyond its positions: region r owns neurons
/// [r·n, (r+1)·n) of both <c>exc</c> and <c>inh</c>, placed around the connectome's region centres, and the
/// connectome's weights are the bundles between regions.
/// </summary>
public static class WholeBrainLayout
{
    /// <summary>Source and region blocks of the two populations <see cref="WholeBrainNetwork.Build"/> makes.</summary>
    public static IReadOnlyDictionary<string, PopulationPlacement> Placements(Connectome connectome, WholeBrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, PopulationPlacement>(StringComparer.Ordinal)
        {
            [WholeBrainNetwork.Excitatory] = new(PositionSource.Connectome, Blocks(connectome, options.ExcitatoryPerRegion)),
            [WholeBrainNetwork.Inhibitory] = new(PositionSource.Connectome, Blocks(connectome, options.InhibitoryPerRegion)),
        };
    }

    /// <summary>One bundle per connected pair of regions, weighted by the connectome's weight (both directions summed).</summary>
    public static IReadOnlyList<ProjectionBundle> Bundles(Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        var bundles = new List<ProjectionBundle>();
        for (var i = 0; i < connectome.Count; i++)
        {
            for (var j = i + 1; j < connectome.Count; j++)
            {
                var weight = connectome.Weight(i, j) + connectome.Weight(j, i);
                if (weight > 0) bundles.Add(new ProjectionBundle(connectome.Labels[j], connectome.Labels[i], weight));
            }
        }
        return bundles;
    }

    private static RegionBlock[] Blocks(Connectome connectome, int perRegion) =>
        [.. connectome.Labels.Select(label => new RegionBlock(label, perRegion))];
}
