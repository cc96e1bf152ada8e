using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests.Plasticity;

/// <summary>
/// Pair STDP on the gpu backend against a hand computation, an outside check that does not use the cpu backend. One
/// presynaptic and one postsynaptic <c>lif</c> neuron, one synapse (w₀ = 0.5 mV, delay 1 ms), spikes forced at chosen
/// steps. The rule's documented equations (additive all-to-all STDP, Song, Miller &amp; Abbott 2000, Nat Neurosci 3:919)
/// give, with Δt measured from the arrival at the synapse:
/// <code>
/// post spike: Δw = +a₊·w_max·Σ_arrivals before it e^(−Δt/τ₊)      arrival: Δw = −a₋·w_max·Σ_post spikes before it e^(−Δt/τ₋)
/// </code>
/// </summary>
public sealed class PairStdpTests
{
    private const double Dt = 0.1, W0 = 0.5, APlus = 0.01, AMinus = 0.012, Tau = 20, WMax = 1;
    private const int Delay = 10;

    [Fact]
    public void A_pre_post_and_a_post_pre_pair_change_the_weight_as_the_equations_say()
    {
        // Pre at 100 arrives at 110; post at 150 (Δt = 4 ms) and 400 (Δt = 29 ms); pre at 500 arrives at 510, 36 and 11 ms after the posts.
        var pre = new[] { 100L, 500 };
        var post = new[] { 150L, 400 };
        const int end = 600;
        var network = new NetworkCompiler(GpuRun.Registry).Compile(new NetworkBuilder("pair").Dt(Q.Ms(Dt)).Duration(Q.Ms(end * Dt))
            .Population("pre", 1, "lif").Population("post", 1, "lif")
            .Connect("pre", "post", new OneToOneConnector(), Q.MV(W0), Q.Ms(Delay * Dt), new SynapseSpec { Model = "delta", Port = "plastic" },
                PlasticRun.Rule("stdp", ("a_plus", APlus), ("a_minus", AMinus), ("tau_plus", Tau), ("tau_minus", Tau), ("w_max", WMax)), "plastic")
            .Build());

        using var session = ClosedLoopSession.Open(network, GpuRun.Registry.GetBackend("gpu"), GpuRun.OnCpuAccelerator);
        for (var n = 0L; n < end; n++)
        {
            if (pre.Contains(n)) session.InjectSpikes("pre", [0]);
            if (post.Contains(n)) session.InjectSpikes("post", [0]);
            session.Step();
        }

        double Ms(long steps) => steps * Dt;
        var expected = W0
            + APlus * WMax * (Math.Exp(-Ms(150 - 110) / Tau) + Math.Exp(-Ms(400 - 110) / Tau))
            - AMinus * WMax * (Math.Exp(-Ms(510 - 150) / Tau) + Math.Exp(-Ms(510 - 400) / Tau));
        var weight = Assert.Single(session.GetWeights("plastic"));
        Assert.True(Math.Abs(weight - expected) < 1e-6, $"gpu {weight:G9}, equations {expected:G9}");
    }
}
