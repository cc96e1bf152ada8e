using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex brain</c> on tiny generated connectomes, its bad-input messages, and the whole_brain circuit listing.</summary>
public sealed class BrainCommandTests
{
    // Three regions in TVB's text layout ([target, source]); region 0 and 1 are reciprocally connected, 2 receives from 1.
    private static string WriteConnectome(TempDirectory dir, string weights = "0 2 0\n1 0 0\n0 1 0")
    {
        var folder = Path.Combine(dir.Path, "tiny");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "weights.txt"), weights);
        File.WriteAllText(Path.Combine(folder, "tract_lengths.txt"), "0 30 60\n30 0 30\n60 30 0");
        File.WriteAllText(Path.Combine(folder, "centres.txt"), "a -30 0 0\nb 0 0 0\nc 30 0 0");
        return folder;
    }

    [Fact]
    public void Brain_writes_rates_fc_heatmap_summary_and_spikes_on_a_tiny_connectome()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out");
        var result = Cli.Run("brain", "--connectome", WriteConnectome(dir), "--neurons-per-region", "50", "--duration", "300 ms", "--out", output);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var file in new[] { "spikes.parquet", "summary.json", "region_rates.csv", "fc.csv", "fc.png" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing\n{result}");

        var rates = File.ReadAllLines(Path.Combine(output, "region_rates.csv"));
        Assert.Equal(4, rates.Length);
        Assert.StartsWith("region,label", rates[0], StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var brain = summary.RootElement.GetProperty("whole_brain");
        Assert.Equal(3, brain.GetProperty("regions").GetInt32());
        Assert.Equal(3, brain.GetProperty("directed_edges").GetInt32());
        // The region rates pool E and I, so their mean equals the run's mean rate over the analysed window only roughly; they must be positive.
        Assert.All(rates.Skip(1), line => Assert.True(double.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture) > 0, line));
        Assert.Equal(JsonValueKind.Number, brain.GetProperty("fc_sc_correlation").ValueKind);
        var fc = File.ReadAllLines(Path.Combine(output, "fc.csv"));
        Assert.Equal(3, fc.Length);
        Assert.Equal("1", fc[0].Split(',')[0]);
    }

    [Fact]
    public void An_unknown_name_lists_the_available_sets()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("brain", "--connectome", "no_such_set", "--out", dir.File("out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("unknown connectome 'no_such_set'", error, StringComparison.Ordinal);
        Assert.Contains("human_76", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_folder_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("brain", "--connectome", WriteConnectome(dir, "0 2 0\n1 0\n0 1 0"), "--out", dir.File("out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("weights.txt:2:", error, StringComparison.Ordinal);
        Assert.Contains("ragged", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_numbers_give_one_error_line()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("brain", "--connectome", WriteConnectome(dir), "--neurons-per-region", "1", "--out", dir.File("out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("neurons per region", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "-1 s", "the duration must be > 0 ms")]
    [InlineData("--neurons-per-region", "1000000000", "too many neurons")]
    public void Absurd_values_give_one_error_line_naming_the_value(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("brain", "--connectome", WriteConnectome(dir), option, value, "--out", dir.File("out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Circuits_lists_whole_brain_with_its_citation()
    {
        var result = Cli.Run("circuits");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("circuit whole_brain: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("Sanz Leon et al. (2013)", result.Out, StringComparison.Ordinal);
    }
}
