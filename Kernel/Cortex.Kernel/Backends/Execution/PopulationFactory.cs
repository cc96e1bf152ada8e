using Cortex.Compilation;
using Cortex.Models;

namespace Cortex.Backends.Execution;

/// <summary>Creates a population's neuron and receptor state as every CPU backend needs it, initial state applied.</summary>
public static class PopulationFactory
{
    /// <summary>What the model is told about <paramref name="population"/>: parameters (shared and per neuron), ports, random stream.</summary>
    public static NeuronGroupSetup Setup(CompiledPopulation population, CompiledNetwork network) =>
        new(population.Parameters, population.Size, network.Dt)
        {
            PerNeuron = population.PerNeuronParameters,
            Ports = [.. population.Receptors.Select(r => r.Port)],
            RandomKey = RandomKey(network.Seed, population.Index),
        };

    /// <summary>The key of population <paramref name="population"/>'s counter-based neuron random streams.</summary>
    public static ulong RandomKey(ulong seed, int population) =>
        NeuronRandom.Mix(NeuronRandom.Mix(seed ^ 0x4E6575726F6E5251UL) ^ (ulong)population);

    /// <summary>The population's neuron state through the model's generic group, initial state applied.</summary>
    public static INeuronGroup CreateGroup(CompiledPopulation population, CompiledNetwork network)
    {
        var group = population.Model.CreateGroup(Setup(population, network));
        for (var v = 0; v < population.InitialState.Length; v++)
            for (var n = 0; n < population.Size; n++) group.Set(v, n, population.InitialState[v][n]);
        return group;
    }

    /// <summary>One receptor's state for every neuron of a population, initial state applied.</summary>
    public static IReceptorGroup CreateReceptor(CompiledReceptor receptor, int size, double dt)
    {
        var group = receptor.Model.CreateGroup(receptor.Parameters, size, dt);
        if (receptor.InitialState is { } initial)
            for (var v = 0; v < initial.Length; v++)
                if (initial[v] is { } values)
                    for (var n = 0; n < size; n++) group.Set(v, n, values[n]);
        return group;
    }

    /// <summary>The indices in the network's neuromodulator list of the modulators <paramref name="population"/>'s model reads.</summary>
    public static int[] ModulatorMap(CompiledPopulation population, CompiledNetwork network) =>
        [.. population.Model.Neuromodulators.Select(name => network.Neuromodulators.First(m => m.Name == name).Index)];
}
