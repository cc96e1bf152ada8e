using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// synaptic_scaling in a running network (Turrigiano et al. 1998). Twenty LIF neurons each receive about half of 100
/// Poisson inputs (drawn here, injected step by step) through scaled synapses with a target rate of 10 Hz. The population settles at its
/// target; then the input rate is doubled, which at first drives the neurons far above it, and scaling brings them back
/// within 10 % of the target by turning every neuron's incoming weights down by one common factor, which keeps their
/// ratios. Rates are population means over 20 s windows; both backends must give the same spikes and weights.
/// </summary>
public sealed class SynapticScalingTests
{
    private const double Dt = 1, InputHz = 10, TargetHz = 10, PhaseMs = 60_000, WindowMs = 20_000, JumpMs = 2000;
    private const int Inputs = 100, Neurons = 20;

    [Fact]
    public void A_population_whose_input_doubles_returns_to_its_target_rate_on_both_backends()
    {
        var spikes = Draw(seed: 5);
        var runs = new[] { "reference", "cpu" }.ToDictionary(b => b, b => Run(b, spikes));
        Assert.Equal(runs["reference"].Counts, runs["cpu"].Counts);
        Assert.Equal(runs["reference"].After, runs["cpu"].After);

        var (counts, before, after) = runs["cpu"];
        double Rate(long fromStep, long toStep) => counts.Skip((int)fromStep).Take((int)(toStep - fromStep)).Sum() / ((toStep - fromStep) * Dt / 1000) / Neurons;
        var phase = (long)(PhaseMs / Dt);
        var window = (long)(WindowMs / Dt);
        var settled = Rate(phase - window, phase);
        var jump = Rate(phase, phase + (long)(JumpMs / Dt));
        var recovered = Rate(2 * phase - window, 2 * phase);

        Assert.True(Math.Abs(settled - TargetHz) <= 0.1 * TargetHz, $"before the change the population fires at {settled:F2} Hz, target {TargetHz} Hz");
        Assert.True(jump >= 1.5 * TargetHz, $"doubling the input only took the rate to {jump:F2} Hz");   // the perturbation is real
        Assert.True(Math.Abs(recovered - TargetHz) <= 0.1 * TargetHz, $"after the change the population fires at {recovered:F2} Hz, target {TargetHz} Hz");

        // Scaling is multiplicative per neuron: all weights onto a neuron changed by the same factor (up to the float rounding
        // of each synapse's updates, ~1e-7 a time), and it turned them down.
        var network = TestRuntime.Compile(Spec());
        var targets = network.Projections[0].Table.Targets;
        for (var n = 0; n < Neurons; n++)
        {
            var factors = Enumerable.Range(0, targets.Length).Where(s => targets[s] == n).Select(s => after[s] / (double)before[s]).ToArray();
            Assert.True(factors.Max() - factors.Min() <= 1e-4 * factors.Average(), $"neuron {n}: weights scaled by {factors.Min():R} to {factors.Max():R}");
            Assert.InRange(factors.Average(), 0.3, 0.8);
        }
    }

    private static NetworkSpec Spec() =>
        new NetworkBuilder("scaling").Dt(Q.Ms(Dt)).Duration(Q.Ms(1000)).Seed(6)
            .Population("in", Inputs, "if", p => p.Param("v_thresh", Q.MV(1000)))
            .Population("out", Neurons, "lif")
            .Connect("in", "out", new FixedProbabilityConnector(0.5), new UniformValue(Q.NA(0.025), Q.NA(0.075)), Q.Ms(Dt),
                new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } },
                new PlasticitySpec
                {
                    Rule = "synaptic_scaling",
                    Params = new Dictionary<string, Quantity> { ["eta"] = Q.Number(0.01), ["tau_r"] = Q.Ms(1000), ["r_target"] = Q.Hz(TargetHz) },
                }, "plastic")
            .Build();

    /// <summary>Per step the inputs that spike: Poisson at 10 Hz for a phase, then at 20 Hz for another.</summary>
    private static int[][] Draw(int seed)
    {
        var random = new Random(seed);
        var phase = (int)(PhaseMs / Dt);
        var spikes = new int[2 * phase][];
        var firing = new List<int>();
        for (var k = 0; k < spikes.Length; k++)
        {
            var rate = k < phase ? InputHz : 2 * InputHz;
            firing.Clear();
            for (var i = 0; i < Inputs; i++)
                if (random.NextDouble() < rate * Dt / 1000) firing.Add(i);
            spikes[k] = [.. firing];
        }
        return spikes;
    }

    /// <summary>The population's spike count per step, and the weights just before and at the end of the second phase.</summary>
    private static (int[] Counts, float[] Before, float[] After) Run(string backend, int[][] spikes)
    {
        using var session = ClosedLoopSession.Open(TestRuntime.Compile(Spec()), TestRuntime.Registry.GetBackend(backend));
        var counts = new int[spikes.Length];
        float[] before = [];
        for (var k = 0; k < spikes.Length; k++)
        {
            if (k == spikes.Length / 2) before = session.GetWeights("plastic");
            if (spikes[k].Length > 0) session.InjectSpikes("in", spikes[k]);
            session.Step();
            counts[k] = session.Spikes("out").Length;
        }
        return (counts, before, session.GetWeights("plastic"));
    }
}
