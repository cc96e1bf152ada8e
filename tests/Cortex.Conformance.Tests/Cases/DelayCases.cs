using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Running;
using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One case per delay pattern: one step, many steps, several projections with different delays (mixed), and a delay
/// drawn per synapse (heterogeneous). A spike-time stimulus makes each "in" neuron fire at known steps; one-to-one
/// supra-threshold jumps then make "out" neuron i fire exactly its synapse's delay later, which is checked against the
/// compiled synapse table (independently of any backend's ring buffer).
/// </summary>
internal static class DelayCases
{
    private const double Dt = 0.1;

    public static IEnumerable<ConformanceCase> All()
    {
        yield return Case("one step", [new ConstantValue(Q.Ms(Dt))]);
        yield return Case("many steps", [new ConstantValue(Q.Ms(4))]);
        yield return Case("mixed", [new ConstantValue(Q.Ms(Dt)), new ConstantValue(Q.Ms(1.3)), new ConstantValue(Q.Ms(4))]);
        yield return Case("heterogeneous", [new UniformValue(Q.Ms(Dt), Q.Ms(5))]);
    }

    private static ConformanceCase Case(string pattern, ValueSpec[] delays)
    {
        var builder = new NetworkBuilder($"delay-{pattern}").Dt(Q.Ms(Dt)).Duration(Q.Ms(60)).Seed(9)
            .Population("in", 30, "lif")
            // No refractory period, so with several projections each arrival is a spike of its own.
            .Population("out", 30, "lif", p => p.Param("tau_refrac", Q.Ms(0)))
            .Stimulate(new SpikeTimesStimulus { Target = "in", Times = [Q.Ms(5), Q.Ms(40)], Weight = Q.MV(20), Synapse = Drive.Jump })
            .RecordSpikes("in").RecordSpikes("out");
        for (var k = 0; k < delays.Length; k++)
            builder.Connect("in", "out", new OneToOneConnector(), Q.MV(20), delays[k], Drive.Jump, projectionName: $"in->out {k}");
        return new ConformanceCase($"delay:{pattern}", "delay", [pattern], builder.Build(), Chaotic: false, Check);
    }

    private static void Check(CaseOutcome outcome, CompiledNetwork network, Tolerance tolerance)
    {
        var input = outcome.TrainsOf(0);
        var output = outcome.TrainsOf(1);
        Assert.Equal(30, input.Count);
        for (var neuron = 0; neuron < 30; neuron++)
        {
            // OneToOne: synapse i of each projection joins in[i] to out[i].
            var expected = network.Projections
                .SelectMany(p => input[neuron].Select(t => t + p.Table.DelaySteps[neuron]))
                .Order().ToList();
            var got = output.GetValueOrDefault(neuron) ?? [];
            Assert.True(expected.Count == got.Count, $"out neuron {neuron}: spikes at {string.Join(", ", got)}, expected one per arrival at {string.Join(", ", expected)}");
            for (var i = 0; i < expected.Count; i++)
                Assert.True(Math.Abs(got[i] - expected[i]) <= tolerance.SpikeStepWindow,
                    $"out neuron {neuron}: spike at step {got[i]}, the input spiked {expected[i]} steps minus its delay earlier");
        }
    }
}
