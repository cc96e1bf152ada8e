using System.Text.Json;
using Cortex.Recording;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex run</c> reports each recorded population's ISI CV and draws its per-neuron rates (rates.png).</summary>
public sealed class RunStatisticsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Run_WritesIsiCvPerPopulation_AndRatesPng()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.json", Specs.Small());
        var outDir = dir.File("out");

        var result = Cli.Run("run", spec, "--backend", "reference", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var png = File.ReadAllBytes(Path.Combine(outDir, "rates.png"));
        Assert.Equal(PngSignature, png[..8]);
        Assert.Contains("rates.png", result.Out, StringComparison.Ordinal);

        // Recomputed here from the spike file: per neuron with ≥ 3 spikes, sd/mean of its intervals; then the mean over neurons.
        var rows = ParquetRecordingReader.ReadSpikeRows(outDir);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        foreach (var population in summary.RootElement.GetProperty("populations").EnumerateArray())
        {
            var name = population.GetProperty("name").GetString();
            var cvs = rows.Where(r => r.Population == name).GroupBy(r => r.Neuron)
                .Select(g => g.Select(r => r.TimeMs).Order().ToArray()).Where(t => t.Length >= 3)
                .Select(t =>
                {
                    var intervals = t.Zip(t.Skip(1), (a, b) => b - a).ToArray();
                    var mean = intervals.Average();
                    return Math.Sqrt(intervals.Average(x => (x - mean) * (x - mean))) / mean;
                }).ToList();
            Assert.NotEmpty(cvs);
            Assert.Equal(cvs.Average(), population.GetProperty("isi_cv").GetDouble(), 9);
        }
    }
}
