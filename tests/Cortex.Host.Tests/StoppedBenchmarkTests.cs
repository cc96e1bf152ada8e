using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// A benchmark stopped by Ctrl+C ends at the next chunk of its simulation with one <c>stopped:</c> line and exit 130;
/// the rows it measured are on the console, and its --out file, which only a complete run writes, is not.
/// </summary>
public sealed class StoppedBenchmarkTests
{
    [Fact]
    public void CubaBench_StoppedAfterItsFirstSize_MeasuresNoOther_AndWritesNoPartialTable()
    {
        using var dir = new TempDirectory();
        var json = dir.File("bench.json");
        using var signals = new StringWriter();
        using var interruption = new Interruption(signals);
        using var output = new SignalOnLine(interruption, "400 neurons");

        var result = Cli.Run(interruption, output, "bench", "cuba", "--neurons", "400", "800", "--duration", "50 ms", "--out", json);

        Assert.True(output.Signalled, result.ToString());
        Assert.True(result.ExitCode == ExitCodes.Interrupted, result.ToString());
        Assert.DoesNotContain("800 neurons", result.Out, StringComparison.Ordinal);
        var stop = Assert.Single(result.Err.Split('\n'), l => l.StartsWith("stopped:", StringComparison.Ordinal));
        Assert.Equal("stopped: the cuba benchmark was stopped before its end; what it measured until then is printed above (--out is written only by a complete run)", stop);
        Assert.Empty(result.ErrorLines);
        Assert.False(File.Exists(json));
    }
}
