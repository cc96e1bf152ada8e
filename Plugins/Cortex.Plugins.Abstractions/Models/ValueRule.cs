namespace Cortex.Models;

/// <summary>A range rule on one parameter, checked during validation so bad values never reach a run.</summary>
public enum ValueRule
{
    /// <summary>Any finite value.</summary>
    Any,
    /// <summary>Strictly greater than zero.</summary>
    Positive,
    /// <summary>Zero or greater.</summary>
    NonNegative,
    /// <summary>Between 0 and 1 inclusive.</summary>
    Probability,
}

/// <summary>Checks and describes <see cref="ValueRule"/>s.</summary>
public static class ValueRules
{
    /// <summary>True when the value satisfies the rule.</summary>
    public static bool Accepts(this ValueRule rule, double value) => rule switch
    {
        ValueRule.Positive => value > 0,
        ValueRule.NonNegative => value >= 0,
        ValueRule.Probability => value is >= 0 and <= 1,
        _ => double.IsFinite(value),
    };

    /// <summary>The requirement in words, e.g. "must be > 0".</summary>
    public static string Requirement(this ValueRule rule) => rule switch
    {
        ValueRule.Positive => "must be > 0",
        ValueRule.NonNegative => "must be >= 0",
        ValueRule.Probability => "must be between 0 and 1",
        _ => "must be finite",
    };
}
