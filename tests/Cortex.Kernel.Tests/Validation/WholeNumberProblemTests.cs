using Cortex.Models;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Validation;

/// <summary>The shared whole-number check that tasks and agents run over their count parameters.</summary>
public sealed class WholeNumberProblemTests
{
    private static readonly ParameterSpec[] Specs =
    [
        new("trials", Dimension.Dimensionless, 10, ValueRule.Positive, "count"),
        new("size", Dimension.Dimensionless, 4, ValueRule.Positive, "count"),
        new("rate", Dimension.Frequency, 2.5, ValueRule.Positive, "not a count"),
    ];

    [Fact]
    public void Fractions_AreNamedInTheOrderGiven_WholeNumbersPass()
    {
        var values = new ParameterValues(Specs, new Dictionary<string, double> { ["trials"] = 2.5, ["size"] = -3.25 });
        var problems = ParameterProblem.WholeNumbers(values, "size", "trials", "rate").ToList();
        Assert.Equal(["size", "trials", "rate"], problems.Select(p => p.Parameter));
        Assert.Equal("must be a whole number, got 2.5", problems[1].Message);
        Assert.Empty(ParameterProblem.WholeNumbers(new ParameterValues(Specs), "trials", "size"));
    }

    [Fact]
    public void NonFiniteValues_AreLeftToTheirRule()
    {
        var values = new ParameterValues(Specs, new Dictionary<string, double> { ["trials"] = double.NaN, ["size"] = double.PositiveInfinity });
        Assert.Empty(ParameterProblem.WholeNumbers(values, "trials", "size"));
    }

    [Fact]
    public void AnUnknownName_IsABugAndThrows()
    {
        Assert.Throws<KeyNotFoundException>(() => ParameterProblem.WholeNumbers(new ParameterValues(Specs), "missing").ToList());
    }
}
