using System.Numerics;
using Cortex.Cognition.WorkingMemory;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>
/// The working-memory task: the population-vector decoder and the ring footprint against independent computations,
/// the bump holding a cue through a 3 s delay (Compte et al. 2000, Fig. 2), its loss without NMDA recurrence, and
/// bad parameters named.
/// </summary>
public sealed class WorkingMemoryTests
{
    private static TaskModel Task => Runtime.Registry.Tasks["working_memory"];

    private static TaskContext Context(ulong seed, int threads = 1, params (string Key, string Value)[] settings) => new()
    {
        Seed = seed,
        Parameters = Task.ResolveParameters(settings.ToDictionary(s => s.Key, s => s.Value)),
        Registry = Runtime.Registry,
        Backend = Runtime.Registry.GetBackend("cpu"),
        Threads = threads,
    };

    private static (EpisodeResult Result, IReadOnlyList<WorkingMemoryTrial> Trials) RunOnce(TaskContext context)
    {
        using var run = (WorkingMemoryRun)Task.Create(context);
        var result = run.RunEpisode(1);
        return (result, run.Trials);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(37.5)]
    [InlineData(181.0)]
    [InlineData(359.0)]
    public void TheDecoder_RecoversTheCentreOfASyntheticBump(double centre)
    {
        // A von Mises bump over 256 neurons with seeded multiplicative noise; the reference is the circular mean
        // computed with complex numbers, and without noise it is the bump's centre (symmetry).
        const int n = 256;
        var angles = Enumerable.Range(0, n).Select(i => 360.0 * i / n).ToArray();
        var clean = angles.Select(a => 40 * Math.Exp(3 * (Math.Cos((a - centre) * Math.PI / 180) - 1))).ToArray();
        Assert.Equal(0, PopulationVector.Difference(PopulationVector.Decode(clean, angles), centre), 6);

        var random = TaskSeeds.Random(7);
        var noisy = clean.Select(r => r * (0.5 + random.NextDouble()) + 0.5 * random.NextDouble()).ToArray();
        var sum = Complex.Zero;
        for (var i = 0; i < n; i++) sum += noisy[i] * Complex.FromPolarCoordinates(1, angles[i] * Math.PI / 180);
        var reference = (sum.Phase * 180 / Math.PI + 360) % 360;
        var decoded = PopulationVector.Decode(noisy, angles);
        Assert.Equal(0, PopulationVector.Difference(decoded, reference), 6);
        Assert.True(Math.Abs(PopulationVector.Difference(decoded, centre)) < 5, $"decoded {decoded} for a bump at {centre}");
    }

    [Fact]
    public void TheDecoder_GivesNoAngle_ForASilentOrFlatRing()
    {
        var angles = Enumerable.Range(0, 8).Select(i => 45.0 * i).ToArray();
        Assert.True(double.IsNaN(PopulationVector.Decode(new double[8], angles)));
        Assert.True(double.IsNaN(PopulationVector.Decode(Enumerable.Repeat(3.0, 8).ToArray(), angles)));
        Assert.Throws<ArgumentException>(() => PopulationVector.Decode(new double[7], angles));
    }

    [Fact]
    public void AngleDifferences_WrapAroundTheCircle()
    {
        Assert.Equal(20, PopulationVector.Difference(10, 350), 9);
        Assert.Equal(-20, PopulationVector.Difference(350, 10), 9);
        Assert.Equal(180, PopulationVector.Difference(0, 180), 9);
        Assert.Equal(350, PopulationVector.Wrap360(-10), 9);
    }

    [Theory]
    [InlineData(1.62, 14.4)]
    [InlineData(3.0, 9.0)]
    [InlineData(1.0, 30.0)]
    public void TheFootprint_HasMeanOne_AndPeaksAtJPlus(double jPlus, double sigma)
    {
        var footprint = new RingFootprint(jPlus, sigma);
        // Midpoint rule over the ring, independent of the closed form (erf) that fixed J-.
        const int points = 72_000;
        var mean = Enumerable.Range(0, points).Average(k => footprint.Weight(-180 + 360.0 * (k + 0.5) / points));
        Assert.Equal(1, mean, 6);
        Assert.Equal(jPlus, footprint.Weight(0), 9);
        Assert.Equal(footprint.Weight(30), footprint.Weight(-30), 12);
        // Far from the peak the Gaussian has vanished: W(180°) = J-.
        Assert.Equal(footprint.JMinus, footprint.Weight(180), 6);
        var row = RingNetwork.FootprintRow(footprint, 64);
        Assert.Equal(1, row.Sum(), 9);
    }

    [Fact]
    public void TheCompiledRing_CarriesTheFootprintScaledByGamma()
    {
        // 64 + 16 neurons: every E→E NMDA weight is γ·W(Δθ)/ΣW, with γ = (1 − e^(−α·τ_x))/(α·τ_x) = 1 − e^(−1) for the
        // paper's α·τ_x = 0.5 /ms · 2 ms = 1, and W evaluated here from the formula, not through the network's code.
        var context = Context(3, 1, ("n_exc", "64"), ("n_inh", "16"));
        var settings = WorkingMemorySettings.From(context.Parameters);
        using var session = RingNetwork.Open(context, settings, 10, 1);
        var table = session.Network.Projections[session.Projection(RingNetwork.EeNmda)].Table;
        var weights = session.GetWeights(RingNetwork.EeNmda);
        var jMinus = RingFootprint.JMinusFor(1.62, 14.4);
        double W(int d)
        {
            var angle = 360.0 * Math.Min(d, 64 - d) / 64;
            return jMinus + (1.62 - jMinus) * Math.Exp(-angle * angle / (2 * 14.4 * 14.4));
        }
        var sum = Enumerable.Range(0, 64).Sum(W);
        var gamma = 1 - Math.Exp(-1);
        Assert.Equal(64 * 64, weights.Length);
        for (var source = 0; source < table.Sources; source++)
            for (var k = table.RowStart[source]; k < table.RowStart[source + 1]; k++)
            {
                var d = ((table.Targets[k] - source) % 64 + 64) % 64;
                Assert.Equal(gamma * W(d) / sum, weights[k], 6);
            }
        Assert.Equal(gamma, RingNetwork.NmdaJump, 12);
    }

    [Fact]
    public void Erf_MatchesTabulatedValues()
    {
        // Abramowitz & Stegun Table 7.1.
        Assert.Equal(0.5204998778, RingFootprint.Erf(0.5), 6);
        Assert.Equal(0.8427007929, RingFootprint.Erf(1), 6);
        Assert.Equal(-0.9953222650, RingFootprint.Erf(-2), 6);
    }

    [Fact]
    public void TheMetrics_FollowFromTheTrials()
    {
        var settings = WorkingMemorySettings.From(Task.ResolveParameters(new Dictionary<string, string>
        {
            ["delay"] = "2000 ms", ["checkpoints"] = "2", ["window"] = "250 ms", ["distractor_current"] = "0.3 nA", ["distractor_offset"] = "90",
        }));
        WorkingMemoryTrial[] trials =
        [
            // Held: 4° off at 1 s and at 2 s, moved −6° from the start; the distractor (at 100°) ignored.
            new(10, 100, 12, [14, 6], 40),
            // Captured by the distractor at 80°: 85° from the cue at 2 s (wrapping through 0), moved +83°.
            new(350, 80, 352, [20, 75], 40),
            // Silent at the end: counted as a guess (90°), left out of the drift.
            new(200, 290, 201, [203, double.NaN], 0),
        ];
        var m = WorkingMemoryMetrics.Of(settings, trials);
        Assert.Equal((4 + 30 + 3) / 3.0, m["error_deg_1000ms"], 9);
        Assert.Equal((4 + 85 + 90) / 3.0, m["error_deg_2000ms"], 9);
        // |moved| 6° and 83° over the 1.75 s between the first and last windows' centres.
        Assert.Equal((6 + 83) / 2.0 / 1.75, m["drift_deg_per_s"], 9);
        Assert.Equal((-6 + 83) / 2.0 / 1.75, m["signed_drift_deg_per_s"], 9);
        Assert.Equal(1 / 3.0, m["distractor_resistance"], 9);
        Assert.Equal(80 / 3.0, m["peak_rate_hz"], 9);
    }

    [Theory]
    [InlineData("n_exc", "100.5", "must be a whole number")]
    [InlineData("n_exc", "8", "must be >= 16")]
    [InlineData("window", "900 ms", "must not exceed the spacing of the checkpoints")]
    [InlineData("j_plus", "40", "would be negative")]
    [InlineData("dt", "2 ms", "must be at most 1 ms")]
    [InlineData("tolerance", "200", "must be at most 180")]
    [InlineData("nmda_scale", "-1", "must be >= 0")]
    [InlineData("ext_split", "0.5", "must be 0 (automatic) or >= 1")]
    [InlineData("delay", "200 ms", "must exceed the decoding window")]
    [InlineData("g_ee_nmda", "1 mV", "expected a conductance")]
    public void BadParameters_AreNamed(string key, string value, string message)
    {
        var e = Assert.Throws<TaskParameterException>(() => Task.ResolveParameters(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("task 'working_memory': ", e.Message, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void TheBump_HoldsTheCueThroughAThreeSecondDelay()
    {
        // Default small ring (512 + 128), 10 trials at random angles, 3 s delay.
        var (result, trials) = RunOnce(Context(11, 1, ("trials", "10")));
        var errors = trials.Select(t => t.AbsoluteError(t.Decoded.Count - 1)).ToArray();
        Assert.True(errors.Count(e => e <= 10) >= 9, $"errors after 3 s: {string.Join(", ", errors.Select(e => e.ToString("0.0")))}");
        Assert.Equal(errors.Count(e => e <= 10) / 10.0, result.Score, 12);
        // A bump, not a silent or saturated ring: the peak well above the spontaneous rate.
        Assert.True(result.Metrics["peak_rate_hz"] > 5 * result.Metrics["spontaneous_rate_e_hz"], $"peak {result.Metrics["peak_rate_hz"]} Hz");
        var drift = result.Metrics["drift_deg_per_s"];
        Assert.True(double.IsFinite(drift) && drift >= 0, $"drift {drift}");
        // The drift is the mean |angle moved| over the delay: check it against the trials.
        var moved = trials.Average(t => Math.Abs(PopulationVector.Difference(t.Decoded[^1], t.Start)));
        Assert.Equal(moved / 2.75, drift, 9);
    }

    [Fact]
    public void WithoutNmdaRecurrence_TheMemoryIsLost()
    {
        var (result, trials) = RunOnce(Context(11, 1, ("trials", "8"), ("nmda_scale", "0"), ("delay", "1000 ms"), ("checkpoints", "2")));
        // Chance is a mean |error| of 90°; require the errors to look like guesses, not memory.
        var meanError = trials.Average(t => t.AbsoluteError(t.Decoded.Count - 1));
        Assert.True(meanError > 45, $"mean |error| {meanError:0.0} deg without NMDA");
        Assert.True(result.Score <= 0.25, $"score {result.Score}");
    }

    [Fact]
    public void Runs_AreTheSameWhateverTheThreadCount()
    {
        (string, string)[] small = [("trials", "1"), ("n_exc", "128"), ("n_inh", "32"), ("delay", "500 ms"), ("checkpoints", "1"), ("settle", "100 ms")];
        var one = RunOnce(Context(5, 1, small)).Trials;
        var two = RunOnce(Context(5, 2, small)).Trials;
        Assert.Equal(one.Select(t => t.Decoded[^1]), two.Select(t => t.Decoded[^1]));
        Assert.Equal(one.Select(t => t.PeakRateHz), two.Select(t => t.PeakRateHz));
    }
}
