using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// tsodyks_markram in a running network. One presynaptic neuron is made to fire a regular train (20 Hz, then a late
/// spike after a pause), another a Poisson train drawn here; each drives, through every parameter set, its own
/// postsynaptic neuron's exponential-current receptor. The current each arriving spike starts is read from the receptor
/// and must equal the Tsodyks–Markram recursion (Markram, Wang &amp; Tsodyks 1998; Tsodyks, Pawelzik &amp; Markram 1998)
/// evaluated here in double precision, to 1e-5 relative, on both backends, which must agree exactly; the stored weights
/// must not move.
/// </summary>
public sealed class TsodyksMarkramTests
{
    private const double Dt = 0.1, Weight = 0.5, TauSyn = 2;
    private const int DelaySteps = 10;

    private sealed record Set(string Name, double U, double TauRec, double TauFacil);

    private static readonly Set[] Sets =
    [
        new("depressing", 0.5, 800, 0),                  // pyramid → pyramid (Tsodyks & Markram 1997; Markram et al. 1998)
        new("facilitating_tpm98", 0.03, 130, 530),       // pyramid → interneuron, Tsodyks, Pawelzik & Markram 1998, Fig. 1B
        new("facilitating", 0.03, 100, 1000),            // longer facilitation (PyNN's NEURON mechanism defaults to 100 ms, 1 s, U 0.04)
    ];

    // 20 spikes at 20 Hz from step 100, then one more 1 s after the last: depression recovers, facilitation fades.
    private static readonly long[] Regular = [.. Enumerable.Range(0, 20).Select(k => 100L + 500 * k), 100L + 500 * 19 + 10_000];

    // A Poisson train at 25 Hz over 3 s: exponential intervals drawn here, on the step grid, at least one step apart.
    private static readonly long[] Poisson = PoissonTrain(rateHz: 25, durationMs: 3000, seed: 20240611);

    private static long[] PoissonTrain(double rateHz, double durationMs, int seed)
    {
        var random = new Random(seed);
        var steps = new List<long>();
        var t = 50.0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) * 1000 / rateHz;
            if (t > durationMs) return [.. steps];
            var step = (long)Math.Round(t / Dt);
            if (steps.Count == 0 || step > steps[^1]) steps.Add(step);
        }
    }

    /// <summary>
    /// A_n = w·u_n·x_n with u_1 = U, x_1 = 1 and, for the interval Δ before spike n + 1,
    /// u_{n+1} = U + u_n(1 − U)e^(−Δ/τ_f) (u_{n+1} = U without facilitation), x_{n+1} = 1 − (1 − x_n + u_n x_n)e^(−Δ/τ_rec).
    /// </summary>
    private static double[] Recursion(Set set, long[] train)
    {
        var amplitudes = new double[train.Length];
        double u = set.U, x = 1;
        for (var n = 0; n < train.Length; n++)
        {
            if (n > 0)
            {
                var interval = (train[n] - train[n - 1]) * Dt;
                var facilitation = set.TauFacil > 0 ? Math.Exp(-interval / set.TauFacil) : 0;
                (u, x) = (set.U + u * (1 - set.U) * facilitation, 1 - (1 - x + u * x) * Math.Exp(-interval / set.TauRec));
            }
            amplitudes[n] = Weight * u * x;
        }
        return amplitudes;
    }

    [Fact]
    public void Amplitudes_of_a_regular_and_a_Poisson_train_follow_the_recursion_on_both_backends()
    {
        Assert.True(Poisson.Length >= 50, $"the Poisson train has {Poisson.Length} spikes");
        var runs = new[] { "reference", "cpu" }.ToDictionary(b => b, Run);
        Assert.Equal(runs["reference"].Amplitudes, runs["cpu"].Amplitudes);

        var (measured, weights) = runs["cpu"];
        var trains = new[] { ("regular", Regular), ("poisson", Poisson) };
        for (var t = 0; t < trains.Length; t++)
            for (var s = 0; s < Sets.Length; s++)
            {
                var (trainName, train) = trains[t];
                var expected = Recursion(Sets[s], train);
                var got = measured[t * Sets.Length + s];
                Assert.True(expected.Length == got.Count, $"{Sets[s].Name}, {trainName} train: {got.Count} arrivals, expected {expected.Length}");
                for (var k = 0; k < expected.Length; k++)
                    Assert.True(Math.Abs(got[k] - expected[k]) <= 1e-5 * expected[k],
                        $"{Sets[s].Name}, {trainName} spike {k}: engine {got[k]:R} nA, recursion {expected[k]:R} nA");
            }

        // The sets do what their names say, and the late spike of the regular train finds the synapse nearly at rest.
        var regular = measured.Take(Sets.Length).ToArray();
        Assert.True(regular[0][4] < 0.5 * regular[0][0], "the depressing set depresses");
        Assert.True(regular[1][4] > 2 * regular[1][0] && regular[2][4] > 2 * regular[2][0], "the facilitating sets facilitate");
        Assert.True(regular[0][^1] > 2 * regular[0][^2], "the late spike finds the depressed synapse recovered");
        Assert.All(weights, w => Assert.Equal((float)Weight, w));
    }

    // Per postsynaptic neuron (train · sets + set) the current every arriving spike started. The receptor current is
    // zeroed before each step; an arrival adds its efficacy A, which the receptor then decays by one step: A = i / decay.
    private static (List<double>[] Amplitudes, float[] Weights) Run(string backend)
    {
        using var session = ClosedLoopSession.Open(TestRuntime.Compile(Spec()), TestRuntime.Registry.GetBackend(backend));
        var decay = (float)Math.Exp(-Dt / TauSyn);
        var posts = 2 * Sets.Length;
        var found = Enumerable.Range(0, posts).Select(_ => new List<double>()).ToArray();
        var zero = new float[posts];
        var end = Math.Max(Regular[^1], Poisson[^1]) + DelaySteps + 10;
        var firing = new List<int>(2);
        while (session.CurrentStep < end)
        {
            firing.Clear();
            if (Array.BinarySearch(Regular, session.CurrentStep) >= 0) firing.Add(0);
            if (Array.BinarySearch(Poisson, session.CurrentStep) >= 0) firing.Add(1);
            if (firing.Count > 0) session.InjectSpikes("pre", [.. firing]);
            session.SetState("post", "exc.i", zero);
            session.Step();
            var current = session.GetState("post", "exc.i");
            for (var n = 0; n < posts; n++)
                if (current[n] != 0) found[n].Add(current[n] / (double)decay);
        }
        var weights = Enumerable.Range(0, Sets.Length).SelectMany(s => session.GetWeights(Sets[s].Name)).ToArray();
        return (found, weights);
    }

    private static NetworkSpec Spec()
    {
        var receptor = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(TauSyn) } };
        var builder = new NetworkBuilder("tsodyks-markram").Dt(Q.Ms(Dt)).Duration(Q.Ms(1000)).Seed(5)
            .Population("pre", 2, "if", p => p.Param("v_thresh", Q.MV(1000)))
            .Population("post", 2 * Sets.Length, "lif", p => p.Param("v_thresh", Q.MV(1000)));
        for (var s = 0; s < Sets.Length; s++)
        {
            var plasticity = new PlasticitySpec
            {
                Rule = "tsodyks_markram",
                Params = new Dictionary<string, Quantity>
                {
                    ["U"] = Q.Number(Sets[s].U), ["tau_rec"] = Q.Ms(Sets[s].TauRec), ["tau_facil"] = Q.Ms(Sets[s].TauFacil),
                },
            };
            // Pre 0 (regular) onto post s, pre 1 (Poisson) onto post sets + s.
            var connector = new ExplicitConnector([new ExplicitConnection(0, s), new ExplicitConnection(1, Sets.Length + s)]);
            builder.Connect("pre", "post", connector, Q.NA(Weight), Q.Ms(DelaySteps * Dt), receptor, plasticity, Sets[s].Name);
        }
        return builder.Build();
    }
}
