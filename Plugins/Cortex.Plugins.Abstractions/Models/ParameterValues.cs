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

    /// <summary>A copy with <paramref name="overrides"/> applied (per-neuron values over shared ones).</summary>
    public ParameterValues With(IReadOnlyDictionary<string, double> overrides)
    {
        var copy = new ParameterValues(_values);
        foreach (var (name, value) in overrides)
        {
            if (!copy._values.ContainsKey(name)) throw new ArgumentException($"unknown parameter '{name}'", nameof(overrides));
            copy._values[name] = value;
        }
        return copy;
    }

    private ParameterValues(Dictionary<string, double> values) => _values = new Dictionary<string, double>(values, StringComparer.Ordinal);

    /// <summary>All values by name.</summary>
    public IReadOnlyDictionary<string, double> All => new ReadOnlyDictionary<string, double>(_values);
}
