using Cortex.Compilation;

namespace Cortex.Recording;

/// <summary>How one population was placed, when the builder of a network knows more than its spec says.</summary>
/// <param name="Source">Where its compiled positions came from.</param>
/// <param name="Regions">Region membership as consecutive runs of neurons.</param>
public sealed record PopulationPlacement(PositionSource Source, IReadOnlyList<RegionBlock> Regions);

/// <summary>
/// Builds the <see cref="NeuronLayout"/> of a compiled network: compiled positions where they exist, <see cref="DefaultLayout"/>
/// discs elsewhere. A population <c>instance.local</c> of a circuit instance belongs to region <c>instance</c> (source
/// <see cref="PositionSource.Circuit"/> when it has positions); the builder of a network may say more through placements.
/// </summary>
public static class NetworkLayout
{
    /// <summary>The layout of <paramref name="network"/>.</summary>
    /// <param name="network">The compiled network.</param>
    /// <param name="placements">Source and regions by population name (e.g. a whole-brain builder's connectome regions).</param>
    /// <param name="bundles">Connections between regions to draw; when null, projections between single-region populations
    /// of different regions, weighted by synapse count.</param>
    public static NeuronLayout From(CompiledNetwork network, IReadOnlyDictionary<string, PopulationPlacement>? placements = null,
        IReadOnlyList<ProjectionBundle>? bundles = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var circuits = network.Spec.Circuits.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unplaced = network.Populations.Where(p => p.Positions is null).ToList();
        var cell = unplaced.Count == 0 ? 0f : 2 * DefaultLayout.DiscRadius(unplaced.Max(p => p.Size)) + 8 * DefaultLayout.SpacingUm;
        var populations = new List<PopulationLayout>(network.Populations.Count);
        foreach (var p in network.Populations)
        {
            PopulationPlacement? placement = null;
            placements?.TryGetValue(p.Name, out placement);
            var dot = p.Name.IndexOf('.', StringComparison.Ordinal);
            var circuit = dot > 0 && circuits.Contains(p.Name[..dot]) ? p.Name[..dot] : null;
            IReadOnlyList<RegionBlock> regions = placement?.Regions ?? (circuit is null ? [] : [new RegionBlock(circuit, p.Size)]);
            if (p.Positions is { } positions)
            {
                var source = placement?.Source ?? (circuit is null ? PositionSource.Spec : PositionSource.Circuit);
                populations.Add(new PopulationLayout(p.Name, source, positions, regions));
            }
            else
            {
                var disc = DefaultLayout.Disc(p.Size, unplaced.IndexOf(p), unplaced.Count, cell, network.Seed);
                populations.Add(new PopulationLayout(p.Name, PositionSource.Default, disc, regions));
            }
        }
        return new NeuronLayout(populations, bundles ?? ProjectionBundles(network, populations));
    }

    private static List<ProjectionBundle> ProjectionBundles(CompiledNetwork network, List<PopulationLayout> populations)
    {
        var totals = new Dictionary<(string, string), double>();
        foreach (var j in network.Projections)
        {
            var pre = populations[j.Source].Regions;
            var post = populations[j.Target].Regions;
            if (pre.Count != 1 || post.Count != 1 || pre[0].Region == post[0].Region) continue;
            var key = (pre[0].Region, post[0].Region);
            totals[key] = totals.GetValueOrDefault(key) + j.Table.Count;
        }
        return [.. totals.Select(t => new ProjectionBundle(t.Key.Item1, t.Key.Item2, t.Value))];
    }
}
