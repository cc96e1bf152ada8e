using Cortex.Compilation;

namespace Cortex.BrainRegions.Tests.Microcircuit;

/// <summary>
/// The drawn microcircuit against the published numbers, recomputed here from the paper's table (Potjans &amp; Diesmann
/// 2014, Table 5) and from the analytic PSP of an exponential current in a LIF membrane, not from the circuit's code.
/// </summary>
public sealed class MicrocircuitConnectivityTests
{
    private const double Scale = 0.02, KScale = 0.1, Dt = 0.1;

    // The paper's full-scale sizes and connection probabilities [target, source], copied independently of the circuit.
    private static readonly int[] FullSize = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];
    private static readonly string[] Local = ["l23e", "l23i", "l4e", "l4i", "l5e", "l5i", "l6e", "l6i"];
    private static readonly double[][] C =
    [
        [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
        [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
        [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
        [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
        [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
        [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
        [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
        [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
    ];

    private static readonly Lazy<CompiledNetwork> Network = new(() =>
        Runtime.Compile(MicrocircuitSpecs.Spec($"\"scale\": {Scale}, \"k_scale\": {KScale}, \"weights\": \"16bit\"")));

    private static CompiledProjection Projection(string name) => Network.Value.Projections.Single(p => p.Name == $"mc.{name}");

    [Fact]
    public void EveryPair_HasTheTablesFixedTotalNumber()
    {
        for (var t = 0; t < 8; t++)
            for (var s = 0; s < 8; s++)
            {
                var k = C[t][s] == 0 ? 0 : Math.Log(1 - C[t][s]) / Math.Log(1 - 1.0 / ((double)FullSize[s] * FullSize[t]));
                var expected = (int)Math.Round(k * Scale * KScale);
                var projection = Network.Value.Projections.SingleOrDefault(p => p.Name == $"mc.{Local[s]}_to_{Local[t]}");
                Assert.Equal(expected, projection?.Table.Count ?? 0);
            }
        var sizes = Network.Value.Populations.Where(p => p.Name != "mc.th").Select(p => p.Size);
        Assert.Equal(FullSize.Select(n => (int)Math.Round(n * Scale)), sizes);
    }

    [Fact]
    public void ExcitatoryDelays_AreNormal1point5By0point75_RedrawnBelowOneStep()
    {
        var delays = Projection("l23e_to_l23e").Table.DelaySteps.Select(d => d * Dt).ToArray();
        AssertMoments(delays, ExpectedRoundedDelay(1.5, 0.75));
        var inhibitory = Projection("l23i_to_l23e").Table.DelaySteps.Select(d => d * Dt).ToArray();
        AssertMoments(inhibitory, ExpectedRoundedDelay(0.75, 0.375));
    }

    [Fact]
    public void Weights_AreThePspOf0point15mV_WithRelativeSd0point1_AndL4eToL23eDoubled()
    {
        var w = ExpectedExcitatoryWeight();
        var recurrent = Projection("l23e_to_l23e").Table.Weights.Select(x => (double)x).ToArray();
        AssertMoments(recurrent, (w, 0.1 * w), relativeSlack: 1e-4);
        var doubled = Projection("l4e_to_l23e").Table.Weights.Select(x => (double)x).ToArray();
        AssertMoments(doubled, (2 * w, 0.2 * w), relativeSlack: 1e-4);
        var inhibitory = Projection("l23i_to_l23e").Table.Weights.Select(x => (double)x).ToArray();
        AssertMoments(inhibitory, (-4 * w, 0.4 * w), relativeSlack: 1e-4);
        Assert.All(recurrent, x => Assert.True(x >= 0));
        Assert.All(inhibitory, x => Assert.True(x <= 0));
    }

    [Fact]
    public void TheChargeCorrection_FollowsTheSpecsTimeStep()
    {
        // Halving dt changes the per-step charge factor τ_s(1 − e^(−dt/τ_s))/dt; the circuit reads the step from the spec.
        static double MeanWeight(string dt) =>
            Runtime.Compile(MicrocircuitSpecs.Spec($"\"scale\": {Scale}, \"k_scale\": {KScale}, \"weights\": \"32bit\"", dt: dt))
                .Projections.Single(p => p.Name == "mc.l23e_to_l23e").Table.Weights.Average(w => (double)w);
        static double Factor(double dt) => 0.5 * (1 - Math.Exp(-dt / 0.5)) / dt;
        Assert.Equal(Factor(0.05) / Factor(0.1), MeanWeight("0.05 ms") / MeanWeight("0.1 ms"), 2e-3);
    }

    [Fact]
    public void SixteenBitWeights_LieOnTheirGrid_WithinARoundingOf1e4Relative()
    {
        var projection = Projection("l23e_to_l23e");
        var grid = Assert.IsType<WeightGrid>(projection.WeightGrid);
        Assert.InRange(grid.WorstRelativeError, 0, 1e-4);
        Assert.All(projection.Table.Weights, w => Assert.Equal(w, grid.Value(grid.IndexOf(w))));
    }

    // The PSC amplitude whose PSP peaks at 0.15 mV, found on the analytic PSP
    // v(t) = w τ_m τ_s / (C (τ_m − τ_s)) (e^(−t/τ_m) − e^(−t/τ_s)), then the circuit's documented factors:
    // charge per PSC matched to w·τ_s at dt, and 1/√k_scale.
    private static double ExpectedExcitatoryWeight()
    {
        const double cm = 0.25, tauM = 10, tauS = 0.5;
        var peak = 0.0;
        for (var t = 0.0; t < 10; t += 1e-4)
            peak = Math.Max(peak, tauM * tauS / (cm * (tauM - tauS)) * (Math.Exp(-t / tauM) - Math.Exp(-t / tauS)));
        var psc = 0.15 / peak;
        var chargeMatch = tauS * (1 - Math.Exp(-Dt / tauS)) / Dt;
        return psc * chargeMatch / Math.Sqrt(KScale);
    }

    // Mean and sd of max(1, round(x/dt))·dt for x ~ N(μ, σ) redrawn until x ≥ dt, by numerical integration.
    private static (double Mean, double Sd) ExpectedRoundedDelay(double mu, double sigma)
    {
        double mass = 0, first = 0, second = 0;
        const double h = 1e-4;
        for (var x = Dt; x < mu + 10 * sigma; x += h)
        {
            var density = Math.Exp(-0.5 * Math.Pow((x - mu) / sigma, 2));
            var value = Math.Max(1, Math.Round(x / Dt)) * Dt;
            mass += density;
            first += density * value;
            second += density * value * value;
        }
        var mean = first / mass;
        return (mean, Math.Sqrt(second / mass - mean * mean));
    }

    // Sample mean and sd within five standard errors (plus a relative slack for rounding) of the expected ones.
    private static void AssertMoments(double[] sample, (double Mean, double Sd) expected, double relativeSlack = 0)
    {
        var n = sample.Length;
        Assert.True(n > 1000, $"only {n} synapses drawn");
        var mean = sample.Average();
        var sd = Math.Sqrt(sample.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        var meanError = 5 * expected.Sd / Math.Sqrt(n) + relativeSlack * Math.Abs(expected.Mean);
        var sdError = 5 * expected.Sd / Math.Sqrt(2.0 * n) + relativeSlack * Math.Abs(expected.Mean);
        Assert.InRange(mean, expected.Mean - meanError, expected.Mean + meanError);
        Assert.InRange(sd, expected.Sd - sdError, expected.Sd + sdError);
    }
}
