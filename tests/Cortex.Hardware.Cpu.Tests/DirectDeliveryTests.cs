using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Cpu.Tests;

/// <summary>
/// Static synapses of one step onto a linear receptor add their weights straight to the receptor's state as the spike
/// is sent, one after another in the serial order; longer delays still wait in the ring and arrive at the start of
/// their step. The reference defines it and the CPU backend must do the same float additions.
/// </summary>
public sealed class DirectDeliveryTests
{
    // Sources 0–2 reach the target in one step, with weights whose float sum depends on the order of the additions;
    // source 3 reaches it in two steps.
    private static NetworkSpec Spec() => new NetworkBuilder("direct").Dt(Q.Ms(0.1)).Duration(Q.Ms(10)).Seed(1)
        .Population("src", 4, "lif", p => p.Param("v_thresh", Q.MV(1e6)))
        .Population("t", 1, "lif", p => p.Param("v_thresh", Q.MV(1e6)))
        .Connect("src", "t", new ExplicitConnector(
            [
                new ExplicitConnection(0, 0, Q.NA(1), Q.Ms(0.1)),
                new ExplicitConnection(1, 0, Q.NA(-1), Q.Ms(0.1)),
                new ExplicitConnection(2, 0, Q.NA(1e-7), Q.Ms(0.1)),
                new ExplicitConnection(3, 0, Q.NA(0.5), Q.Ms(0.2)),
            ]), Q.NA(0), projectionName: "in")
        .Build();

    // Opens the network and measures the receptor's decay per step, the backend's own float, from a state of 1.
    private static ClosedLoopSession Open(string backend, out float[] weights, out float decay)
    {
        var session = ClosedLoopSession.Open(BackendRun.Compile(Spec()), BackendRun.Backend(backend));
        try
        {
            weights = session.GetWeights("in");
            session.SetState("t", "exc.i", [1f]);
            session.Step();
            decay = session.GetState("t", "exc.i")[0];
            Assert.True(decay is > 0f and < 1f, $"the state should decay in a step, got {decay}");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void One_step_synapses_add_to_the_state_one_after_another_as_the_spike_is_sent(string backend)
    {
        using var session = Open(backend, out var weights, out var decayed);

        session.SetState("t", "exc.i", [1f]);
        session.InjectSpikes("src", [0, 1, 2, 3]);
        session.Step();

        var oneByOne = decayed + weights[0] + weights[1] + weights[2];
        var summedFirst = decayed + (weights[0] + weights[1] + weights[2]);
        Assert.NotEqual(oneByOne, summedFirst);
        // The two-step synapse is not in the state yet: it waits in its slot.
        Assert.Equal(oneByOne, session.GetState("t", "exc.i")[0]);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void A_two_step_synapse_waits_in_its_slot_and_arrives_at_the_start_of_its_step(string backend)
    {
        using var session = Open(backend, out var weights, out var decay);

        session.SetState("t", "exc.i", [0f]);
        session.InjectSpikes("src", [3]);
        session.Step();
        Assert.Equal(0f, session.GetState("t", "exc.i")[0]);
        session.Step();
        Assert.Equal(0f, session.GetState("t", "exc.i")[0]);
        session.Step();
        Assert.Equal(weights[3] * decay, session.GetState("t", "exc.i")[0]);
    }
}
