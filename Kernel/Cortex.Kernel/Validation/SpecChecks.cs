using System.Text.RegularExpressions;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Validation;

/// <summary>
/// The checks the validator and the circuit expander share, so a circuit's parameters get exactly the messages a
/// model's parameters get: dimension, range rule, unknown names with "did you mean".
/// </summary>
internal static partial class SpecChecks
{
    /// <summary>True for names usable as prefixes and in code: a letter or '_' first, then letters, digits or '_'.</summary>
    public static bool IsIdentifier(string? name) => name is not null && IdentifierPattern().IsMatch(name);

    /// <summary>The message for a name that is not an identifier.</summary>
    public static string NotAnIdentifier(string? name) =>
        $"must be an identifier (letters, digits and '_', not starting with a digit), got '{name}'";

    /// <summary>Checks the dimension and range rule of one quantity.</summary>
    public static bool CheckQuantity(Quantity q, Dimension dimension, string path, ValueRule rule, List<SpecError> errors)
    {
        if (q.Dimension != dimension)
        {
            var got = q.Dimension == Dimension.Dimensionless ? $"{q.Value} (no unit)" : $"{q} ({UnitTable.Describe(q.Dimension)})";
            errors.Add(new SpecError(path, $"expected {UnitTable.Describe(dimension)} such as {UnitTable.Example(dimension)}, got {got}"));
            return false;
        }
        if (!rule.Accepts(q.Value))
        {
            errors.Add(new SpecError(path, $"{rule.Requirement()}, got {q}"));
            return false;
        }
        return true;
    }

    /// <summary>Checks constant parameter overrides; returns the resolved values, or null when any is wrong.</summary>
    public static ParameterValues? CheckParameters(IReadOnlyList<ParameterSpec> parameters, IReadOnlyDictionary<string, Quantity> given, string path, List<SpecError> errors)
    {
        var ok = true;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            var spec = Find(parameters, name, $"{path}.{name}", errors);
            if (spec is null)
            {
                ok = false;
                continue;
            }
            ok &= CheckQuantity(value, spec.Dimension, $"{path}.{name}", spec.Rule, errors);
            values[name] = value.Value;
        }
        return ok ? new ParameterValues(parameters, values) : null;
    }

    /// <summary>The parameter called <paramref name="name"/>, or null after reporting it as unknown.</summary>
    public static ParameterSpec? Find(IReadOnlyList<ParameterSpec> parameters, string name, string path, List<SpecError> errors)
    {
        var spec = parameters.FirstOrDefault(p => p.Name == name);
        if (spec is not null) return spec;
        var hint = EditDistance.Closest(name, parameters.Select(p => p.Name));
        errors.Add(new SpecError(path, $"unknown parameter{Hint(hint)} (available: {List(parameters.Select(p => p.Name))})"));
        return null;
    }

    /// <summary>The component called <paramref name="name"/>, or null after reporting it with the available names.</summary>
    public static T? FindNamed<T>(IReadOnlyDictionary<string, T> components, string name, string path, string kind, List<SpecError> errors) where T : class
    {
        if (components.TryGetValue(name, out var component)) return component;
        var hint = EditDistance.Closest(name, components.Keys);
        errors.Add(new SpecError(path, $"unknown {kind} '{name}'{Hint(hint)} (available: {List(components.Keys.Order(StringComparer.Ordinal))})"));
        return null;
    }

    /// <summary>" (did you mean 'x'?)" or nothing.</summary>
    public static string Hint(string? closest) => closest is null ? "" : $" (did you mean '{closest}'?)";

    /// <summary>Names separated by commas, or "none".</summary>
    public static string List(IEnumerable<string> names)
    {
        var text = string.Join(", ", names);
        return text.Length == 0 ? "none" : text;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
