using Cortex.Backends.Execution;
using Cortex.Models;
using Cortex.Modules.Plasticity;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// Voltage-based STDP (<c>clopath</c>; Clopath et al. 2010, Nat Neurosci 13:344) against its equations: a closed form
/// for a voltage step, and an independent double-precision integration of a prescribed voltage trace run through the
/// engine on both CPU backends, which must agree with each other bit for bit.
/// <para>The discretised equations (the rule's documentation): at an arrival w −= A_LTD·[ū− − θ−]+ with ū− of the previous
/// step, then x̄ += 1/τx; after the neuron update, u = the neuron's voltage (u_spike for round(spike_width/dt) steps from a
/// postsynaptic spike), ū± ← u + (ū± − u)·e^(−dt/τ±), and w += A_LTP·dt·x̄·[u − θ+]+·[ū+ − θ−]+; x̄ decays by e^(−dt/τx)
/// per step; ū± start at θ−.</para>
/// </summary>
public sealed class ClopathTests
{
    private const double Dt = 0.1;

    // Clopath et al. (2010), visual cortex set.
    private const double ALtd = 14e-5, ALtp = 8e-5, ThetaMinus = -70.6, ThetaPlus = -45.3, TauMinus = 10, TauPlus = 7, TauX = 15;
    private const double USpike = 33, SpikeWidth = 2;

    [Fact]
    public void Defaults_are_the_published_visual_cortex_set()
    {
        var rule = TestRuntime.Registry.PlasticityRules["clopath"];
        var defaults = new ParameterValues(rule.Parameters);
        Assert.Equal((ALtd, ALtp, ThetaMinus, ThetaPlus, TauMinus, TauPlus, TauX),
            (defaults["a_ltd"], defaults["a_ltp"], defaults["theta_minus"], defaults["theta_plus"], defaults["tau_minus"], defaults["tau_plus"], defaults["tau_x"]));
        Assert.Empty(rule.Check(defaults));
        Assert.True(rule.ReadsPostVoltage);
        Assert.False(TestRuntime.Registry.PlasticityRules["triplet_stdp"].ReadsPostVoltage);
    }

    /// <summary>
    /// Closed form of the discretised equations for a voltage step, no postsynaptic spike: u = u1 (between θ− and θ+) for
    /// steps 0 … M−1, arrivals at steps M and M + J, u = u0 (above θ+) for steps M … M+K−1, then u = θ−. With
    /// q± = e^(−dt/τ±), r = e^(−dt/τx) and ū±(M−1) = u1 + (θ− − u1)·q±^M:
    /// <code>
    /// LTD₁ = A_LTD·(ū−(M−1) − θ−)                       LTD₂ = A_LTD·(u0 + (ū−(M−1) − u0)·q−^J − θ−)
    /// ū+(M+j) − θ− = a + b·q+^(j+1),  a = u0 − θ−,  b = ū+(M−1) − u0;   x̄(M+j) = (r^j + [j ≥ J]·r^(j−J))/τx
    /// LTP  = A_LTP·dt·(u0 − θ+)/τx · [ a·(1 − r^K)/(1 − r) + b·q+·(1 − (r·q+)^K)/(1 − r·q+)
    ///                                + a·(1 − r^(K−J))/(1 − r) + b·q+^(J+1)·(1 − (r·q+)^(K−J))/(1 − r·q+) ]
    /// </code>
    /// Before M, u &lt; θ+ and x̄ = 0; after the step u = θ− &lt; θ+: no potentiation outside the step.
    /// </summary>
    [Fact]
    public void A_voltage_step_changes_the_weight_by_the_closed_form()
    {
        const int m = 50, j = 80, k = 200, after = 100;
        const double u1 = -60, u0 = -40;
        double Voltage(int n) => n < m ? u1 : n < m + k ? u0 : ThetaMinus;

        var rule = new Clopath();
        var p = rule.Prepare(new ParameterValues(rule.Parameters, new Dictionary<string, double> { ["w_min"] = -1, ["w_max"] = 1 }), Dt);
        var post = rule.InitialPost(in p);
        var synapse = rule.InitialSynapse(in p);
        var pre = default(NoState);
        var weight = 0f;
        var dynamics = default(Clopath.Rule);
        // The engine's order within a step: arrivals, (neuron update), post state, per-synapse update.
        for (var n = 0; n < m + k + after; n++)
        {
            if (n == m || n == m + j) dynamics.OnPreArrival(ref synapse, ref weight, ref pre, ref post, in p, new RuleContext(n, (float)Dt, 0, 0, 0, []));
            dynamics.AdvancePost(ref post, in p, (float)Voltage(n));
            dynamics.Update(ref synapse, ref weight, ref post, in p, new RuleContext(n, (float)Dt, 0, 0, 0, []), 1);
        }

        double qm = Math.Exp(-Dt / TauMinus), qp = Math.Exp(-Dt / TauPlus), r = Math.Exp(-Dt / TauX);
        var uMinus = u1 + (ThetaMinus - u1) * Math.Pow(qm, m);
        var uPlus = u1 + (ThetaMinus - u1) * Math.Pow(qp, m);
        var ltd = ALtd * (uMinus - ThetaMinus) + ALtd * (u0 + (uMinus - u0) * Math.Pow(qm, j) - ThetaMinus);
        double a = u0 - ThetaMinus, b = uPlus - u0;
        var sums = a * (1 - Math.Pow(r, k)) / (1 - r) + b * qp * (1 - Math.Pow(r * qp, k)) / (1 - r * qp)
            + a * (1 - Math.Pow(r, k - j)) / (1 - r) + b * Math.Pow(qp, j + 1) * (1 - Math.Pow(r * qp, k - j)) / (1 - r * qp);
        var ltp = ALtp * Dt * (u0 - ThetaPlus) / TauX * sums;
        var expected = ltp - ltd;

        // Both parts matter (the test fails if either is dropped or mis-timed).
        Assert.True(ltd > 0.1 * Math.Abs(expected) && ltp > 0.1 * Math.Abs(expected), $"LTD {ltd}, LTP {ltp}");
        Assert.True(Math.Abs(weight - expected) <= 1e-5 * Math.Abs(expected), $"rule {weight:G9}, closed form {expected:G9}");
    }

    /// <summary>
    /// Through the engine: 3 presynaptic <c>lif</c> neurons forced to spike at random steps, all-to-all onto 2 postsynaptic
    /// <c>if</c> neurons whose voltage is written before every step (a slow sine crossing θ+ at its crests, plus forced
    /// spikes that the rule replaces by u_spike for 2 ms). The neuron update leaves v as written (no input current, threshold
    /// out of reach) except for the delta synapses' own jumps, so the voltage the rule saw is read back after each step and
    /// fed to an independent double-precision integration of the equations. Both backends must give the same weights, and
    /// those must equal the integration within 1e-5 of each synapse's change.
    /// </summary>
    [Fact]
    public void A_prescribed_voltage_trace_gives_the_integrated_equations_on_both_backends()
    {
        const int pres = 3, posts = 2, steps = 4000, delaySteps = 10;
        var random = new Random(20100301);
        var preSpikes = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, pres).Where(_ => random.NextDouble() < 40 * Dt / 1000).ToArray()).ToArray();
        var postSpikes = new HashSet<(int Step, int Neuron)> { (900, 0), (1500, 1), (1510, 1), (2600, 0), (2605, 0), (3300, 1) };
        double Prescribed(int n, int neuron) => -58 + 16 * Math.Sin(2 * Math.PI * n * Dt / (23 + 6 * neuron) + neuron);

        var spec = new NetworkBuilder("clopath_trace").Dt(Q.Ms(Dt)).Duration(Q.Ms(steps * Dt))
            .Population("pre", pres, "lif")
            .Population("post", posts, "if", p => p.Param("v_thresh", Q.MV(100)).Param("v_reset", Q.MV(ThetaMinus)))
            .Connect("pre", "post", new AllToAllConnector(), Q.MV(0), Q.Ms(delaySteps * Dt), new SynapseSpec { Model = "delta", Port = "plastic" },
                Rule(("w_min", Q.Number(-1)), ("w_max", Q.Number(1))), "plastic")
            .Build();
        var network = TestRuntime.Compile(spec);

        var runs = new List<(float[] Weights, double[][] Voltages)>();
        foreach (var backend in new[] { "reference", "cpu" })
        {
            using var session = ClosedLoopSession.Open(network, TestRuntime.Registry.GetBackend(backend));
            var voltages = new double[steps][];
            for (var n = 0; n < steps; n++)
            {
                session.SetState("post", "v", [.. Enumerable.Range(0, posts).Select(i => (float)Prescribed(n, i))]);
                if (preSpikes[n].Length > 0) session.InjectSpikes("pre", preSpikes[n]);
                var forced = Enumerable.Range(0, posts).Where(i => postSpikes.Contains((n, i))).ToArray();
                if (forced.Length > 0) session.InjectSpikes("post", forced);
                session.Step();
                voltages[n] = [.. session.GetState("post", "v").Select(v => (double)v)];
            }
            runs.Add((session.GetWeights("plastic"), voltages));
        }

        Assert.Equal(runs[0].Weights, runs[1].Weights);
        var table = network.Projections[0].Table;
        var sources = new int[table.Count];
        for (var s = 0; s < table.Sources; s++)
            for (var i = table.RowStart[s]; i < table.RowStart[s + 1]; i++) sources[i] = s;
        var expected = Integrate(runs[0].Voltages, preSpikes, postSpikes, sources, table.Targets.ToArray(), delaySteps);
        for (var i = 0; i < table.Count; i++)
        {
            // Every synapse both potentiated and depressed, so the check covers both terms.
            Assert.True(expected[i].Ltp > 0 && expected[i].Ltd > 0, $"synapse {i}: LTP {expected[i].Ltp}, LTD {expected[i].Ltd}");
            var change = expected[i].Ltp - expected[i].Ltd;
            Assert.True(Math.Abs(runs[0].Weights[i] - change) <= 1e-5 * Math.Abs(change), $"synapse {i}: engine {runs[0].Weights[i]:G9}, equations {change:G9}");
        }
    }

    /// <summary>The equations in double precision, step by step; weights start at 0 and no bound is reached (checked).</summary>
    private static (double Ltp, double Ltd)[] Integrate(double[][] voltages, int[][] preSpikes, HashSet<(int Step, int Neuron)> postSpikes,
        int[] sources, int[] targets, int delaySteps)
    {
        var posts = voltages[0].Length;
        var uMinus = Enumerable.Repeat(ThetaMinus, posts).ToArray();
        var uPlus = Enumerable.Repeat(ThetaMinus, posts).ToArray();
        var clampLeft = new int[posts];
        var potentiation = new double[posts];
        var x = new double[sources.Length];
        var result = new (double Ltp, double Ltd)[sources.Length];
        var clampSteps = (int)Math.Round(SpikeWidth / Dt);
        for (var n = 0; n < voltages.Length; n++)
        {
            var emitted = n - delaySteps;
            if (emitted >= 0)
                for (var s = 0; s < sources.Length; s++)
                {
                    if (!preSpikes[emitted].Contains(sources[s])) continue;
                    result[s].Ltd += ALtd * Math.Max(uMinus[targets[s]] - ThetaMinus, 0);
                    x[s] += 1 / TauX;
                }
            for (var i = 0; i < posts; i++)
            {
                if (postSpikes.Contains((n, i))) clampLeft[i] = clampSteps;
                var u = voltages[n][i];
                if (clampLeft[i] > 0)
                {
                    u = USpike;
                    clampLeft[i]--;
                }
                uMinus[i] = u + (uMinus[i] - u) * Math.Exp(-Dt / TauMinus);
                uPlus[i] = u + (uPlus[i] - u) * Math.Exp(-Dt / TauPlus);
                potentiation[i] = ALtp * Dt * Math.Max(u - ThetaPlus, 0) * Math.Max(uPlus[i] - ThetaMinus, 0);
            }
            for (var s = 0; s < sources.Length; s++)
            {
                result[s].Ltp += x[s] * potentiation[targets[s]];
                x[s] *= Math.Exp(-Dt / TauX);
                Assert.InRange(result[s].Ltp - result[s].Ltd, -1, 1);
            }
        }
        return result;
    }

    /// <summary>
    /// A small free-running network on both backends: Poisson-driven presynaptic neurons onto an <c>adex</c> and a <c>lif</c>
    /// population (the CPU backend runs these through its generic and its vectorised LIF kernel), the adex neurons driven hard
    /// by a DC current, the lif neurons barely. The weights must be identical, and must have moved both ways.
    /// </summary>
    [Fact]
    public void Reference_and_cpu_backends_give_identical_weights()
    {
        const double w0 = 0.1;
        var spec = new NetworkBuilder("clopath_backends").Dt(Q.Ms(Dt)).Duration(Q.Ms(400)).Seed(13)
            .Population("pre", 12, "lif")
            .Population("adex", 4, "adex")
            .Population("lif", 4, "lif", p => p.Param("v_rest", Q.MV(ThetaMinus)).Param("v_reset", Q.MV(ThetaMinus)))
            .Stimulate(new PoissonStimulus { Target = "pre", Rate = Q.Hz(1000), Weight = Q.NA(0.05) })
            .Dc("adex", Q.NA(0.75))
            .Dc("lif", Q.NA(0.02))
            .Connect("pre", "adex", new AllToAllConnector(), Q.NA(w0), Q.Ms(1), new SynapseSpec(), Rule(("w_max", Q.Number(0.2))), "to_adex")
            .Connect("pre", "lif", new AllToAllConnector(), Q.NA(w0), Q.Ms(1.5), new SynapseSpec(), Rule(("w_max", Q.Number(0.2))), "to_lif")
            .Build();
        var network = TestRuntime.Compile(spec);
        var steps = (int)Math.Round(400 / Dt);

        var weights = new[] { "reference", "cpu" }.Select(backend =>
        {
            using var session = ClosedLoopSession.Open(network, TestRuntime.Registry.GetBackend(backend));
            session.Step(steps);
            Assert.True(session.SpikeCounts[network.Populations.Single(p => p.Name == "adex").Index] > 0, "adex neurons should fire");
            Assert.True(session.SpikeCounts[network.Populations.Single(p => p.Name == "lif").Index] > 0, "lif neurons should fire");
            return new[] { session.GetWeights("to_adex"), session.GetWeights("to_lif") };
        }).ToList();

        for (var projection = 0; projection < 2; projection++)
        {
            Assert.Equal(weights[0][projection], weights[1][projection]);
            Assert.Contains(weights[0][projection], w => Math.Abs(w - w0) > 1e-4);
        }
        // The strongly driven adex neurons potentiate their inputs, the barely firing lif neurons depress theirs.
        Assert.Contains(weights[0][0], w => w > w0 + 1e-4);
        Assert.Contains(weights[0][1], w => w < w0 - 1e-4);
    }

    [Fact]
    public void A_backend_that_gives_no_voltages_is_refused_when_the_projection_is_built()
    {
        var spec = new NetworkBuilder("clopath_no_reader").Dt(Q.Ms(Dt)).Duration(Q.Ms(1))
            .Population("a", 2, "lif")
            .Connect("a", "a", new AllToAllConnector(), Q.NA(0.1), plasticity: Rule(), projectionName: "p")
            .Build();
        var network = TestRuntime.Compile(spec);
        var error = Assert.Throws<InvalidOperationException>(() => PlasticProjections.Create(network.Projections[0], network));
        Assert.Contains("'clopath' of projection 'p' reads the postsynaptic membrane potential", error.Message, StringComparison.Ordinal);
    }

    private static PlasticitySpec Rule(params (string Name, Quantity Value)[] values) => new()
    {
        Rule = "clopath",
        Params = values.ToDictionary(v => v.Name, v => v.Value),
    };
}
