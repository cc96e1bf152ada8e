using Cortex.Simulation;

namespace Cortex.Conformance.Tests.ClosedLoop;

/// <summary>Every closed-loop call of the session API, each with its immediate meaning checked.</summary>
internal static class ClosedLoopCalls
{
    public static IReadOnlyList<ClosedLoopCall> All { get; } =
    [
        new("last spikes", false, false, (_, _) => { }),
        new("inject spikes", false, false, InjectSpikes),
        new("inject current", false, false, (session, k) => session.SetCurrent("a", k % LoopNetwork.Neurons, 0.3 + 0.01 * (k % 5))),
        new("inject receptor input", false, false, InjectInput),
        new("read and write state", false, false, ReadWriteState),
        new("read and write weights", false, false, (session, k) => ReadWriteWeights(session, k, ["in->a"])),
        new("read and write plastic weights", false, true, (session, k) => ReadWriteWeights(session, k, ["in->a", LoopNetwork.PlasticProjection])),
        new("neuromodulators", true, false, Neuromodulators),
    ];

    public static ClosedLoopCall Get(string name) => All.Single(c => c.Name == name);

    private static void InjectSpikes(ClosedLoopSession session, int k)
    {
        int[] cue = [k % LoopNetwork.Inputs, (k * 7 + 3) % LoopNetwork.Inputs];
        session.InjectSpikes("in", cue);
        var step = session.CurrentStep;
        session.Step(1);
        // Forced spikes are spikes of the next step, on exactly those neurons ("in" has no other input).
        Assert.Equal(cue.Distinct().Order(), session.Spikes("in").ToArray());
        Assert.Equal(step + 1, session.CurrentStep);
    }

    private static void InjectInput(ClosedLoopSession session, int k)
    {
        var neuron = (k * 3) % LoopNetwork.Neurons;
        var before = session.GetState("a", "exc.i")[neuron];
        session.InjectInput("a", "exc", neuron, 0.5);
        session.Step(1);
        // The weight arrives at the next step: the current rose by at least the decayed injection (other input only adds).
        Assert.True(session.GetState("a", "exc.i")[neuron] >= before * 0.98f + 0.5f * 0.98f - 1e-4f,
            $"receptor input 0.5 nA injected into a[{neuron}].exc did not arrive at the next step");
    }

    private static void ReadWriteState(ClosedLoopSession session, int k)
    {
        if (k % 4 != 3) return;
        var v = session.GetState("a", "v");
        v[k % LoopNetwork.Neurons] = -52;
        v[(k + 1) % LoopNetwork.Neurons] = -75;
        session.SetState("a", "v", v);
        Assert.Equal(v, session.GetState("a", "v"));
        var current = session.GetState("a", "exc.i");
        current[k % LoopNetwork.Neurons] += 0.4f;
        session.SetState("a", "exc.i", current);
        Assert.Equal(current, session.GetState("a", "exc.i"));
    }

    private static void ReadWriteWeights(ClosedLoopSession session, int k, string[] projections)
    {
        if (k % 5 != 4) return;
        foreach (var projection in projections)
        {
            var weights = session.GetWeights(projection);
            for (var i = k % 3; i < weights.Length; i += 3) weights[i] *= 0.9f;
            session.SetWeights(projection, weights);
            Assert.Equal(weights, session.GetWeights(projection));
        }
        session.InjectSpikes("in", [k % LoopNetwork.Inputs, (k + 11) % LoopNetwork.Inputs]);
    }

    private static void Neuromodulators(ClosedLoopSession session, int k)
    {
        session.InjectSpikes("in", [k % LoopNetwork.Inputs]);
        if (k % 6 == 0) session.SetNeuromodulator("dopamine", 1.5);
        if (k % 6 == 3) session.AddNeuromodulator("dopamine", 0.5, "d");
        var level = session.GetNeuromodulator("dopamine", "d");
        session.Step(1);
        // Baseline 0, τ = 20 ms: one 0.1 ms step multiplies the level by e^(−0.1/20), within float rounding.
        var expected = level * Math.Exp(-0.1 / 20);
        Assert.True(Math.Abs(session.GetNeuromodulator("dopamine", "d") - expected) <= 1e-5 * (1 + Math.Abs(expected)),
            $"dopamine {session.GetNeuromodulator("dopamine", "d")} after one step from {level}, expected {expected:0.######}");
    }
}
