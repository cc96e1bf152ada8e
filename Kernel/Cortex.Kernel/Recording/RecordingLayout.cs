namespace Cortex.Recording;

/// <summary>What a recording contains, so sinks can name populations and variables in their output.</summary>
/// <param name="Populations">Population names by index.</param>
/// <param name="PopulationSizes">Neuron counts by population index.</param>
/// <param name="StateProbes">For each state probe index: population name and variable name.</param>
/// <param name="Dt">Time step in ms (time = step · dt).</param>
public sealed record RecordingLayout(
    IReadOnlyList<string> Populations,
    IReadOnlyList<int> PopulationSizes,
    IReadOnlyList<StateProbeInfo> StateProbes,
    double Dt);

/// <summary>A state probe as sinks see it.</summary>
public sealed record StateProbeInfo(string Population, string Variable, string Unit);
