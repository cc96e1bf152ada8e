using Cortex.Compilation;
using Xunit;

namespace Cortex.Tests.Support;

/// <summary>Equality of compiled networks: same tables, initial state, positions, stimuli and probes.</summary>
internal static class CompiledAssert
{
    public static void SameNetwork(CompiledNetwork expected, CompiledNetwork actual)
    {
        Assert.Equal((expected.Dt, expected.Steps, expected.Seed), (actual.Dt, actual.Steps, actual.Seed));
        Assert.Equal((expected.MinDelaySteps, expected.MaxDelaySteps), (actual.MinDelaySteps, actual.MaxDelaySteps));

        Assert.Equal(expected.Populations.Count, actual.Populations.Count);
        for (var i = 0; i < expected.Populations.Count; i++)
        {
            var (e, a) = (expected.Populations[i], actual.Populations[i]);
            Assert.Equal((e.Name, e.Index, e.Size), (a.Name, a.Index, a.Size));
            Assert.Same(e.Model, a.Model);
            Assert.Equal(e.Parameters.All.OrderBy(x => x.Key, StringComparer.Ordinal), a.Parameters.All.OrderBy(x => x.Key, StringComparer.Ordinal));
            Assert.Equal(e.InitialState.Length, a.InitialState.Length);
            for (var v = 0; v < e.InitialState.Length; v++) Assert.Equal(e.InitialState[v], a.InitialState[v]);
            Assert.Equal(e.Positions, a.Positions);
            Assert.Equal(
                e.Receptors.Select(r => (r.Port, r.Index, r.Model.Name, Params: string.Join(",", r.Parameters.All.OrderBy(x => x.Key, StringComparer.Ordinal)))),
                a.Receptors.Select(r => (r.Port, r.Index, r.Model.Name, Params: string.Join(",", r.Parameters.All.OrderBy(x => x.Key, StringComparer.Ordinal)))));
        }

        Assert.Equal(expected.Projections.Count, actual.Projections.Count);
        for (var i = 0; i < expected.Projections.Count; i++)
        {
            var (e, a) = (expected.Projections[i], actual.Projections[i]);
            Assert.Equal((e.Name, e.Source, e.Target, e.Receptor), (a.Name, a.Source, a.Target, a.Receptor));
            SameTable(e.Table, a.Table);
            Assert.Equal(e.Plasticity?.Rule.Name, a.Plasticity?.Rule.Name);
            if (e.Plasticity is not null)
                Assert.Equal(e.Plasticity.Parameters.All.OrderBy(x => x.Key, StringComparer.Ordinal), a.Plasticity!.Parameters.All.OrderBy(x => x.Key, StringComparer.Ordinal));
        }

        Assert.Equal(expected.Stimuli.Count, actual.Stimuli.Count);
        for (var i = 0; i < expected.Stimuli.Count; i++)
        {
            var (e, a) = (expected.Stimuli[i], actual.Stimuli[i]);
            Assert.Equal(e.GetType(), a.GetType());
            Assert.Equal((e.Population, e.Index), (a.Population, a.Index));
            Assert.Equal(e.Neurons, a.Neurons);
            switch (e)
            {
                case CompiledDc dc:
                    var adc = (CompiledDc)a;
                    Assert.Equal((dc.Amplitude, dc.StartStep, dc.StopStep), (adc.Amplitude, adc.StartStep, adc.StopStep));
                    break;
                case CompiledPoisson poisson:
                    var ap = (CompiledPoisson)a;
                    Assert.Equal((poisson.Receptor, poisson.MeanPerStep, poisson.Weight, poisson.StartStep, poisson.StopStep),
                        (ap.Receptor, ap.MeanPerStep, ap.Weight, ap.StartStep, ap.StopStep));
                    break;
                case CompiledSpikeTimes times:
                    var at = (CompiledSpikeTimes)a;
                    Assert.Equal((times.Receptor, times.Weight), (at.Receptor, at.Weight));
                    Assert.Equal(times.Steps, at.Steps);
                    break;
            }
        }

        Assert.Equal(expected.SpikeRecordMasks, actual.SpikeRecordMasks);
        Assert.Equal(
            expected.StateProbes.Select(p => (p.Population, p.Variable, p.VariableName, p.Unit, p.IntervalSteps, string.Join(",", p.Neurons))),
            actual.StateProbes.Select(p => (p.Population, p.Variable, p.VariableName, p.Unit, p.IntervalSteps, string.Join(",", p.Neurons))));
    }

    public static void SameTable(SynapseTable expected, SynapseTable actual)
    {
        Assert.Equal(expected.RowStart, actual.RowStart);
        Assert.Equal(expected.Targets, actual.Targets);
        Assert.Equal(expected.Weights, actual.Weights);
        Assert.Equal(expected.DelaySteps, actual.DelaySteps);
    }

    public static bool TablesEqual(SynapseTable a, SynapseTable b) =>
        a.RowStart.AsSpan().SequenceEqual(b.RowStart) && a.Targets.AsSpan().SequenceEqual(b.Targets)
        && a.Weights.AsSpan().SequenceEqual(b.Weights) && a.DelaySteps.AsSpan().SequenceEqual(b.DelaySteps);
}
