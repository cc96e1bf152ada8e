using Cortex.Spec;
using Cortex.Units;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// guide_stp through the engine: a presynaptic neuron made to fire a regular train (and one late spike) drives two
/// exponential-current receptors through two depressing synapses, one strongly (cortical pyramid-to-pyramid values) and one
/// mildly; the current each spike delivers must be the Tsodyks–Markram recursion computed here, on both backends, and the
/// backends must agree exactly.
/// </summary>
public sealed class TsodyksMarkramTests
{
    private const double Dt = 0.1, Weight = 0.5, TauSyn = 2;
    private const int DelaySteps = 10;
    private static readonly int[] SpikeSteps = [.. Enumerable.Range(0, 10).Select(k => 100 + 500 * k), 100 + 500 * 9 + 3000];

    private static readonly (string Name, double U, double TauRec) Strong = ("strong", 0.5, 800);
    private static readonly (string Name, double U, double TauRec) Mild = ("mild", 0.1, 300);

    [Fact]
    public void Efficacies_follow_the_recursion_on_both_backends_and_the_backends_agree_exactly()
    {
        var amplitudes = GuideRuntime.Backends.ToDictionary(b => b, Amplitudes);
        Assert.Equal(amplitudes["reference"], amplitudes["cpu"]);

        var measured = amplitudes["cpu"];
        var sets = new[] { Strong, Mild };
        for (var n = 0; n < sets.Length; n++)
        {
            var expected = Recursion(sets[n].U, sets[n].TauRec);
            Assert.Equal(expected.Length, measured[n].Length);
            for (var k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(measured[n][k] - expected[k]) <= 1e-5 * expected[k],
                    $"{sets[n].Name} spike {k}: engine {measured[n][k]:R} nA, recursion {expected[k]:R} nA");
        }
        Assert.True(measured[0][1] < 0.8 * measured[0][0], "the strong set depresses");
        Assert.True(measured[1][1] / measured[1][0] > measured[0][1] / measured[0][0] + 0.2, "a smaller U depresses less");
        Assert.True(measured[0][^1] > measured[0][^2], "the late spike finds the depressed synapse recovered");
    }

    /// <summary>A_n = w·U·x_n with x_1 = 1 and x_{n+1} = 1 − (1 − x_n + U·x_n)e^(−Δ/τ_rec).</summary>
    private static double[] Recursion(double u, double tauRec)
    {
        var result = new double[SpikeSteps.Length];
        double x = 1;
        for (var n = 0; n < SpikeSteps.Length; n++)
        {
            if (n > 0)
            {
                var interval = (SpikeSteps[n] - SpikeSteps[n - 1]) * Dt;
                x = 1 - (1 - x + u * x) * Math.Exp(-interval / tauRec);
            }
            result[n] = Weight * u * x;
        }
        return result;
    }

    // Per post neuron (0: strong, 1: mild), the efficacy of every arriving spike, read from the receptor:
    // its current is zeroed before each step, so after a step with an arrival it is efficacy × the receptor's decay.
    private static double[][] Amplitudes(string backend)
    {
        using var session = GuideRuntime.Open(Spec(), backend);
        var decay = (float)Math.Exp(-Dt / TauSyn);
        var found = new[] { new List<double>(), new List<double>() };
        var zero = new float[2];
        while (session.CurrentStep < SpikeSteps[^1] + DelaySteps + 10)
        {
            if (SpikeSteps.Contains((int)session.CurrentStep)) session.InjectSpikes("pre", [0]);
            session.SetState("post", "exc.i", zero);
            session.Step();
            var current = session.GetState("post", "exc.i");
            for (var n = 0; n < 2; n++)
                if (current[n] != 0) found[n].Add(current[n] / (double)decay);
        }
        return [[.. found[0]], [.. found[1]]];
    }

    private static NetworkSpec Spec()
    {
        var receptor = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(TauSyn) } };
        var builder = new NetworkBuilder("stp").Dt(Q.Ms(Dt)).Duration(Q.Ms(1000)).Seed(3)
            .Population("pre", 1, "lif")
            .Population("post", 2, "lif", p => p.Param("v_thresh", Q.MV(1000)));
        var sets = new[] { Strong, Mild };
        for (var n = 0; n < sets.Length; n++)
        {
            var plasticity = new PlasticitySpec
            {
                Rule = "guide_stp",
                Params = new Dictionary<string, Quantity> { ["U"] = Q.Number(sets[n].U), ["tau_rec"] = Q.Ms(sets[n].TauRec) },
            };
            builder.Connect("pre", "post", new ExplicitConnector([new ExplicitConnection(0, n)]), Q.NA(Weight), Q.Ms(DelaySteps * Dt), receptor, plasticity, sets[n].Name);
        }
        return builder.Build();
    }
}
