using Cortex.Compilation;
using Cortex.Recording;

namespace Cortex.Simulation;

/// <summary>Firing statistics of the recorded neurons of one population over a time window.</summary>
/// <param name="NeuronRates">Rate of each recorded neuron (Hz), in neuron order.</param>
/// <param name="MeanIsiCv">
/// Mean over neurons with at least three spikes of the coefficient of variation (sd / mean) of their inter-spike
/// intervals, as Potjans &amp; Diesmann (2014, Fig. 6) report irregularity; null when no neuron fired three times.
/// </param>
/// <param name="CvNeurons">How many neurons entered <paramref name="MeanIsiCv"/>.</param>
public sealed record PopulationSpikeStatistics(double[] NeuronRates, double? MeanIsiCv, int CvNeurons)
{
    /// <summary>Mean rate over the recorded neurons (Hz).</summary>
    public double MeanRate => NeuronRates.Length == 0 ? 0 : NeuronRates.Average();
}

/// <summary>Per-neuron rates and ISI irregularity from recorded spikes, for summaries, plots and benchmarks.</summary>
public static class SpikeTrainStatistics
{
    /// <summary>
    /// Statistics of every population whose spikes were recorded (null for the others), from the spikes of steps
    /// [<paramref name="fromStep"/>, <paramref name="toStep"/>); <paramref name="spikes"/> may come in any order.
    /// </summary>
    public static IReadOnlyList<PopulationSpikeStatistics?> Compute(CompiledNetwork network, IReadOnlyList<SpikeRecord> spikes, long fromStep, long toStep)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(spikes);
        var seconds = Math.Max(toStep - fromStep, 0) * network.Dt * 1e-3;
        var ordered = IsChronological(spikes) ? spikes : [.. spikes.OrderBy(s => s.Step)];
        var counts = network.Populations.Select(p => new int[p.Size]).ToArray();
        var last = network.Populations.Select(p => new long[p.Size]).ToArray();
        var sum = network.Populations.Select(p => new double[p.Size]).ToArray();
        var sumSquares = network.Populations.Select(p => new double[p.Size]).ToArray();
        foreach (var spike in ordered)
        {
            if (spike.Step < fromStep || spike.Step >= toStep) continue;
            var (p, n) = (spike.Population, spike.Neuron);
            if (counts[p][n] > 0)
            {
                double interval = spike.Step - last[p][n];
                sum[p][n] += interval;
                sumSquares[p][n] += interval * interval;
            }
            counts[p][n]++;
            last[p][n] = spike.Step;
        }
        var result = new PopulationSpikeStatistics?[network.Populations.Count];
        for (var p = 0; p < result.Length; p++)
        {
            if (network.SpikeRecordMasks[p] is not { } mask) continue;
            var rates = new List<double>();
            double cvSum = 0;
            var cvNeurons = 0;
            for (var n = 0; n < mask.Length; n++)
            {
                if (!mask[n]) continue;
                rates.Add(seconds > 0 ? counts[p][n] / seconds : 0);
                var intervals = counts[p][n] - 1;
                if (intervals < 2) continue;
                var mean = sum[p][n] / intervals;
                var variance = Math.Max(sumSquares[p][n] / intervals - mean * mean, 0);
                cvSum += Math.Sqrt(variance) / mean;
                cvNeurons++;
            }
            result[p] = new PopulationSpikeStatistics([.. rates], cvNeurons == 0 ? null : cvSum / cvNeurons, cvNeurons);
        }
        return result;
    }

    private static bool IsChronological(IReadOnlyList<SpikeRecord> spikes)
    {
        for (var i = 1; i < spikes.Count; i++)
            if (spikes[i].Step < spikes[i - 1].Step) return false;
        return true;
    }
}
