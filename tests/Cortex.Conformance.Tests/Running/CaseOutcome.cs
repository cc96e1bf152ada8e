using Cortex.Recording;

namespace Cortex.Conformance.Tests.Running;

/// <summary>
/// Everything a run produced that backends must agree on: recorded spikes and samples, final weights, spike counts, and
/// the final value of every neuron and receptor state variable (keyed "population.variable" or "population.port.variable").
/// </summary>
public sealed record CaseOutcome(
    IReadOnlyList<SpikeRecord> Spikes, IReadOnlyList<StateSample> Samples, float[][] Weights, IReadOnlyList<long> Counts,
    IReadOnlyDictionary<string, float[]> FinalState)
{
    /// <summary>The spike steps of each neuron of <paramref name="population"/> that spiked, by neuron.</summary>
    public Dictionary<int, List<long>> TrainsOf(int population)
    {
        var trains = new Dictionary<int, List<long>>();
        foreach (var s in Spikes)
        {
            if (s.Population != population) continue;
            if (!trains.TryGetValue(s.Neuron, out var train)) trains[s.Neuron] = train = [];
            train.Add(s.Step);
        }
        return trains;
    }
}
