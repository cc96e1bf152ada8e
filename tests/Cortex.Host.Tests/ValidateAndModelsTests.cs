using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex validate</c> and <c>cortex models</c>.</summary>
public sealed class ValidateAndModelsTests
{
    [Fact]
    public void Validate_AcceptsAGoodSpec()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("small.json", Specs.Small());
        var result = Cli.Run("validate", path);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("", result.Err);
        Assert.Contains($"{path}: valid (2 populations, 1 projections)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cuba.json")]
    [InlineData("two-cells.json")]
    [InlineData("microcircuit.json")]
    [InlineData("basal_ganglia.json")]
    [InlineData("thalamocortical.json")]
    [InlineData("ca3.json")]
    public void Validate_AcceptsEveryExampleSpec(string example)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", example);
        var result = Cli.Run("validate", path);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"{path}: valid (", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExampleList_CoversEveryExampleSpec()
    {
        // A new example must join the list above, so that it is validated too.
        var listed = typeof(ValidateAndModelsTests).GetMethod(nameof(Validate_AcceptsEveryExampleSpec))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(present, listed);
    }

    [Fact]
    public void Validate_CountsWhatCircuitsExpandInto()
    {
        // The microcircuit example has no populations of its own: its 8 layers and the thalamus come from the circuit, with
        // 55 recurrent projections (the non-zero entries of the paper's table) and 4 thalamic ones.
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "microcircuit.json");
        var result = Cli.Run("validate", path);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"{path}: valid (9 populations, 59 projections, from 1 circuit)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsABadSpecWithEveryProblem()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("validate", dir.Write("invalid.json", Specs.Invalid));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.Contains("has 3 errors", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("valid (", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsWithBadInput()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("validate", dir.File("nowhere.json"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Models_ListsModelsSynapsesRulesAndBackends()
    {
        var result = Cli.Run("models");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var lines = result.Out.Split('\n');
        foreach (var entry in new[]
                 {
                     "neuron lif:", "neuron if:", "neuron izhikevich:", "neuron adex:", "neuron hh:",
                     "synapse delta:", "synapse exp_current:", "synapse exp_conductance:",
                     "plasticity stdp:", "backend reference:",
                     "surrogate fast_sigmoid:", "layer plif:", "layer conv2d:", "encoder poisson:",
                 })
            Assert.Contains(lines, l => l.StartsWith(entry, StringComparison.Ordinal));
        // Parameters come with their defaults, in units.
        Assert.Contains("tau_m", result.Out, StringComparison.Ordinal);
        Assert.Contains("20 ms", result.Out, StringComparison.Ordinal);
    }
}
