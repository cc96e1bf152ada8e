using Xunit;

namespace Cortex.Host.Tests;

/// <summary>Bad input gives exit code 2 and exactly one "error:" line on stderr, never a stack trace.</summary>
public sealed class ErrorReportingTests
{
    private static void OneCleanErrorLine(CliResult result, int exitCode = ExitCodes.BadInput)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSpec_ListsEveryProblemUnderOneErrorLine()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");
        var result = Cli.Run("run", dir.Write("invalid.json", Specs.Invalid), "--out", outDir);
        OneCleanErrorLine(result);
        Assert.Contains("has 3 errors", result.Err, StringComparison.Ordinal);
        Assert.Contains("populations[0].params.tau_m: must be > 0, got -5 ms", result.Err, StringComparison.Ordinal);
        Assert.Contains("projections[0].target: unknown population 'b'", result.Err, StringComparison.Ordinal);
        Assert.Contains("probes[0].variable", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "spikes.parquet")));
    }

    [Theory]
    [InlineData("{ \"populations\": [ }", "malformed JSON")]
    [InlineData("{ \"populatons\": [] }", "did you mean 'populations'?")]
    [InlineData("{ \"populations\": [ { \"name\": \"a\", \"size\": 2, \"model\": \"lif\", \"params\": { \"tau_m\": 20 } } ] }", "expected a time")]
    public void BadSpec_ExitsWithBadInput(string json, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.json", json);
        foreach (var result in new[] { Cli.Run("run", path, "--out", dir.File("out")), Cli.Run("validate", path) })
        {
            OneCleanErrorLine(result);
            Assert.Contains(message, result.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MissingSpecFile_ExitsWithBadInput()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nowhere.json");
        var result = Cli.Run("run", path, "--out", dir.File("out"));
        OneCleanErrorLine(result);
        Assert.Contains(path, result.Err, StringComparison.Ordinal);
        Assert.Contains("not found", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBackend_ListsTheAvailableOnes()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small()), "--backend", "quantum", "--out", dir.File("out"));
        OneCleanErrorLine(result);
        Assert.Contains("unknown backend 'quantum'", result.Err, StringComparison.Ordinal);
        Assert.Contains("available:", result.Err, StringComparison.Ordinal);
        Assert.Contains("reference", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "50 mV", "expected a time")]
    [InlineData("--duration", "fifty", "--duration")]
    [InlineData("--threads", "0", "--threads must be >= 1")]
    public void BadOptionValue_ExitsWithBadInput(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small()), option, value, "--out", dir.File("out"));
        OneCleanErrorLine(result);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "spec.json", "--no-such-option")]
    [InlineData("run")]
    [InlineData("frobnicate")]
    [InlineData("run", "spec.json", "--seed", "-1")]
    [InlineData("run", "spec.json", "--threads", "two")]
    public void CommandLineMistakes_ExitWithBadInput(params string[] args)
    {
        var result = Cli.Run(args);
        OneCleanErrorLine(result);
        Assert.Contains("--help", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Out + result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsNotAnError()
    {
        var result = Cli.Run("run", "--help");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("--duration", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.ErrorLines);
    }
}
