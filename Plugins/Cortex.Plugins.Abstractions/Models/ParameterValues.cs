using System.Collections.ObjectModel;

namespace Cortex.Models;

/// <summary>
/// Resolved parameter values of one model instance in internal units: the spec's values over the model's defaults.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, double> _values;

    /// <summary>Starts from the defaults of <paramref name="parameters"/> and applies <paramref name="overrides"/>.</summary>
    public ParameterValues(IEnumerable<ParameterSpec> parameters, IReadOnlyDictionary<string, double>? overrides = null)
    {
        _values = parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        if (overrides is null) return;
        foreach (var (name, value) in overrides)
        {
            if (!_values.ContainsKey(name)) throw new ArgumentException($"unknown parameter '{name}'", nameof(overrides));
            _values[name] = value;
        }
    }

    /// <summary>The value of a parameter in internal units.</summary>
    public double this[string name] => _values.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"parameter '{name}' is not defined by this model");

    /// <summary>All values by name.</summary>
    public IReadOnlyDictionary<string, double> All => new ReadOnlyDictionary<string, double>(_values);
}
