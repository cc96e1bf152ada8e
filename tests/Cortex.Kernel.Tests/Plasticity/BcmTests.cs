using Cortex.Models;
using Cortex.Modules.Plasticity;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// bcm (Bienenstock, Cooper &amp; Munro 1982). The sliding threshold is checked on the rule's own hooks, driven as a
/// backend drives them by a Poisson spike train drawn here: θ settles at ⟨y²⟩/y_0, the mean square of the rate estimate
/// (known in closed form for a Poisson train), and follows it when the rate changes. Selectivity is checked in a running
/// network: two input patterns alternate onto LIF neurons that at first answer both about equally; each neuron ends
/// answering one of them at the rate BCM predicts and (nearly) ignoring the other, on both backends alike. Selective
/// means a response ratio of at least 5 over the last 20 patterns (10 s).
/// </summary>
public sealed class BcmTests
{
    private const double Dt = 1, Y0 = 10, PatternMs = 500, HighHz = 40, LowHz = 2;
    private const int Inputs = 20, Neurons = 4, Patterns = 600;

    private static ParameterValues Values(Bcm rule, params (string Name, double Value)[] values) =>
        new(rule.Parameters, values.ToDictionary(v => v.Name, v => v.Value));

    /// <summary>
    /// The mean of y² for a Bernoulli train (probability q per step) through the rule's trace: y_n = J·Σ_k d^(n−k)·s_k,
    /// counted after the step's spike, with J = 1000/τ_y Hz and d = e^(−dt/τ_y). Mean J·q/(1 − d), variance
    /// J²·q(1 − q)/(1 − d²) (the discrete form of Campbell's theorem; for dt → 0 it is R² + R/(2τ_y)).
    /// </summary>
    private static double MeanSquare(double rateHz, double dt, double tauY)
    {
        var (q, d, jump) = (rateHz * dt / 1000, Math.Exp(-dt / tauY), 1000 / tauY);
        var mean = jump * q / (1 - d);
        return mean * mean + jump * jump * q * (1 - q) / (1 - d * d);
    }

    [Fact]
    public void Theta_settles_at_the_mean_square_rate_over_y0_and_follows_a_change_of_rate()
    {
        const double TauY = 50, TauTheta = 5000, PhaseMs = 10 * TauTheta;
        const int Phases = 800;
        double[] rates = [20, 40];
        var rule = new Bcm();
        var p = rule.Prepare(Values(rule, ("tau_y", TauY), ("tau_theta", TauTheta), ("y_0", Y0), ("theta_0", MeanSquare(rates[1], Dt, TauY) / Y0)), Dt);
        var hooks = default(Bcm.Rule);
        var post = rule.InitialPost(in p);
        var random = new Random(7);
        var context = new RuleContext(0, (float)Dt, -1, -1, 0, default);

        // The postsynaptic rate alternates between 20 and 40 Hz every 10 τ_θ. Per rate: θ averaged over the second half of
        // its phases, y²/y_0 averaged alongside, and θ one τ_θ after the switch, averaged over the phases.
        var stepsPerPhase = (int)(PhaseMs / Dt);
        var oneTau = (int)(TauTheta / Dt);
        var theta = new double[2];
        var square = new double[2];
        var afterOneTau = new double[2];
        var samples = new int[2];
        for (var phase = 0; phase < Phases; phase++)
        {
            var r = phase % 2;
            for (var n = 0; n < stepsPerPhase; n++)
            {
                if (random.NextDouble() < rates[r] * Dt / 1000) hooks.OnPostNeuronSpike(ref post, in p, in context);
                var y = (double)post.Y;   // what θ moves towards this step: y counting this step's spike
                hooks.AdvancePost(ref post, in p);
                if (n == oneTau - 1) afterOneTau[r] += post.Theta;
                if (n < stepsPerPhase / 2) continue;
                theta[r] += post.Theta;
                square[r] += y * y / Y0;
                samples[r]++;
            }
        }
        for (var r = 0; r < 2; r++)
        {
            var expected = MeanSquare(rates[r], Dt, TauY) / Y0;
            var previous = MeanSquare(rates[1 - r], Dt, TauY) / Y0;
            var (mean, measured, relaxed) = (theta[r] / samples[r], square[r] / samples[r], afterOneTau[r] / (Phases / 2));
            Assert.True(Math.Abs(mean - expected) <= 0.02 * expected, $"{rates[r]} Hz: mean θ {mean:F3} Hz, ⟨y²⟩/y_0 = {expected:F3} Hz");
            // θ is the running mean of the y²/y_0 measured alongside it.
            Assert.True(Math.Abs(mean - measured) <= 0.015 * expected, $"{rates[r]} Hz: mean θ {mean:F3} Hz, measured mean y²/y_0 {measured:F3} Hz");
            // One τ_θ after the switch θ has gone 1 − 1/e of the way from the previous level.
            var target = expected + (previous - expected) * Math.Exp(-1);
            Assert.True(Math.Abs(relaxed - target) <= 0.03 * Math.Abs(expected - previous), $"{rates[r]} Hz: θ one τ_θ after the switch {relaxed:F3} Hz, expected {target:F3} Hz");
        }
    }

    [Fact]
    public void Two_alternating_patterns_make_each_neuron_selective_to_one_of_them_on_both_backends()
    {
        var spikes = PatternSpikes(seed: 3);
        var runs = new[] { "reference", "cpu" }.ToDictionary(b => b, b => Run(b, spikes));
        Assert.Equal(runs["reference"].Weights, runs["cpu"].Weights);
        Assert.Equal(runs["reference"].Early, runs["cpu"].Early);
        Assert.Equal(runs["reference"].Late, runs["cpu"].Late);

        var (early, late, _) = runs["cpu"];
        for (var n = 0; n < Neurons; n++)
        {
            // At first both patterns drive the neuron (it is not selective yet: the test can fail) ...
            Assert.True(early[n][0] > 2 && early[n][1] > 2 && Ratio(early[n]) < 2, $"neuron {n} at first: {early[n][0]:F1} Hz to A, {early[n][1]:F1} Hz to B");
            // ... at the end it answers one pattern at least 5 times more than the other, and the preferred one at about
            // 2·y_0: with θ = ⟨y²⟩/y_0 averaged over both patterns, y_pref²/(2·y_0) = θ = y_pref at the selective fixed point.
            var preferred = Math.Max(late[n][0], late[n][1]);
            Assert.True(Ratio(late[n]) >= 5 && Math.Abs(preferred - 2 * Y0) <= 0.2 * 2 * Y0,
                $"neuron {n} at the end: {late[n][0]:F1} Hz to A, {late[n][1]:F1} Hz to B");
        }
    }

    private static double Ratio(double[] rates) => Math.Max(rates[0], rates[1]) / Math.Max(Math.Min(rates[0], rates[1]), 0.1);

    /// <summary>Per step the inputs that spike. Pattern A (even blocks): inputs 0–9 at 40 Hz, 10–19 at 2 Hz; B: the reverse.</summary>
    private static int[][] PatternSpikes(int seed)
    {
        var random = new Random(seed);
        var stepsPerPattern = (int)(PatternMs / Dt);
        var spikes = new int[Patterns * stepsPerPattern][];
        var firing = new List<int>();
        for (var k = 0; k < spikes.Length; k++)
        {
            var a = k / stepsPerPattern % 2 == 0;
            firing.Clear();
            for (var i = 0; i < Inputs; i++)
                if (random.NextDouble() < ((i < Inputs / 2) == a ? HighHz : LowHz) * Dt / 1000) firing.Add(i);
            spikes[k] = [.. firing];
        }
        return spikes;
    }

    /// <summary>Each neuron's rate (Hz) in patterns A and B over the first and the last 20 patterns, and the final weights.</summary>
    private static (double[][] Early, double[][] Late, float[] Weights) Run(string backend, int[][] spikes)
    {
        var spec = new NetworkBuilder("bcm").Dt(Q.Ms(Dt)).Duration(Q.Ms(1000)).Seed(9)
            .Population("in", Inputs, "if", p => p.Param("v_thresh", Q.MV(1000)))
            .Population("out", Neurons, "lif")
            .Connect("in", "out", new AllToAllConnector(), new UniformValue(Q.NA(0.12), Q.NA(0.16)), Q.Ms(Dt),
                new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } },
                new PlasticitySpec
                {
                    Rule = "bcm",
                    Params = new Dictionary<string, Quantity>
                    {
                        ["eta"] = Q.Number(5e-7), ["tau_x"] = Q.Ms(50), ["tau_y"] = Q.Ms(50), ["tau_theta"] = Q.Ms(2000),
                        ["y_0"] = Q.Hz(Y0), ["theta_0"] = Q.Hz(Y0), ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(2),
                    },
                }, "plastic")
            .Build();
        using var session = ClosedLoopSession.Open(TestRuntime.Compile(spec), TestRuntime.Registry.GetBackend(backend));
        var stepsPerPattern = (int)(PatternMs / Dt);
        var counts = new long[Patterns, Neurons];
        for (var k = 0; k < spikes.Length; k++)
        {
            if (spikes[k].Length > 0) session.InjectSpikes("in", spikes[k]);
            session.Step();
            foreach (var n in session.Spikes("out")) counts[k / stepsPerPattern, n]++;
        }
        double[][] Rates(int from, int to) =>
            [.. Enumerable.Range(0, Neurons).Select(n => new[] { 0, 1 }.Select(ab =>
                Enumerable.Range(from, to - from).Where(b => b % 2 == ab).Sum(b => counts[b, n]) / ((to - from) / 2 * PatternMs / 1000)).ToArray())];
        return (Rates(0, 20), Rates(Patterns - 20, Patterns), session.GetWeights("plastic"));
    }
}
