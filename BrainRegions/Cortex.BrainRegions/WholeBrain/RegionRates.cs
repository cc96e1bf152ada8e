using Cortex.Recording;

namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// Per-region firing-rate series from recorded spikes: population p's neuron k belongs to region k / blockSizes[p]
/// (the block layout of <see cref="WholeBrainNetwork"/>), and each region's rate pools all its neurons, E and I.
/// </summary>
public static class RegionRates
{
    /// <summary>
    /// Rates in Hz, <c>[region][bin]</c>, in bins of <paramref name="binMs"/> over [0, <paramref name="durationMs"/>)
    /// (a last partial bin is dropped).
    /// </summary>
    /// <param name="spikes">The spikes of every population.</param>
    /// <param name="blockSizes">Neurons per region of each population, by population index.</param>
    /// <param name="regions">Number of regions.</param>
    /// <param name="dt">Time step in ms (spike time = step · dt).</param>
    /// <param name="durationMs">Simulated time.</param>
    /// <param name="binMs">Bin width.</param>
    public static double[][] Bin(IEnumerable<SpikeRecord> spikes, IReadOnlyList<int> blockSizes, int regions, double dt, double durationMs, double binMs)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(blockSizes);
        var bins = (int)Math.Floor((durationMs / binMs) + 1e-9);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(binMs), binMs, $"the bin must be at most the duration ({durationMs} ms)");
        var counts = new double[regions][];
        for (var r = 0; r < regions; r++) counts[r] = new double[bins];
        foreach (var spike in spikes)
        {
            if (spike.Population >= blockSizes.Count || blockSizes[spike.Population] <= 0) continue;
            var region = spike.Neuron / blockSizes[spike.Population];
            var bin = (int)Math.Floor(spike.Step * dt / binMs);
            if (region < regions && bin >= 0 && bin < bins) counts[region][bin]++;
        }
        var neurons = blockSizes.Sum();
        var scale = 1000.0 / (binMs * neurons);
        foreach (var series in counts)
            for (var b = 0; b < bins; b++) series[b] *= scale;
        return counts;
    }

    /// <summary>Mean of each region's series, Hz.</summary>
    public static double[] Means(double[][] rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return [.. rates.Select(s => s.Length == 0 ? 0 : s.Average())];
    }
}
