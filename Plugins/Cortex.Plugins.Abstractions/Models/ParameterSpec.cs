using Cortex.Units;

namespace Cortex.Models;

/// <summary>One parameter of a model: its name in specs, dimension, default (internal units) and range rule.</summary>
public sealed record ParameterSpec(string Name, Dimension Dimension, double Default, ValueRule Rule, string Description)
{
    /// <summary>The default as a quantity, for documentation and listings.</summary>
    public Quantity DefaultQuantity => new(Default, Dimension);

    /// <summary>True when the value must be the same for every neuron of a population (e.g. it sizes a buffer or sets a step count).</summary>
    public bool SharedOnly { get; init; }

    /// <summary>
    /// Names for the values 0, 1, 2, … of a parameter that picks one of a few options (e.g. a dataset), so a user can write
    /// the name where a number would do; empty for an ordinary number.
    /// </summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
}

/// <summary>One state variable of a neuron model, readable by probes and settable as initial state.</summary>
public sealed record StateVariableSpec(string Name, Dimension Dimension, string Description);

/// <summary>A problem found by a model's own cross-parameter check (e.g. reset above threshold).</summary>
public sealed record ParameterProblem(string Parameter, string Message)
{
    /// <summary>
    /// A problem for each of <paramref name="names"/> whose value is not a whole number (counts, sizes, step limits), in
    /// the order given; a value that is not finite is left to its parameter's own rule, which reports it.
    /// </summary>
    public static IEnumerable<ParameterProblem> WholeNumbers(ParameterValues values, params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
            if (double.IsFinite(values[name]) && values[name] != Math.Floor(values[name]))
                yield return new(name, $"must be a whole number, got {values[name]}");
    }
}
