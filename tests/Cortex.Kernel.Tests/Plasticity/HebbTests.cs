using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// hebb in a running network: Hebbian growth with multiplicative normalisation (von der Malsburg 1973; Miller &amp;
/// MacKay 1994). Twenty presynaptic neurons switch between 0 and 50 Hz every 500 ms (on with probability 0.2): the first
/// ten switch together (correlated), the other ten each on its own, so all have the same mean rate and variance and
/// differ only in their correlations. They drive linear units (perfect integrate-and-fire neurons through delta synapses).
/// Each neuron's incoming weights must sum to w_total at every read after its first spike, and the weight vector must
/// turn to the principal eigenvector of the input correlation matrix computed here from the drawn rates, which gives the
/// correlated group about four times the weight of the uncorrelated one: the correlated inputs win.
/// </summary>
public sealed class HebbTests
{
    private const double Dt = 1, BlockMs = 500, OnHz = 50, OnProbability = 0.2, Total = 10, Threshold = 10;
    private const int Correlated = 10, Inputs = 20, Neurons = 2, Blocks = 800;

    [Fact]
    public void Weights_keep_their_sum_and_correlated_inputs_win_on_both_backends()
    {
        var (rates, spikes) = Draw(seed: 1);
        var principal = PrincipalEigenvector(rates);
        var predictedRatio = principal.Take(Correlated).Average() / principal.Skip(Correlated).Average();
        Assert.True(predictedRatio > 3, $"the correlation matrix favours the correlated group by {predictedRatio:F2}");

        var runs = new[] { "reference", "cpu" }.ToDictionary(b => b, b => Run(b, spikes));
        Assert.Equal(runs["reference"].Final, runs["cpu"].Final);
        var (initial, final, average, worstSum) = runs["cpu"];

        Assert.True(worstSum <= 1e-5, $"a neuron's incoming weights strayed from w_total by {worstSum:E2} (relative)");
        for (var n = 0; n < Neurons; n++)
        {
            Assert.True(Ratio(initial[n]) < 1.5, $"neuron {n} starts with a ratio of {Ratio(initial[n]):F2}");   // so the test can fail
            Assert.True(Cosine(average[n], principal) >= 0.99,
                $"neuron {n}: cosine {Cosine(average[n], principal):F4} with the principal eigenvector; weight ratio {Ratio(average[n]):F2}, predicted {predictedRatio:F2}");
            Assert.True(Ratio(average[n]) >= 2.5 && Ratio(final[n]) >= 2, $"neuron {n}: correlated/uncorrelated weight {Ratio(average[n]):F2} on average, {Ratio(final[n]):F2} at the end");
        }
    }

    private static double Ratio(double[] w) => w.Take(Correlated).Average() / w.Skip(Correlated).Average();

    private static double Cosine(double[] a, double[] b) =>
        a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(x => x * x));

    /// <summary>The leading eigenvector of ⟨r rᵀ⟩ over the drawn blocks, by power iteration (the matrix is positive).</summary>
    private static double[] PrincipalEigenvector(bool[][] on)
    {
        var m = new double[Inputs, Inputs];
        foreach (var block in on)
            for (var i = 0; i < Inputs; i++)
                for (var j = 0; j < Inputs; j++)
                    if (block[i] && block[j]) m[i, j] += OnHz * OnHz / on.Length;
        var v = Enumerable.Repeat(1.0, Inputs).ToArray();
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var next = new double[Inputs];
            for (var i = 0; i < Inputs; i++)
                for (var j = 0; j < Inputs; j++) next[i] += m[i, j] * v[j];
            var norm = Math.Sqrt(next.Sum(x => x * x));
            v = [.. next.Select(x => x / norm)];
        }
        return v;
    }

    /// <summary>Per block which inputs are on; per step the inputs that spike.</summary>
    private static (bool[][] On, int[][] Spikes) Draw(int seed)
    {
        var random = new Random(seed);
        var stepsPerBlock = (int)(BlockMs / Dt);
        var on = new bool[Blocks][];
        var spikes = new int[Blocks * stepsPerBlock][];
        var firing = new List<int>();
        for (var b = 0; b < Blocks; b++)
        {
            var together = random.NextDouble() < OnProbability;
            on[b] = [.. Enumerable.Range(0, Inputs).Select(i => i < Correlated ? together : random.NextDouble() < OnProbability)];
            for (var k = 0; k < stepsPerBlock; k++)
            {
                firing.Clear();
                for (var i = 0; i < Inputs; i++)
                    if (on[b][i] && random.NextDouble() < OnHz * Dt / 1000) firing.Add(i);
                spikes[b * stepsPerBlock + k] = [.. firing];
            }
        }
        return (on, spikes);
    }

    /// <summary>
    /// Per neuron its weights by input at the start, at the end and averaged over the second half of the run (read once
    /// per block), and the largest relative deviation of a neuron's weight sum from w_total over all reads after its
    /// first spike.
    /// </summary>
    private static (double[][] Initial, double[][] Final, double[][] Average, double WorstSum) Run(string backend, int[][] spikes)
    {
        var spec = new NetworkBuilder("hebb").Dt(Q.Ms(Dt)).Duration(Q.Ms(1000)).Seed(4)
            .Population("in", Inputs, "if", p => p.Param("v_thresh", Q.MV(1000)))
            // Perfect integrators reset to 0 with no refractoriness: linear units.
            .Population("out", Neurons, "if", p => p.Param("v_reset", Q.MV(0)).Param("v_thresh", Q.MV(Threshold)).Param("tau_refrac", Q.Ms(0)))
            .Connect("in", "out", new AllToAllConnector(), new UniformValue(Q.MV(0.3), Q.MV(0.7)), Q.Ms(Dt), new SynapseSpec { Model = "delta", Port = "in" },
                new PlasticitySpec
                {
                    Rule = "hebb",
                    Params = new Dictionary<string, Quantity> { ["eta"] = Q.Number(0.003), ["tau_pre"] = Q.Ms(10), ["w_total"] = Q.Number(Total) },
                }, "plastic")
            .Build();
        var network = TestRuntime.Compile(spec);
        var table = network.Projections[0].Table;
        var source = new int[table.Count];
        for (var s = 0; s < table.Sources; s++)
            for (var k = table.RowStart[s]; k < table.RowStart[s + 1]; k++) source[k] = s;

        using var session = ClosedLoopSession.Open(network, TestRuntime.Registry.GetBackend(backend));
        double[][] ByInput(float[] w)
        {
            var byInput = Enumerable.Range(0, Neurons).Select(_ => new double[Inputs]).ToArray();
            for (var s = 0; s < w.Length; s++) byInput[table.Targets[s]][source[s]] = w[s];
            return byInput;
        }
        var initial = ByInput(session.GetWeights("plastic"));
        var average = Enumerable.Range(0, Neurons).Select(_ => new double[Inputs]).ToArray();
        var spiked = new bool[Neurons];
        var worst = 0.0;
        var stepsPerBlock = (int)(BlockMs / Dt);
        for (var b = 0; b < Blocks; b++)
        {
            for (var k = b * stepsPerBlock; k < (b + 1) * stepsPerBlock; k++)
            {
                if (spikes[k].Length > 0) session.InjectSpikes("in", spikes[k]);
                session.Step();
                foreach (var n in session.Spikes("out")) spiked[n] = true;
            }
            var w = ByInput(session.GetWeights("plastic"));
            for (var n = 0; n < Neurons; n++)
            {
                if (spiked[n]) worst = Math.Max(worst, Math.Abs(w[n].Sum() - Total) / Total);
                if (b < Blocks / 2) continue;
                for (var i = 0; i < Inputs; i++) average[n][i] += w[n][i] / (Blocks - Blocks / 2);
            }
        }
        Assert.All(spiked, Assert.True);
        return (initial, ByInput(session.GetWeights("plastic")), average, worst);
    }
}
