namespace Cortex.Models;

/// <summary>What a backend tells a model when it creates a population's state.</summary>
/// <param name="Parameters">The population's shared parameter values (internal units).</param>
/// <param name="Count">Number of neurons.</param>
/// <param name="Dt">Time step (ms).</param>
public sealed record NeuronGroupSetup(ParameterValues Parameters, int Count, double Dt)
{
    /// <summary>Parameters drawn per neuron (name → one value per neuron); they override <see cref="Parameters"/>.</summary>
    public IReadOnlyDictionary<string, double[]> PerNeuron { get; init; } = new Dictionary<string, double[]>();

    /// <summary>The population's receptor port names, in the order <see cref="NeuronInput.Ports"/> lists them.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary>The key of the population's counter-based random stream (see <see cref="NeuronRandom"/>).</summary>
    public ulong RandomKey { get; init; }

    /// <summary>The parameter values of neuron <paramref name="neuron"/>: shared values with its drawn ones applied.</summary>
    public ParameterValues ValuesOf(int neuron)
    {
        if (PerNeuron.Count == 0) return Parameters;
        var overrides = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, values) in PerNeuron) overrides[name] = values[neuron];
        return Parameters.With(overrides);
    }
}
