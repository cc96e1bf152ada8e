using Cortex.Models;
using Cortex.Units;

namespace GuideExamples;

/// <summary>
/// Short-term depression after Tsodyks &amp; Markram (1997, PNAS 94:719): a synapse has a fraction x of its resources
/// available; each spike releases the fraction U of them, and between spikes x recovers to 1 with tau_rec. So spike n of
/// a train with intervals Δ delivers the efficacy A_n = w·U·x_n, with x_1 = 1 and
/// <code>
/// x_{n+1} = 1 − (1 − x_n + U·x_n)·e^(−Δ/tau_rec)
/// </code>
/// The stored weight w never changes. Between spikes nothing needs computing, so the schedule stays EventsOnly and each
/// arrival recovers x from the last one with an exact exponential of the elapsed time. (The built-in
/// <c>tsodyks_markram</c> adds facilitation: a utilisation that grows with each spike, Markram, Wang &amp; Tsodyks 1998.)
/// </summary>
public sealed class TsodyksMarkram : PlasticityRule<TsodyksMarkram.Synapse, NoState, NoState, TsodyksMarkram.Params, TsodyksMarkram.Rule>
{
    public override string Name => "guide_stp";
    public override string Description => "Tsodyks–Markram short-term depression: a spike delivers w·U·x (guide example)";
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("U", Dimension.Dimensionless, 0.5, ValueRule.Probability, "fraction of the available resources a spike releases"),
        new("tau_rec", Dimension.Time, 800, ValueRule.Positive, "recovery time constant of the resources x"),
    ];

    public override Params Prepare(ParameterValues p, double dt) => new((float)p["U"], (float)(dt / p["tau_rec"]));
    public override Synapse InitialSynapse(in Params p) => new() { X = 1 };   // at rest all resources are available

    public readonly record struct Params(float U, float RecoveryPerStep);

    /// <summary>x just after the last spike (after its release), and the step that spike arrived at.</summary>
    public struct Synapse
    {
        public float X;
        public long LastArrival;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, NoState, Params>
    {
        public float OnPreArrival(ref Synapse s, ref float weight, ref NoState pre, ref NoState post, in Params p, in RuleContext context)
        {
            float steps = context.Step - s.LastArrival;
            var x = 1 - (1 - s.X) * MathF.Exp(-steps * p.RecoveryPerStep);   // x has recovered towards 1 since the last spike;
            s = new Synapse { X = x - p.U * x, LastArrival = context.Step };  // the spike releases U·x of the resources
            return weight * p.U * x;                                          // the efficacy; the weight itself stays
        }

        public void OnPostSpike(ref Synapse s, ref float weight, ref NoState pre, ref NoState post, in Params p, in RuleContext context) { }
        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context) { }
        public void OnPostNeuronSpike(ref NoState post, in Params p, in RuleContext context) { }
        public void AdvancePre(ref NoState pre, in Params p) { }
        public void AdvancePost(ref NoState post, in Params p) { }
        public void Update(ref Synapse s, ref float weight, ref NoState post, in Params p, in RuleContext context, int steps) { }
    }
}
