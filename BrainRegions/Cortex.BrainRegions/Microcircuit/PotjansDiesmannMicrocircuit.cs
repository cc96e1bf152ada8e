using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Microcircuit;

/// <summary>
/// The cortical microcircuit of Potjans &amp; Diesmann (2014, Cerebral Cortex 24:785–806): 77,169 current-based LIF
/// neurons under 1 mm² of early sensory cortex in eight populations (L2/3, L4, L5, L6 × excitatory, inhibitory), about
/// 0.3 billion synapses, built as NEST's <c>examples/Potjans_2014</c> builds it. It reproduces the paper's Fig. 6
/// (layer-specific spontaneous rates, L2/3e ≈ 1 Hz up to L5e ≈ 8 Hz, irregular firing); the reference rates are NEST 3's
/// <c>full_mean_rates</c> (<see cref="MicrocircuitData.ReferenceRate"/>).
/// <para>
/// Each pair of populations gets a fixed total number of synapses K = ln(1−C)/ln(1−1/(N_pre·N_post)) from the full-scale
/// sizes, times <c>scale</c>·<c>k_scale</c> (so in-degrees are kept when only neurons are scaled), multapses and autapses
/// allowed. Weights: normal, PSP 0.15 mV converted to a PSC as NEST does (87.8 pA), relative sd 0.1, g = −4, L4e→L2/3e
/// doubled, redrawn to stay ≥ 0 (excitatory) or ≤ 0 (inhibitory). Delays: normal, 1.5 ± 0.75 ms (excitatory) and
/// 0.75 ± 0.375 ms (inhibitory), redrawn below one step. Background: Poisson at 8 Hz × K_ext per neuron, or its mean as
/// a DC current. Scaling in-degrees by k_scale &lt; 1 multiplies weights by 1/√k and adds the DC that restores the
/// full-scale mean input (from the reference rates), as NEST does. An optional thalamic pulse (902 neurons) follows
/// NEST's stimulus_params.
/// </para>
/// <para>
/// Departures. (1) Our exp_current receptor adds the weight in the arrival step and holds each step's current constant,
/// which delivers 10 % more charge per PSC than NEST's exact propagator at dt = 0.1 ms; with <c>psc_correction</c> = charge (default) weights are scaled by
/// τ_s(1−e^(−dt/τ_s))/dt, dt the spec's step, so each PSC carries NEST's charge w·τ_s. (2) An input acts on the membrane in its arrival step,
/// one step earlier than in NEST. (3) Thalamic neurons are LIF neurons fired by delta jumps (NEST: parrot neurons),
/// and their synapse count keeps the full-scale in-degree at any <c>scale</c>. (4) 16-bit weights by default
/// (<c>weights</c>), a relative rounding error near 1e-5 against the 10 % weight spread.
/// </para>
/// </summary>
public sealed class PotjansDiesmannMicrocircuit : CircuitModel
{
    private const double Cm = 0.25, TauM = 10, TauSyn = 0.5, VRest = -65, VReset = -65, VThresh = -50, TauRefrac = 2;

    public override string Name => "microcircuit";

    public override string Description => "Potjans & Diesmann cortical microcircuit: 8 populations of L2/3–L6, 77,169 LIF neurons at scale 1";

    public override string Citation => "Potjans & Diesmann (2014) Cerebral Cortex 24:785–806; NEST examples/Potjans_2014";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("scale", Dimension.Dimensionless, 0.1, ValueRule.Positive, "fraction of the full-scale neuron numbers (0 < scale ≤ 1)"),
        new("k_scale", Dimension.Dimensionless, 1, ValueRule.Positive, "fraction of the full-scale in-degrees (0 < k_scale ≤ 1); weights ×1/√k and a compensating DC"),
        new("background", Dimension.Dimensionless, 0, ValueRule.NonNegative, "background input: Poisson trains or their mean as DC") { Choices = ["poisson", "dc"] },
        new("bg_rate", Dimension.Frequency, 8, ValueRule.NonNegative, "rate of each external background input"),
        new("psp", Dimension.Voltage, 0.15, ValueRule.Positive, "mean excitatory PSP peak"),
        new("psp_rel_sd", Dimension.Dimensionless, 0.1, ValueRule.NonNegative, "relative standard deviation of the weights"),
        new("g", Dimension.Dimensionless, -4, ValueRule.Any, "inhibitory weight relative to excitatory"),
        new("delay_exc", Dimension.Time, 1.5, ValueRule.Positive, "mean delay of excitatory synapses"),
        new("delay_inh", Dimension.Time, 0.75, ValueRule.Positive, "mean delay of inhibitory synapses"),
        new("delay_rel_sd", Dimension.Dimensionless, 0.5, ValueRule.NonNegative, "relative standard deviation of the delays"),
        new("v0", Dimension.Dimensionless, 0, ValueRule.NonNegative, "initial potentials: NEST's population-specific fit, or N(−58, 10) mV for all") { Choices = ["optimized", "original"] },
        new("thalamus", Dimension.Dimensionless, 0, ValueRule.NonNegative, "drive the 902 thalamic neurons with a Poisson pulse") { Choices = ["off", "on"] },
        new("th_start", Dimension.Time, 700, ValueRule.NonNegative, "onset of the thalamic pulse"),
        new("th_duration", Dimension.Time, 10, ValueRule.Positive, "duration of the thalamic pulse"),
        new("th_rate", Dimension.Frequency, 120, ValueRule.NonNegative, "rate of each thalamic neuron during the pulse"),
        new("weights", Dimension.Dimensionless, 1, ValueRule.NonNegative, "weight storage: 32-bit floats or a 16-bit grid per projection") { Choices = ["32bit", "16bit"] },
        new("psc_correction", Dimension.Dimensionless, 0, ValueRule.NonNegative, "scale PSCs so each carries NEST's exact charge at step dt, or use NEST's PSC as is") { Choices = ["charge", "none"] },
        new("record", Dimension.Dimensionless, 1, ValueRule.NonNegative, "record the spikes of every population") { Choices = ["none", "all"] },
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("thalamus", PortDirection.In, "the 902 thalamic relay neurons, which project to L4 and L6"),
        .. MicrocircuitData.LocalNames.Select((n, i) => new CircuitPort(n, PortDirection.Out, $"spikes of {MicrocircuitData.Names[i]}")),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var name in new[] { "scale", "k_scale" })
            if (values[name] > 1) yield return new(name, $"must be in (0, 1] (1 is the full-scale model), got {values[name]}");
        foreach (var name in new[] { "background", "v0", "thalamus", "weights", "psc_correction", "record" })
        {
            var choices = Parameters.First(p => p.Name == name).Choices;
            if (values[name] != Math.Floor(values[name]) || values[name] >= choices.Count)
                yield return new(name, $"must be one of {string.Join(", ", choices)}, got {values[name]}");
        }
        if (values["scale"] <= 1 && values["scale"] > 0)
        {
            var smallest = MicrocircuitData.FullSize.Min();
            if (Math.Round(smallest * values["scale"]) < 1)
                yield return new("scale", $"leaves L5i ({smallest} neurons at full scale) empty; use at least {0.5 / smallest:0.0000}");
        }
    }

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parameters);
        var plan = MicrocircuitPlan.From(parameters, builder.Dt);
        var synapse = new SynapseSpec { Model = "exp_current", Port = "syn", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(TauSyn) } };
        var precision = parameters["weights"] == 1 ? WeightPrecision.Grid16 : WeightPrecision.Full;
        var count = MicrocircuitData.LocalNames.Count;

        for (var i = 0; i < count; i++)
        {
            var population = i;
            builder.Population(MicrocircuitData.LocalNames[i], plan.Sizes[i], "lif", p => p
                .Param("tau_m", Q.Ms(TauM)).Param("cm", new Quantity(Cm, Dimension.Capacitance))
                .Param("v_rest", Q.MV(VRest)).Param("v_reset", Q.MV(VReset)).Param("v_thresh", Q.MV(VThresh))
                .Param("tau_refrac", Q.Ms(TauRefrac)).Param("i_offset", Q.NA(plan.Dc[population]))
                .Init("v", plan.InitialPotential(population)));
        }
        // Thalamic relay: a delta jump far above threshold makes each input spike one output spike, like a parrot neuron.
        builder.Population("th", MicrocircuitData.ThalamicSize, "lif", p => p.Param("tau_refrac", Q.Ms(0)));

        for (var target = 0; target < count; target++)
            for (var source = 0; source < count; source++)
            {
                var n = plan.Synapses[target, source];
                if (n == 0) continue;
                builder.Connect(MicrocircuitData.LocalNames[source], MicrocircuitData.LocalNames[target], new FixedTotalNumberConnector(n),
                    plan.Weight(plan.MeanWeight(target, source)), plan.Delay(MicrocircuitData.IsExcitatory(source)), synapse,
                    projectionName: $"{MicrocircuitData.LocalNames[source]}_to_{MicrocircuitData.LocalNames[target]}", weightPrecision: precision);
            }
        for (var target = 0; target < count; target++)
        {
            var n = plan.ThalamicSynapses[target];
            if (n == 0) continue;
            builder.Connect("th", MicrocircuitData.LocalNames[target], new FixedTotalNumberConnector(n), plan.Weight(plan.ThalamicWeight),
                plan.Delay(excitatory: true), synapse, projectionName: $"th_to_{MicrocircuitData.LocalNames[target]}", weightPrecision: precision);
        }

        if (parameters["background"] == 0)
            for (var i = 0; i < count; i++)
                builder.Stimulate(new PoissonStimulus
                {
                    Target = MicrocircuitData.LocalNames[i], Rate = Q.Hz(plan.BackgroundRate[i]), Weight = Q.NA(plan.ExternalWeight), Synapse = synapse,
                });
        if (parameters["thalamus"] == 1)
            builder.Stimulate(new PoissonStimulus
            {
                Target = "th", Rate = Q.Hz(parameters["th_rate"]), Weight = Q.MV(100), Synapse = new SynapseSpec { Model = "delta", Port = "relay" },
                Start = Q.Ms(parameters["th_start"]), Stop = Q.Ms(parameters["th_start"] + parameters["th_duration"]),
            });
        if (parameters["record"] == 1)
            foreach (var name in MicrocircuitData.LocalNames) builder.RecordSpikes(name);

        builder.Port("thalamus", "th");
        foreach (var name in MicrocircuitData.LocalNames) builder.Port(name, name);
    }
}
