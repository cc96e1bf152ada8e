using System.Text.Json;
using Cortex.Recording;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex run</c>: what it writes, and that its overrides mean what they say.</summary>
public sealed class RunCommandTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Run_WritesSpikesSummaryAndRaster()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.json", Specs.Small());
        var outDir = dir.File("out");

        var result = Cli.Run("run", spec, "--backend", "reference", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("", result.Err);
        foreach (var file in new[] { "spikes.parquet", "state.parquet", "summary.json", "raster.png" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} missing");

        var png = File.ReadAllBytes(Path.Combine(outDir, "raster.png"));
        Assert.True(png.Length > 1000, $"raster.png has {png.Length} bytes");
        Assert.Equal(PngSignature, png[..8]);

        var rows = ParquetRecordingReader.ReadSpikeRows(outDir);
        Assert.All(rows, r => Assert.InRange(r.TimeMs, 0, 200 - 0.1 + 1e-9));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("small", root.GetProperty("network").GetString());
        Assert.Equal("reference", root.GetProperty("backend").GetString());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(3UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(0.1, root.GetProperty("dt_ms").GetDouble(), 12);
        Assert.Equal(2000, root.GetProperty("steps").GetInt64());
        Assert.Equal(200, root.GetProperty("duration_ms").GetDouble(), 9);
        Assert.Equal(30 * 4, root.GetProperty("synapses").GetInt64());
        var wall = root.GetProperty("simulation_seconds").GetDouble();
        Assert.True(wall > 0);
        // The field's real-time factor: wall time per biological time (0.2 s here), so lower is faster.
        Assert.Equal(wall / 0.2, root.GetProperty("real_time_factor").GetDouble(), 9);
        Assert.Contains(FormattableString.Invariant($"real-time factor {wall / 0.2:0.00}, wall / biological time"), result.Out, StringComparison.Ordinal);

        var populations = root.GetProperty("populations").EnumerateArray().ToList();
        Assert.Equal(["driven", "noisy"], populations.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([20, 30], populations.Select(p => p.GetProperty("size").GetInt32()));
        long total = 0;
        foreach (var p in populations)
        {
            var name = p.GetProperty("name").GetString();
            var spikes = p.GetProperty("spikes").GetInt64();
            // Every spike was recorded, so the summary's count is the file's row count; rate = spikes / size / duration.
            Assert.Equal(rows.Count(r => r.Population == name), spikes);
            Assert.True(spikes > 0, $"{name} did not fire");
            Assert.Equal(spikes / (double)p.GetProperty("size").GetInt32() / 0.2, p.GetProperty("rate_hz").GetDouble(), 9);
            total += spikes;
        }
        Assert.Equal(total / 50.0 / 0.2, root.GetProperty("mean_rate_hz").GetDouble(), 9);
        Assert.Contains("wrote", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveWeights_ToAPathThatCannotBeWritten_IsRefusedBeforeTheRun()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");
        var blocker = dir.Write("not-a-folder", "a file where the weights' folder should be");
        var weights = Path.Combine(blocker, "w.parquet");
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small()), "--no-plot", "--out", outDir, "--save-weights", weights);
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: --save-weights: cannot write {weights} (", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "nothing runs, so nothing is recorded");
    }

    [Fact]
    public void Run_WithNoPlot_SkipsTheRaster()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small()), "--no-plot", "--out", outDir);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "spikes.parquet")));
        Assert.False(File.Exists(Path.Combine(outDir, "raster.png")));
    }

    [Fact]
    public void DurationAndSeedOverrides_EqualEditingTheSpec()
    {
        using var dir = new TempDirectory();
        var overridden = dir.File("overridden");
        var edited = dir.File("edited");

        var a = Cli.Run("run", dir.Write("small.json", Specs.Small(seed: 3, duration: "200 ms")), "--backend", "reference",
            "--duration", "50 ms", "--seed", "7", "--no-plot", "--out", overridden);
        var b = Cli.Run("run", dir.Write("edited.json", Specs.Small(seed: 7, duration: "50 ms")), "--backend", "reference",
            "--no-plot", "--out", edited);
        Assert.True(a.ExitCode == ExitCodes.Ok, a.ToString());
        Assert.True(b.ExitCode == ExitCodes.Ok, b.ToString());

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(overridden, "summary.json")));
        Assert.Equal(7UL, summary.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(500, summary.RootElement.GetProperty("steps").GetInt64());

        var rows = ParquetRecordingReader.ReadSpikeRows(overridden);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.TimeMs < 50));
        Assert.Equal(ParquetRecordingReader.ReadSpikeRows(edited), rows);
    }

    [Fact]
    public void SeedOverride_ChangesTheRun()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.json", Specs.Small());
        var a = Cli.Run("run", spec, "--seed", "1", "--no-plot", "--out", dir.File("a"));
        var b = Cli.Run("run", spec, "--seed", "2", "--no-plot", "--out", dir.File("b"));
        Assert.Equal(ExitCodes.Ok, a.ExitCode);
        Assert.Equal(ExitCodes.Ok, b.ExitCode);
        Assert.NotEqual(ParquetRecordingReader.ReadSpikeRows(dir.File("a")), ParquetRecordingReader.ReadSpikeRows(dir.File("b")));
    }

    [Fact]
    public void ThreadCount_DoesNotChangeTheSpikes()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.json", Specs.Small());
        var one = Cli.Run("run", spec, "--backend", "reference", "--threads", "1", "--no-plot", "--out", dir.File("one"));
        var two = Cli.Run("run", spec, "--backend", "reference", "--threads", "2", "--no-plot", "--out", dir.File("two"));
        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        Assert.True(two.ExitCode == ExitCodes.Ok, two.ToString());
        Assert.Equal(ParquetRecordingReader.ReadSpikeRows(dir.File("one")), ParquetRecordingReader.ReadSpikeRows(dir.File("two")));
    }

    [Fact]
    public void DefaultBackend_Runs()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small()), "--no-plot", "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.NotEmpty(ParquetRecordingReader.ReadSpikeRows(dir.File("out")));
    }

    [Fact]
    public void NaN_ExitsWithRunFailed_AndKeepsTheSpikesBeforeIt()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");
        var result = Cli.Run("run", dir.Write("breaking.json", Specs.Breaking()), "--backend", "reference", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("population 'bad' neuron 1", line, StringComparison.Ordinal);
        Assert.Contains("t = 50 ms", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);

        // spikes.parquet is a readable file holding exactly the spikes of the healthy network up to the failure.
        var rows = ParquetRecordingReader.ReadSpikeRows(outDir);
        Assert.True(rows.Count >= 6, $"{rows.Count} spikes kept");
        Assert.All(rows, r => Assert.True(r.TimeMs < 50));
        var healthy = Cli.Run("run", dir.Write("healthy.json", Specs.Breaking(absurd: false, duration: "50 ms")), "--backend", "reference", "--no-plot", "--out", dir.File("healthy"));
        Assert.True(healthy.ExitCode == ExitCodes.Ok, healthy.ToString());
        Assert.Equal(ParquetRecordingReader.ReadSpikeRows(dir.File("healthy")), rows);
    }

    [Fact]
    public void Demo_RunsTheCubaExample()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("demo");
        var result = Cli.Run("demo", "--out", outDir);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("cuba", summary.RootElement.GetProperty("network").GetString());
        Assert.Equal(10_000, summary.RootElement.GetProperty("steps").GetInt64());
        Assert.True(File.Exists(Path.Combine(outDir, "raster.png")));
        // Brian2 gives 5.71 ± 0.21 Hz across seeds (tests/reference/brian2_cuba.json): within 4 of those.
        Assert.InRange(summary.RootElement.GetProperty("mean_rate_hz").GetDouble(), 5.71 - 4 * 0.21, 5.71 + 4 * 0.21);
        // The whole-brain part: its recording with positions from the connectome, and the 3D still.
        var layout = Cortex.Recording.ParquetLayoutFile.Read(Path.Combine(outDir, "brain"));
        Assert.All(layout.Populations, p => Assert.Equal(Cortex.Recording.PositionSource.Connectome, p.Source));
        Assert.Equal(76, layout.Populations[0].Regions.Count);
        var png = Path.Combine(outDir, "brain.png");
        var underCi = Environment.GetEnvironmentVariable("CI") is "true" or "1";
        if (!File.Exists(png) && !underCi && result.Err.Contains("brain.png was not rendered", StringComparison.Ordinal)) return; // no OpenGL here (outside CI only)
        using var image = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((1280, 720), (image.Width, image.Height));
        Assert.Contains(image.Pixels, p => p.Red + p.Green + p.Blue > 400);
    }
}
