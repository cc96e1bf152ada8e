using System.Runtime.CompilerServices;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Tsodyks–Markram short-term plasticity: depression and facilitation of the transmitted efficacy (Tsodyks &amp; Markram
/// 1997, PNAS 94:719; Markram, Wang &amp; Tsodyks 1998, PNAS 95:5323; Tsodyks, Pawelzik &amp; Markram 1998, Neural
/// Comput. 10:821). A synapse has a utilisation u (the release probability) and a fraction x of its resources
/// available:
/// <code>
/// du/dt = −u/tau_facil + U·(1 − u⁻)·Σ δ(t − t_k)        (u⁺ = u⁻ + U·(1 − u⁻) at a spike)
/// dx/dt = (1 − x)/tau_rec − u⁺·x⁻·Σ δ(t − t_k)
/// </code>
/// A spike arriving at t_k delivers the efficacy w·u⁺·x⁻: u jumps first, then that fraction of the available resources
/// is released. With tau_facil = 0 there is no facilitation: u⁺ = U at every spike (a purely depressing synapse).
/// Between spikes the equations have closed forms, so spike n of a train with intervals Δ_n delivers A_n = w·u_n·x_n with
/// u_1 = U, x_1 = 1 (a synapse at rest) and
/// <code>
/// u_{n+1} = U + u_n·(1 − U)·e^(−Δ_n/tau_facil)
/// x_{n+1} = 1 − (1 − x_n + u_n·x_n)·e^(−Δ_n/tau_rec)
/// </code>
/// The stored weight w never changes (weight reads and snapshots see it); only the spike's efficacy is scaled.
/// Nothing happens between spikes, so the schedule is EventsOnly and each arrival decays u and x from the previous one
/// with exact exponentials of the elapsed time (in double precision). Typical values: depressing pyramid-to-pyramid
/// synapses U 0.5, tau_rec 800 ms, no facilitation; facilitating pyramid-to-interneuron synapses U 0.03, tau_rec 130 ms,
/// tau_facil 530 ms (Tsodyks, Pawelzik &amp; Markram 1998, Fig. 1).
/// </summary>
public sealed class TsodyksMarkram : PlasticityRule<TsodyksMarkram.Synapse, NoState, NoState, TsodyksMarkram.Params, TsodyksMarkram.Rule>
{
    public override string Name => "tsodyks_markram";

    public override string Description => "Tsodyks–Markram short-term depression and facilitation: a spike delivers w·u·x, the weight stays";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("U", Dimension.Dimensionless, 0.5, ValueRule.Probability, "utilisation increment per spike (the release probability of a synapse at rest)"),
        new("tau_rec", Dimension.Time, 800, ValueRule.Positive, "recovery time constant of the resources x (depression)"),
        new("tau_facil", Dimension.Time, 0, ValueRule.NonNegative, "decay time constant of the utilisation u (facilitation); 0: none, u = U at every spike"),
    ];

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        U = (float)p["U"],
        RecoveryPerStep = (float)(dt / p["tau_rec"]),
        FacilitationPerStep = p["tau_facil"] > 0 ? (float)(dt / p["tau_facil"]) : 0,
        Facilitates = p["tau_facil"] > 0,
    };

    /// <summary>At rest: u = 0 (it becomes U at the first spike), all resources available.</summary>
    public override Synapse InitialSynapse(in Params p) => new() { U = 0, X = 1 };

    public struct Params
    {
        // Single precision: one float exponential per arrival is the rule's whole cost, and the recursion stays within
        // 1e-6 of its double-precision value over long trains.
        public float U, RecoveryPerStep, FacilitationPerStep;
        public bool Facilitates;
    }

    /// <summary>u and x just after the last spike (x after its release), and the step it arrived at.</summary>
    public struct Synapse
    {
        public float U, X;
        public long LastArrival;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, NoState, Params>
    {
        // Inlined into the engine's arrival loop: the context's unused fields then cost nothing.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref NoState post, in Params p, in RuleContext context)
        {
            float elapsed = context.Step - synapse.LastArrival;
            var u = p.Facilitates ? synapse.U * MathF.Exp(-elapsed * p.FacilitationPerStep) : 0;   // u decayed towards 0,
            var x = 1 - (1 - synapse.X) * MathF.Exp(-elapsed * p.RecoveryPerStep);                  // x recovered towards 1;
            u += p.U * (1 - u);                                                                      // the spike raises u,
            var released = u * x;                                                                   // then releases u·x
            synapse = new Synapse { U = u, X = x - released, LastArrival = context.Step };
            return weight * released;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref NoState post, in Params p, in RuleContext context)
        {
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref NoState post, in Params p, in RuleContext context)
        {
        }

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        public void AdvancePost(ref NoState post, in Params p)
        {
        }

        public void Update(ref Synapse synapse, ref float weight, ref NoState post, in Params p, in RuleContext context, int steps)
        {
        }
    }
}
