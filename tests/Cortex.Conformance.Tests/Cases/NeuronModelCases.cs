using Cortex.Models;
using Cortex.Registry;
using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One case per registered neuron model: a population of it driven feed-forward (so not chaotic) by its own Poisson
/// input, a Poisson-driven LIF layer through heterogeneous delays, and a DC step; spikes of both and the model's first
/// state variable are recorded. Neuromodulators the model reads are declared with a decaying baseline.
/// </summary>
internal static class NeuronModelCases
{
    public static IEnumerable<ConformanceCase> From(ComponentRegistry registry) =>
        registry.NeuronModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(Case);

    private static ConformanceCase Case(NeuronModel model)
    {
        var scale = Drive.Scale(model.Name);
        var builder = new NetworkBuilder($"model-{model.Name}").Dt(Q.Ms(0.1)).Duration(Q.Ms(80)).Seed(7);
        foreach (var neuromodulator in model.Neuromodulators) builder.Neuromodulator(neuromodulator, baseline: 0.5, tau: Q.Ms(50));
        builder
            .Population("in", 60, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Population("m", 80, model.Name, p =>
            {
                if (model.StateVariables.Any(v => v.Name == "v") && model.Name != "hh")
                    p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-60)));
            })
            .Stimulate(new PoissonStimulus { Target = "in", Rate = Q.Hz(1500), Weight = Q.NA(0.1), Synapse = Drive.Excitatory })
            .Stimulate(new PoissonStimulus { Target = "m", Rate = Q.Hz(800), Weight = Q.NA(0.1 * scale), Synapse = Drive.Excitatory })
            .Connect("in", "m", new FixedInDegreeConnector(10), Q.NA(0.05 * scale), new UniformValue(Q.Ms(0.5), Q.Ms(2)), Drive.Excitatory)
            .Dc("m", Q.NA(0.15 * scale), start: Q.Ms(20), stop: Q.Ms(70))
            .RecordSpikes("in").RecordSpikes("m")
            .RecordState("m", model.StateVariables[0].Name, [0, 1, 7], Q.Ms(0.5));
        return new ConformanceCase($"neuron model:{model.Name}", "neuron model", [model.Name], builder.Build(), Chaotic: false, (outcome, network, _) =>
        {
            var spikes = outcome.Spikes.Count(s => s.Population == 1);
            Assert.True(spikes >= 20, $"neuron model '{model.Name}' fired {spikes} times in 80 ms: calibrate its drive in {nameof(Drive)}");
            Assert.True(spikes < 80 * 80 / 2, $"neuron model '{model.Name}' fired {spikes} times: saturated, calibrate its drive in {nameof(Drive)}");
            Assert.All(outcome.Samples, s => Assert.True(float.IsFinite(s.Value), $"{model.Name}: a non-finite sample at step {s.Step}"));
        });
    }
}
