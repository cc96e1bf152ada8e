using Cortex.Recording;

namespace Cortex.Plots.Tests;

/// <summary>A deterministic three-population run to plot.</summary>
internal static class SampleRun
{
    public const double DurationMs = 500;

    public static readonly RecordingLayout Layout = new(
        ["exc", "inh", "input"],
        [400, 100, 50],
        [],
        0.1);

    /// <summary>Poisson-like spikes, in step order, at 20, 40 and 10 Hz, the excitatory rate doubled in 200–300 ms.</summary>
    public static List<SpikeRecord> Spikes(int seed = 7)
    {
#pragma warning disable CA5394 // Test data.
        var random = new Random(seed);
        var spikes = new List<SpikeRecord>();
        double[] rateHz = [20, 40, 10];
        var steps = (long)(DurationMs / Layout.Dt);
        for (long step = 0; step < steps; step++)
        {
            var t = step * Layout.Dt;
            for (var p = 0; p < Layout.Populations.Count; p++)
            {
                var rate = p == 0 && t is >= 200 and < 300 ? rateHz[p] * 2 : rateHz[p];
                var probability = rate * Layout.Dt / 1000;
                for (var n = 0; n < Layout.PopulationSizes[p]; n++)
                {
                    if (random.NextDouble() < probability)
                    {
                        spikes.Add(new SpikeRecord(p, n, step));
                    }
                }
            }
        }
#pragma warning restore CA5394
        return spikes;
    }

    public static RasterPlotResult Render(string pngPath, int width = 1000, int height = 700) =>
        RasterPlot.Save(pngPath, Spikes(), Layout, DurationMs, width: width, height: height, title: "sample run");
}
