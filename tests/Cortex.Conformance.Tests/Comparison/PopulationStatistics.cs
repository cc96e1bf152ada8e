namespace Cortex.Conformance.Tests.Comparison;

/// <summary>
/// The statistics a chaotic network is compared by, computed here from the spike list (independently of the kernel's own
/// summaries): the mean rate of a population, and the mean coefficient of variation of the inter-spike intervals over its
/// neurons with at least three spikes.
/// </summary>
public sealed record PopulationStatistics(double RateHz, double MeanIsiCv, int NeuronsWithCv)
{
    /// <summary>The statistics of one population's spike trains.</summary>
    public static PopulationStatistics Of(IReadOnlyDictionary<int, List<long>> trains, int size, double seconds, double dtMs)
    {
        var spikes = trains.Values.Sum(t => t.Count);
        var cvs = new List<double>();
        foreach (var train in trains.Values)
        {
            if (train.Count < 3) continue;
            var intervals = new double[train.Count - 1];
            for (var i = 1; i < train.Count; i++) intervals[i - 1] = (train[i] - train[i - 1]) * dtMs;
            var mean = intervals.Average();
            var variance = intervals.Sum(x => (x - mean) * (x - mean)) / intervals.Length;
            cvs.Add(Math.Sqrt(variance) / mean);
        }
        return new PopulationStatistics(spikes / (double)size / seconds, cvs.Count == 0 ? 0 : cvs.Average(), cvs.Count);
    }
}
