using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Tests.Support;

/// <summary>A finished in-memory run with helpers to pick spikes and probe traces out of the sink.</summary>
internal sealed record RunResult(CompiledNetwork Network, MemorySink Sink, SimulationResult Result)
{
    public int PopulationIndex(string name)
    {
        for (var i = 0; i < Network.Populations.Count; i++)
            if (Network.Populations[i].Name == name) return i;
        throw new ArgumentException($"no population '{name}'", nameof(name));
    }

    /// <summary>Spikes of one population, in recorded order.</summary>
    public List<SpikeRecord> Spikes(string population)
    {
        var index = PopulationIndex(population);
        return [.. Sink.Spikes.Where(s => s.Population == index)];
    }

    /// <summary>Spike steps of one neuron, ascending.</summary>
    public List<long> SpikeSteps(string population, int neuron) => [.. Spikes(population).Where(s => s.Neuron == neuron).Select(s => s.Step)];

    /// <summary>Samples of state probe <paramref name="probe"/> for one neuron, by step.</summary>
    public SortedDictionary<long, float> Trace(int probe, int neuron)
    {
        var trace = new SortedDictionary<long, float>();
        foreach (var s in Sink.Samples)
            if (s.Probe == probe && s.Neuron == neuron) trace.Add(s.Step, s.Value);
        return trace;
    }
}
