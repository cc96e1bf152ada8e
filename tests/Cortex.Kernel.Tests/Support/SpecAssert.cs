using Cortex.Spec;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Support;

/// <summary>Field-by-field equality of specs (records holding lists and dictionaries compare by reference).</summary>
internal static class SpecAssert
{
    public static void Equal(NetworkSpec expected, NetworkSpec actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Simulation, actual.Simulation);

        Assert.Equal(expected.Populations.Count, actual.Populations.Count);
        for (var i = 0; i < expected.Populations.Count; i++)
        {
            var (e, a) = (expected.Populations[i], actual.Populations[i]);
            Assert.Equal((e.Name, e.Size, e.Model), (a.Name, a.Size, a.Model));
            Assert.Equal(Sorted(e.Params), Sorted(a.Params));
            Assert.Equal(Sorted(e.Initial), Sorted(a.Initial));
            Assert.Equal(e.Positions?.Points, a.Positions?.Points);
            Assert.Equal(e.Positions?.BoxMin, a.Positions?.BoxMin);
            Assert.Equal(e.Positions?.BoxMax, a.Positions?.BoxMax);
        }

        Assert.Equal(expected.Projections.Count, actual.Projections.Count);
        for (var i = 0; i < expected.Projections.Count; i++)
        {
            var (e, a) = (expected.Projections[i], actual.Projections[i]);
            Assert.Equal((e.Name, e.Source, e.Target, e.Weight, e.Delay), (a.Name, a.Source, a.Target, a.Weight, a.Delay));
            if (e.Connector is ExplicitConnector list)
                Assert.Equal(list.Connections, Assert.IsType<ExplicitConnector>(a.Connector).Connections);
            else
                Assert.Equal(e.Connector, a.Connector);
            Synapse(e.Synapse, a.Synapse);
            Assert.Equal(e.Plasticity?.Rule, a.Plasticity?.Rule);
            if (e.Plasticity is not null) Map(e.Plasticity.Params, a.Plasticity!.Params);
        }

        Assert.Equal(expected.Stimuli.Count, actual.Stimuli.Count);
        for (var i = 0; i < expected.Stimuli.Count; i++)
        {
            var (e, a) = (expected.Stimuli[i], actual.Stimuli[i]);
            Assert.Equal((e.Type, e.Target), (a.Type, a.Target));
            Assert.Equal(e.Indices, a.Indices);
            switch (e)
            {
                case DcStimulus dc:
                    var adc = Assert.IsType<DcStimulus>(a);
                    Assert.Equal((dc.Amplitude, dc.Start, dc.Stop), (adc.Amplitude, adc.Start, adc.Stop));
                    break;
                case PoissonStimulus poisson:
                    var ap = Assert.IsType<PoissonStimulus>(a);
                    Assert.Equal((poisson.Rate, poisson.Weight, poisson.Start, poisson.Stop), (ap.Rate, ap.Weight, ap.Start, ap.Stop));
                    Synapse(poisson.Synapse, ap.Synapse);
                    break;
                case SpikeTimesStimulus times:
                    var at = Assert.IsType<SpikeTimesStimulus>(a);
                    Assert.Equal(times.Times, at.Times);
                    Assert.Equal(times.Weight, at.Weight);
                    Synapse(times.Synapse, at.Synapse);
                    break;
            }
        }

        Assert.Equal(expected.Neuromodulators, actual.Neuromodulators);
        Assert.Equal(expected.Circuits.Count, actual.Circuits.Count);
        for (var i = 0; i < expected.Circuits.Count; i++)
        {
            var (e, a) = (expected.Circuits[i], actual.Circuits[i]);
            Assert.Equal((e.Type, e.Name), (a.Type, a.Name));
            Map(e.Params, a.Params);
        }

        Assert.Equal(expected.Probes.Count, actual.Probes.Count);
        for (var i = 0; i < expected.Probes.Count; i++)
        {
            var (e, a) = (expected.Probes[i], actual.Probes[i]);
            Assert.Equal((e.Type, e.Population), (a.Type, a.Population));
            Assert.Equal(e.Indices, a.Indices);
            if (e is StateProbe state)
            {
                var astate = Assert.IsType<StateProbe>(a);
                Assert.Equal((state.Variable, state.Interval), (astate.Variable, astate.Interval));
            }
        }
    }

    private static void Synapse(SynapseSpec expected, SynapseSpec actual)
    {
        Assert.Equal((expected.Model, expected.Port), (actual.Model, actual.Port));
        Map(expected.Params, actual.Params);
    }

    private static void Map(IReadOnlyDictionary<string, Quantity> expected, IReadOnlyDictionary<string, Quantity> actual) =>
        Assert.Equal(Sorted(expected), Sorted(actual));

    private static List<KeyValuePair<string, T>> Sorted<T>(IReadOnlyDictionary<string, T> map) =>
        [.. map.OrderBy(x => x.Key, StringComparer.Ordinal)];
}
