using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Tests.Circuits;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Compilation;

/// <summary>Receptor state set in <c>initial</c> reaches the compiled receptor; neuromodulators are listed in the documented order.</summary>
public sealed class ReceptorAndNeuromodulatorCompilationTests
{
    private static readonly SynapseSpec Conductance = new()
    {
        Model = "exp_conductance", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(3) },
    };

    private static readonly SynapseSpec Current = new()
    {
        Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10) },
    };

    private static NetworkSpec TwoReceptors(Action<PopulationBuilder> target, ulong seed = 3) => new NetworkBuilder().Duration(Q.Ms(1)).Seed(seed)
        .Population("src", 2, "lif")
        .Population("b", 400, "lif", target)
        .Connect("src", "b", new AllToAllConnector(), Q.NS(1), synapse: Conductance)
        .Connect("src", "b", new AllToAllConnector(), Q.NA(-0.1), synapse: Current)
        .Build();

    private static CompiledReceptor Receptor(CompiledNetwork network, string port) => network.Populations[1].Receptors.Single(r => r.Port == port);

    [Fact]
    public void ConstantConductance_IsSetForEveryNeuron_InInternalUnits()
    {
        var network = TestComponents.Compile(TwoReceptors(p => p.Init("exc.g", Q.NS(10))));
        var state = Receptor(network, "exc").InitialState;
        Assert.NotNull(state);
        var g = Assert.Single(state);
        Assert.NotNull(g);
        // 10 nS is 0.01 µS, the internal conductance unit.
        Assert.All(g, x => Assert.Equal(0.01f, x));
        Assert.Equal(400, g.Length);
        // The other receptor was not mentioned: model defaults.
        Assert.Null(Receptor(network, "inh").InitialState);
    }

    [Fact]
    public void DistributedReceptorCurrent_IsDrawnWithinBounds_AndFromTheSeed()
    {
        float[] Draw(ulong seed) => Receptor(TestComponents.Compile(TwoReceptors(p => p.Init("inh.i", new UniformValue(Q.NA(-0.5), Q.NA(-0.1))), seed)), "inh").InitialState![0]!;
        var i = Draw(1);
        Assert.All(i, x => Assert.InRange(x, -0.5f, -0.1f));
        Assert.True(i.Distinct().Count() > 390);
        Assert.Equal(i, Draw(1));
        Assert.NotEqual(i, Draw(2));
    }

    [Fact]
    public void ReceptorState_DoesNotChangeTheNeuronsInitialState()
    {
        var plain = TestComponents.Compile(TwoReceptors(p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55)))));
        var withReceptor = TestComponents.Compile(TwoReceptors(p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))).Init("exc.g", new UniformValue(Q.NS(0), Q.NS(1)))));
        Assert.Equal(plain.Populations[1].InitialState[0], withReceptor.Populations[1].InitialState[0]);
    }

    [Fact]
    public void NoNeuromodulators_GiveAnEmptyList()
    {
        Assert.Empty(TestComponents.Compile(TwoReceptors(_ => { })).Neuromodulators);
    }

    [Fact]
    public void DeclaredNeuromodulators_KeepSpecOrder_BaselineAndDecay()
    {
        var spec = new NetworkBuilder().Dt(Q.Ms(0.1)).Duration(Q.Ms(1))
            .Population("a", 1, "lif")
            .Neuromodulator("noradrenaline", baseline: 0.5, tau: Q.Ms(200))
            .Neuromodulator("dopamine")
            .Build();
        var modulators = TestComponents.Compile(spec).Neuromodulators;
        Assert.Equal(["noradrenaline", "dopamine"], modulators.Select(m => m.Name));
        Assert.Equal([0, 1], modulators.Select(m => m.Index));
        Assert.Equal(0.5f, modulators[0].Baseline);
        // exp(−0.1/200) = 0.99950012…
        Assert.Equal(0.9995001, modulators[0].DecayPerStep, 6);
        Assert.Equal(1f, modulators[1].DecayPerStep);
        Assert.Equal(0f, modulators[1].Baseline);
    }

    [Fact]
    public void NeuromodulatorsReadByModelsAndRules_ComeAfterTheDeclaredOnes_InOrderOfFirstUse()
    {
        // test_neuron reads serotonin, dopamine; test_rule reads acetylcholine, dopamine.
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("a", 2, "lif")
            .Population("t", 2, "test_neuron")
            .Connect("a", "a", new AllToAllConnector(), Q.NA(0.1), plasticity: new PlasticitySpec { Rule = "test_rule" })
            .Neuromodulator("dopamine", baseline: 0.1, tau: Q.Ms(50))
            .Build();
        var network = new NetworkCompiler(TestComponents.WithTestComponents).Compile(spec);
        Assert.Equal(
            [("dopamine", 0, 0.1f), ("serotonin", 1, 0f), ("acetylcholine", 2, 0f)],
            network.Neuromodulators.Select(m => (m.Name, m.Index, m.Baseline)));
        Assert.All(network.Neuromodulators.Skip(1), m => Assert.Equal(1f, m.DecayPerStep));
        Assert.True(network.Neuromodulators[0].DecayPerStep < 1f);
    }
}
