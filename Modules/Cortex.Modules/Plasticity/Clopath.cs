using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Voltage-based STDP (Clopath, Büsing, Vasilaki &amp; Gerstner 2010, "Connectivity reflects coding: a model of
/// voltage-based STDP with homeostasis", Nat Neurosci 13(3):344–352, doi:10.1038/nn.2479). Depression and potentiation
/// are driven by the postsynaptic membrane potential u, through two low-pass filters of it, and by a presynaptic trace x̄:
/// <code>
/// τ− dū−/dt = −ū− + u          τ+ dū+/dt = −ū+ + u          τx dx̄/dt = −x̄ + Σ δ(t − t_arrival)
/// LTD, at each presynaptic arrival:  w ← w − A_LTD·[ū− − θ−]+
/// LTP, continuously:                 dw/dt = +A_LTP·x̄·[u − θ+]+·[ū+ − θ−]+
/// </code>
/// [·]+ is rectification; w is clipped to [w_min, w_max] after every change. An arrival depresses when the neuron has
/// been depolarised above θ− for the last ~τ− (post-before-pre: the filtered spike); potentiation needs the neuron above
/// θ+ right now (a spike) while recently depolarised (ū+ above θ−) and a recent presynaptic spike (x̄), so pre-before-post
/// potentiates, and high rates, whose depolarisation outlasts the interval between spikes, potentiate whatever the order.
/// <para><b>Per step</b> (exact for u held over the step): arrivals first, each depressing with ū− as it stood at the end
/// of the previous step, then jumping x̄ by 1/τx (x̄ is in 1/ms, as the paper's, kept per synapse at arrival time); after
/// the neuron update, u is the voltage of this step (below), ū± ← u + (ū± − u)·e^(−dt/τ±), and every synapse
/// gains A_LTP·dt·x̄·[u − θ+]+·[ū+ − θ−]+ with x̄ including this step's arrivals and ū+ this step's u.</para>
/// <para><b>u on and after a spike.</b> The rule reads the neuron's membrane potential through
/// <see cref="IVoltageReadingRule{TPost, TParams}"/>, after the step's update. Integrate-and-fire neurons (<c>lif</c>,
/// <c>adex</c>, …) reset within the step, so the voltage a spike step ends with is the reset, and the spike itself, which
/// is what crosses θ+ in the paper, would never be seen. The paper's AdEx neuron instead holds its voltage at the spike
/// for 2 ms; the rule reproduces that: on the step of a postsynaptic spike and the steps after it, round(spike_width/dt)
/// steps in all (at least one), u is <c>u_spike</c> instead of the neuron's voltage. <c>spike_width</c> = 0 reads the
/// neuron's own voltage on every step, for a model that has a spike waveform (<c>hh</c>). The defaults, 33 mV for 2 ms,
/// are V_clamp and t_clamp of NEST's <c>aeif_psc_delta_clopath</c>, a port of the authors' code (ModelDB 144566).</para>
/// <para><b>Not modelled.</b> The homeostatic amplitude A_LTD·ū̄²/u_ref² (ū̄ the mean depolarisation over ~1 s): A_LTD
/// is the constant amplitude of the paper's pairing experiments (its Fig. 2), which are too short for homeostasis to act.
/// The 5 ms delay the authors' code (and NEST) puts on ū± before they enter the rule, which the paper's equations do not
/// have. The paper's neuron also has a spike after-depolarisation current, which our <c>adex</c> lacks; it adds to the
/// depolarisation after each spike, and so to potentiation at high rates.</para>
/// <para><b>Parameters</b> default to the paper's visual cortex set (its parameter table; fitted to Sjöström, Turrigiano
/// &amp; Nelson 2001, Neuron 32:1149): A_LTD = 14e-5 /mV, A_LTP = 8e-5 /mV², θ− = −70.6 mV, θ+ = −45.3 mV, τ− = 10 ms, τ+ = 7 ms,
/// τx = 15 ms. θ− is meant to sit at the neuron's resting potential (−70.6 mV is the paper's AdEx E_L, and our
/// <c>adex</c>'s v_rest): a neuron resting above θ− depresses at every arrival. The paper's weights are relative to
/// their value before the protocol; here amplitudes are absolute changes in the projection's internal weight unit.</para>
/// </summary>
public sealed class Clopath : PlasticityRule<Clopath.Synapse, NoState, Clopath.Post, Clopath.Params, Clopath.Rule>
{
    public override string Name => "clopath";

    public override string Description => "voltage-based STDP (Clopath et al. 2010): LTD at arrivals ∝ [ū− − θ−]+, LTP ∝ x̄·[u − θ+]+·[ū+ − θ−]+, clipped";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("a_ltd", Dimension.Dimensionless, 14e-5, ValueRule.NonNegative, "depression amplitude A_LTD, weight units per mV of [ū− − θ−]+ at each presynaptic arrival"),
        new("a_ltp", Dimension.Dimensionless, 8e-5, ValueRule.NonNegative, "potentiation amplitude A_LTP, weight units per mV²: dw/dt = A_LTP·x̄·[u − θ+]+·[ū+ − θ−]+, x̄ in 1/ms"),
        new("theta_minus", Dimension.Voltage, -70.6, ValueRule.Any, "θ−: ū− above it depresses, ū+ above it enables potentiation (the resting potential)"),
        new("theta_plus", Dimension.Voltage, -45.3, ValueRule.Any, "θ+: u above it potentiates (reached during a spike)"),
        new("tau_minus", Dimension.Time, 10, ValueRule.Positive, "time constant of ū−, the low-pass filtered voltage that gates depression"),
        new("tau_plus", Dimension.Time, 7, ValueRule.Positive, "time constant of ū+, the low-pass filtered voltage that gates potentiation"),
        new("tau_x", Dimension.Time, 15, ValueRule.Positive, "time constant of the presynaptic trace x̄ (each arrival adds 1/tau_x)"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
        new("u_spike", Dimension.Voltage, 33, ValueRule.Any, "u on the steps of a postsynaptic spike (the neuron has already reset when the rule reads it)"),
        new("spike_width", Dimension.Time, 2, ValueRule.NonNegative, "how long u is held at u_spike from a postsynaptic spike; 0: always the neuron's own voltage"),
    ];

    public override PlasticitySchedule Schedule => PlasticitySchedule.EveryStep;

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
        if (p["theta_plus"] <= p["theta_minus"])
            yield return new("theta_plus", $"must be above theta_minus ({p["theta_minus"]} mV), got {p["theta_plus"]} mV");
        if (p["spike_width"] > 0 && p["u_spike"] <= p["theta_plus"])
            yield return new("u_spike", $"must be above theta_plus ({p["theta_plus"]} mV) for a spike to potentiate, got {p["u_spike"]} mV (spike_width = 0 reads the neuron's own voltage)");
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        LtdAmplitude = (float)p["a_ltd"],
        LtpPerStep = (float)(p["a_ltp"] * dt),
        ThetaMinus = (float)p["theta_minus"],
        ThetaPlus = (float)p["theta_plus"],
        MinusDecay = (float)Math.Exp(-dt / p["tau_minus"]),
        PlusDecay = (float)Math.Exp(-dt / p["tau_plus"]),
        XExponentPerStep = (float)(-dt / p["tau_x"]),
        XJump = (float)(1 / p["tau_x"]),
        WMin = (float)p["w_min"],
        WMax = (float)p["w_max"],
        USpike = (float)p["u_spike"],
        SpikeSteps = p["spike_width"] > 0 ? Math.Max(1, (int)Math.Round(p["spike_width"] / dt)) : 0,
    };

    // Both filters start at θ−, where they drive nothing, and follow the neuron's voltage within a few τ.
    public override Post InitialPost(in Params p) => new() { UMinus = p.ThetaMinus, UPlus = p.ThetaMinus };

    public struct Params
    {
        public float LtdAmplitude;
        /// <summary>A_LTP·dt.</summary>
        public float LtpPerStep;
        public float ThetaMinus, ThetaPlus, MinusDecay, PlusDecay;
        /// <summary>−dt/τx: x̄ decays by exp(steps·this), exact whatever the number of steps.</summary>
        public float XExponentPerStep;
        public float XJump, WMin, WMax, USpike;
        public int SpikeSteps;
    }

    /// <summary>The presynaptic trace x̄ (1/ms) just after the last arrival at this synapse, at step <see cref="Step"/>.</summary>
    public struct Synapse
    {
        public float X;
        public long Step;
    }

    /// <summary>
    /// The filtered voltages ū− and ū+ (mV), this step's potentiation factor A_LTP·dt·[u − θ+]+·[ū+ − θ−]+ (per unit of x̄)
    /// and the steps left for which u is held at u_spike.
    /// </summary>
    public struct Post
    {
        public float UMinus, UPlus, Potentiation;
        public int SpikeStepsLeft;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>, IVoltageReadingRule<Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            // ū− as the previous step left it: arrivals come before this step's neuron update.
            var drive = post.UMinus - p.ThetaMinus;
            if (drive > 0) weight = WeightBounds.Clip(weight - p.LtdAmplitude * drive, p.WMin, p.WMax);
            synapse = new Synapse { X = Trace(in synapse, in p, context.Step) + p.XJump, Step = context.Step };
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        // The spike starts the window in which u is held at u_spike (this step included: AdvancePost comes later in it).
        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context) => post.SpikeStepsLeft = p.SpikeSteps;

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        // Replaced by the voltage-reading AdvancePost below.
        public void AdvancePost(ref Post post, in Params p)
        {
        }

        public void AdvancePost(ref Post post, in Params p, float voltage)
        {
            var u = voltage;
            if (post.SpikeStepsLeft > 0)
            {
                u = p.USpike;
                post.SpikeStepsLeft--;
            }
            post.UMinus = u + (post.UMinus - u) * p.MinusDecay;
            post.UPlus = u + (post.UPlus - u) * p.PlusDecay;
            post.Potentiation = p.LtpPerStep * MathF.Max(u - p.ThetaPlus, 0) * MathF.Max(post.UPlus - p.ThetaMinus, 0);
        }

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps)
        {
            // Most steps have u below θ+ and nothing to do: the trace is only read when there is.
            if (!(post.Potentiation > 0) || synapse.X == 0) return;
            weight = WeightBounds.Clip(weight + Trace(in synapse, in p, context.Step) * post.Potentiation, p.WMin, p.WMax);
        }

        private static float Trace(in Synapse synapse, in Params p, long step) =>
            synapse.X == 0 ? 0 : synapse.X * MathF.Exp((step - synapse.Step) * p.XExponentPerStep);
    }
}
