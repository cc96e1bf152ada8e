using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// guide_reward_hebb: paired pre → post spikes build eligibility but leave the weights alone while dopamine is 0; from one
/// snapshot, positive dopamine then raises every weight and negative dopamine lowers every weight. Both backends agree.
/// </summary>
public sealed class ThreeFactorHebbTests
{
    private const float Initial = 0.5f;

    [Fact]
    public void Weights_change_only_under_dopamine_and_in_its_sign()
    {
        var results = GuideRuntime.Backends.ToDictionary(b => b, Run);
        Assert.Equal(results["reference"].Positive, results["cpu"].Positive);
        Assert.Equal(results["reference"].Negative, results["cpu"].Negative);

        var (withoutDopamine, positive, negative) = results["cpu"];
        Assert.All(withoutDopamine, w => Assert.Equal(Initial, w));
        Assert.All(positive, w => Assert.True(w > Initial, $"dopamine +1 raised a weight to {w} only"));
        Assert.All(negative, w => Assert.True(w < Initial, $"dopamine −1 lowered a weight to {w} only"));
    }

    private static (float[] WithoutDopamine, float[] Positive, float[] Negative) Run(string backend)
    {
        using var session = GuideRuntime.Open(Spec(), backend);
        Pair(session, 20);                                  // eligibility builds up, dopamine still at its baseline 0
        var withoutDopamine = session.GetWeights("plastic");
        var snapshot = session.Snapshot();

        session.SetNeuromodulator("dopamine", 1);
        Pair(session, 5);
        var positive = session.GetWeights("plastic");

        session.Restore(snapshot);                          // the same history, the opposite reward
        Assert.Equal(withoutDopamine, session.GetWeights("plastic"));
        session.SetNeuromodulator("dopamine", -1);
        Pair(session, 5);
        return (withoutDopamine, positive, session.GetWeights("plastic"));
    }

    // Every presynaptic neuron fires, and 3 ms later every postsynaptic one, every 10 ms.
    private static void Pair(ClosedLoopSession session, int times)
    {
        int[] all = [0, 1, 2, 3];
        for (var t = 0; t < times; t++)
        {
            session.InjectSpikes("pre", all);
            session.Step(30);
            session.InjectSpikes("post", all);
            session.Step(70);
        }
    }

    private static NetworkSpec Spec() => new NetworkBuilder("hebb").Dt(Q.Ms(0.1)).Duration(Q.Ms(1000)).Seed(5)
        .Neuromodulator("dopamine")
        .Population("pre", 4, "lif")
        .Population("post", 4, "lif", p => p.Param("v_thresh", Q.MV(1000)))
        .Connect("pre", "post", new AllToAllConnector(), Q.NA(Initial), Q.Ms(1), plasticity: new PlasticitySpec
        {
            Rule = "guide_reward_hebb",
            Params = new Dictionary<string, Quantity> { ["eta"] = Q.Number(0.001), ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(1) },
        }, projectionName: "plastic")
        .Build();
}
