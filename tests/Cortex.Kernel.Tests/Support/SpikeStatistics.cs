using Cortex.Recording;

namespace Cortex.Tests.Support;

/// <summary>Population statistics with the definitions of tests/reference/brian2_cuba.json.</summary>
internal static class SpikeStatistics
{
    /// <summary>Spike count of the population / (neurons · seconds).</summary>
    public static double RateHz(IEnumerable<SpikeRecord> spikes, int neurons, double durationMs) =>
        spikes.Count() / (neurons * durationMs * 1e-3);

    /// <summary>
    /// Mean over neurons with at least 3 spikes of std(ISI)/mean(ISI), std with ddof = 0; the number of
    /// neurons that entered the mean.
    /// </summary>
    public static (double Cv, int Neurons) IsiCv(IEnumerable<SpikeRecord> spikes)
    {
        var cvs = new List<double>();
        foreach (var neuron in spikes.GroupBy(s => (s.Population, s.Neuron)))
        {
            var steps = neuron.Select(s => s.Step).Order().ToArray();
            if (steps.Length < 3) continue;
            var isi = new double[steps.Length - 1];
            for (var i = 1; i < steps.Length; i++) isi[i - 1] = steps[i] - steps[i - 1];
            var mean = isi.Average();
            var std = Math.Sqrt(isi.Select(x => (x - mean) * (x - mean)).Average());
            cvs.Add(std / mean);
        }
        return (cvs.Count == 0 ? double.NaN : cvs.Average(), cvs.Count);
    }

    /// <summary>Least-squares slope and intercept of y over x.</summary>
    public static (double Slope, double Intercept) LinearFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        var slope = sxy / sxx;
        return (slope, my - slope * mx);
    }
}
