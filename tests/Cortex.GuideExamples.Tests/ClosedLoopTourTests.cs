using Cortex.Compilation;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// Every call a closed-loop caller makes on a <see cref="ClosedLoopSession"/>, in the order Plugins/README.md shows them
/// (the README quotes <see cref="Tour"/> verbatim), each checked for its effect.
/// </summary>
public sealed class ClosedLoopTourTests
{
    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void Every_call_of_the_tour_does_what_the_guide_says(string backend) => Tour(GuideRuntime.Registry, backend);

    private static void Tour(ComponentRegistry registry, string backend)
    {
        var network = new NetworkCompiler(registry).Compile(Spec());
        using var session = ClosedLoopSession.Open(network, registry.GetBackend(backend));
        session.SetCurrent("post", 0, 0.5);                     // nA into one neuron, from the next step on, until changed
        session.InjectedCurrent("pre").Fill(0.3f);              // or into a whole population at once (a writable span)
        session.InjectSpikes("pre", [0, 2]);                    // these neurons spike at the next step
        session.InjectInput("post", "exc", 1, 0.2);             // 0.2 nA into receptor port "exc" of neuron 1, arriving next step
        session.SetNeuromodulator("dopamine", 0.5);             // a level, everywhere (or at one population)
        session.AddNeuromodulator("dopamine", 1.0, "post");     // a pulse at one population; it relaxes with its tau
        session.Step();                                         // advance one step (Step(n): n steps)
        var fired = session.Spikes("pre").ToArray();            // who spiked in the last step (the span lives until Step)
        var v = session.GetState("post", "v");                  // a neuron variable of every neuron (mV)
        var current = session.GetState("post", "exc.i");        // a receptor's state: "port.variable"
        session.SetState("post", "exc.i", new float[v.Length]); // write one (here: clear the receptor)
        var weights = session.GetWeights("plastic");            // a projection's weights, in synapse-table order
        session.SetWeights("plastic", [.. weights.Select(w => w * 2)]);
        var snapshot = session.Snapshot();                      // everything: state, spike queues, rule state, modulators
        session.Step(100);
        session.Restore(snapshot);                              // back to the snapshot; the next 100 steps repeat exactly

        Assert.Equal([0, 2], fired);
        Assert.True(v[0] > -65, "the injected current moved neuron 0");
        Assert.True(current[1] > 0 && current[0] == 0, "the injected input reached receptor exc of neuron 1 only");
        Assert.Equal(0, session.GetState("post", "exc.i")[1]);
        Assert.Equal([.. weights.Select(w => w * 2)], session.GetWeights("plastic"));
        Assert.Equal(1.5f, session.GetNeuromodulator("dopamine", "post"), 1e-6f);
        Assert.Equal(snapshot.Step, session.CurrentStep);
        session.Step(100);
        var after = session.GetState("post", "v");
        session.Restore(snapshot);
        session.Step(100);
        Assert.Equal(after, session.GetState("post", "v"));
    }

    private static NetworkSpec Spec() => new NetworkBuilder("tour").Dt(Q.Ms(0.1)).Duration(Q.Ms(100)).Seed(2)
        .Neuromodulator("dopamine")
        .Population("pre", 3, "lif")
        .Population("post", 2, "lif")
        .Connect("pre", "post", new AllToAllConnector(), Q.NA(0.1), Q.Ms(1),
            plasticity: new PlasticitySpec { Rule = "guide_reward_hebb" }, projectionName: "plastic")
        .Build();
}
