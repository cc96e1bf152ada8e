using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Thalamus;

/// <summary>
/// A thalamocortical loop of AdEx neurons in the spirit of Destexhe (2009, J Comput Neurosci 27:493–506): thalamocortical
/// relay cells (TC) excite the reticular nucleus (RE), RE inhibits TC (GABA_A, optionally a slow GABA_B part) and
/// itself, TC excites a small cortex (excitatory and inhibitory cells) that feeds back onto TC and RE. TC cells fire
/// on rebound from inhibition: their subthreshold adaptation <c>a_tc</c> is ten times their leak and their reset
/// (−46 mV) lies above V_T, so while RE holds them hyperpolarised w turns negative (a depolarising current, standing in
/// for the de-inactivated T-current) and, once the inhibition wears off, carries v over threshold; an isolated cell
/// then fires a burst of 2–5 spikes that b ends (the AdEx bursting regime of Naud et al. 2008, Biol Cybern
/// 99:335–347), but in the network the next RE volley usually cuts it to one or two spikes per cycle (about a fifth
/// of sleep-mode TC intervals are under 10 ms).
/// <para>
/// The parameter <c>mode</c> switches between the two states of Steriade, McCormick &amp; Sejnowski (1993, Science
/// 262:679–685): <b>wake</b> (0) depolarises TC (+0.6 nA) and hyperpolarises RE (−1 nA), as acetylcholine does, so TC
/// fires at 10–15 Hz without waiting for rebounds and its rate follows its input on port <c>in</c>; <b>sleep</b> (1) hyperpolarises TC slightly, so
/// it fires mostly in rebound bursts that recruit RE, whose inhibition brings on the next rebound: the TC–RE spindle
/// cycle of Destexhe et al. (1993) and Bazhenov et al. (2002, J Neurosci 22:8691–8704). The mode is only bias currents
/// (tc_bias_*, re_bias_*), so <see cref="ThalamicModeSwitch"/> can change it on a running <c>ClosedLoopSession</c>.
/// </para>
/// <para>
/// Reproduces: a TC population spectrum that peaks in the spindle band (12–13 Hz with the defaults) in sleep mode, as
/// the thalamic networks of Bazhenov et al. (2002, Fig. 2) and Destexhe et al. (1993) oscillate at 7–14 Hz, and not in
/// wake mode. Departs from the papers: cells are single-compartment AdEx without I_T (the rebound is AdEx adaptation);
/// the thalamus is tens of cells with random connectivity rather than a 1-D chain, so spindles do not wax and wane
/// within a 1–3 s episode separated by silence, nor propagate; background Poisson drive replaces intrinsic noise;
/// cortex is a plain E/I AdEx population with weak synapses, so the rhythm is set in the thalamus. In wake mode the
/// TC–RE loop is not silent but beats faster (about 17 Hz, a PING-like rhythm of depolarised TC cells and the RE cells
/// it drives) with a tenth as much of its power in 7–14 Hz; it is not the asynchronous state of the waking thalamus.
/// Cell parameters follow Destexhe (2009) in size (0.2 nF, g_L 10 nS, V_T −50 mV, Δ_T 2.5 mV) but were tuned here
/// (TC: E_L −55 mV, a 0.1 µS, τ_w 120 ms, b 0.02 nA; RE: a 0.02 µS, b 0.03 nA, τ_w 600 ms) to give the rebound.
/// </para>
/// <para>
/// Built (instance <c>t</c>): <c>t.tc</c>, <c>t.re</c>, <c>t.cx</c> (cortical excitatory, regular spiking) and
/// <c>t.cx_inh</c> (fast spiking). Synapses are exponential conductances: AMPA (5 ms, 0 mV) on port <c>ampa</c>,
/// GABA_A (tau_gaba_a, −80 mV) on <c>gaba_a</c>, GABA_B (bi-exponential 50/300 ms, −95 mV) on <c>gaba_b</c>, Poisson
/// background on <c>noise</c>; input from the rest of a spec may use any other port name. Ports: <c>in</c> (TC, for
/// afferent input), <c>tc</c>, <c>re</c> and <c>out</c> (cortical excitatory cells).
/// </para>
/// </summary>
public sealed class Thalamocortical : CircuitModel
{
    public override string Name => "thalamocortical";

    public override string Description => "thalamocortical loop (TC, RE, cortex) switching between relay (wake) and a 7–14 Hz spindle-like TC–RE rhythm (sleep)";

    public override string Citation => "Destexhe (2009) J Comput Neurosci 27:493–506; Bazhenov, Timofeev, Steriade & Sejnowski (2002) J Neurosci 22:8691–8704";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("mode", Dimension.Dimensionless, (double)ThalamicMode.Sleep, ValueRule.NonNegative, "wake (relay) or sleep (spindle-like TC–RE rhythm)")
        {
            Choices = ["wake", "sleep"],
        },
        new("n_tc", Dimension.Dimensionless, 40, ValueRule.Positive, "thalamocortical relay cells"),
        new("n_re", Dimension.Dimensionless, 40, ValueRule.Positive, "reticular nucleus cells"),
        new("n_cx", Dimension.Dimensionless, 80, ValueRule.Positive, "cortical excitatory cells"),
        new("n_cx_inh", Dimension.Dimensionless, 20, ValueRule.Positive, "cortical inhibitory cells"),
        new("tc_bias_wake", Dimension.Current, 0.6, ValueRule.Any, "bias current of TC cells in wake mode"),
        new("tc_bias_sleep", Dimension.Current, -0.1, ValueRule.Any, "bias current of TC cells in sleep mode"),
        new("re_bias_wake", Dimension.Current, -1, ValueRule.Any, "bias current of RE cells in wake mode"),
        new("re_bias_sleep", Dimension.Current, 0, ValueRule.Any, "bias current of RE cells in sleep mode"),
        new("p_thalamus", Dimension.Dimensionless, 0.2, ValueRule.Positive, "connection probability of TC→RE, RE→TC and RE→RE"),
        new("p_cortex", Dimension.Dimensionless, 0.1, ValueRule.Positive, "connection probability of every projection from, to or within cortex"),
        new("w_tc_re", Dimension.Conductance, 0.02, ValueRule.NonNegative, "TC→RE AMPA conductance per synapse"),
        new("w_re_tc", Dimension.Conductance, 0.02, ValueRule.NonNegative, "RE→TC GABA_A conductance per synapse"),
        new("w_re_tc_gaba_b", Dimension.Conductance, 0, ValueRule.NonNegative, "RE→TC slow GABA_B conductance per synapse (0: none)"),
        new("w_re_re", Dimension.Conductance, 0.001, ValueRule.NonNegative, "RE→RE GABA_A conductance per synapse"),
        new("w_tc_cx", Dimension.Conductance, 0.01, ValueRule.NonNegative, "TC→cortex AMPA conductance per synapse (onto both cortical populations)"),
        new("w_cx_tc", Dimension.Conductance, 0.002, ValueRule.NonNegative, "cortex→TC AMPA conductance per synapse"),
        new("w_cx_re", Dimension.Conductance, 0.002, ValueRule.NonNegative, "cortex→RE AMPA conductance per synapse"),
        new("w_cx_exc", Dimension.Conductance, 0.002, ValueRule.NonNegative, "AMPA conductance within cortex (excitatory onto both cortical populations)"),
        new("w_cx_inh", Dimension.Conductance, 0.01, ValueRule.NonNegative, "GABA_A conductance of cortical inhibitory cells onto excitatory ones"),
        new("a_tc", Dimension.Conductance, 0.1, ValueRule.NonNegative, "subthreshold adaptation of TC cells: the de-inactivation that makes them burst on rebound"),
        new("tau_w_tc", Dimension.Time, 120, ValueRule.Positive, "time constant of the TC adaptation current: how fast hyperpolarisation builds the rebound"),
        new("tau_gaba_a", Dimension.Time, 30, ValueRule.Positive, "decay time of the GABA_A conductance"),
        new("noise_rate", Dimension.Frequency, 200, ValueRule.NonNegative, "rate of the Poisson background every cell receives"),
        new("noise_weight", Dimension.Conductance, 0.002, ValueRule.NonNegative, "AMPA conductance of each background event"),
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "afferent (e.g. sensory) drive to the TC cells"),
        new("tc", PortDirection.Out, "spikes of the TC cells"),
        new("re", PortDirection.Out, "spikes of the RE cells"),
        new("out", PortDirection.Out, "spikes of the cortical excitatory cells"),
    ];

    private static readonly string[] Sizes = ["n_tc", "n_re", "n_cx", "n_cx_inh"];

    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        var mode = values["mode"];
        if (mode != Math.Floor(mode) || mode > (double)ThalamicMode.Sleep)
            yield return new("mode", $"must be 0 (wake) or 1 (sleep), got {mode}");
        foreach (var name in Sizes)
            if (values[name] != Math.Floor(values[name]) || values[name] > 100_000)
                yield return new(name, $"must be a whole number between 1 and 100000, got {values[name]}");
        foreach (var name in new[] { "p_thalamus", "p_cortex" })
            if (values[name] > 1)
                yield return new(name, $"is a probability, at most 1, got {values[name]}");
    }

    /// <summary>The bias currents (nA) of TC and RE cells in <paramref name="mode"/>.</summary>
    public static (double Tc, double Re) Biases(ParameterValues values, ThalamicMode mode)
    {
        ArgumentNullException.ThrowIfNull(values);
        return mode == ThalamicMode.Wake
            ? (values["tc_bias_wake"], values["re_bias_wake"])
            : (values["tc_bias_sleep"], values["re_bias_sleep"]);
    }

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parameters);
        var (tcBias, reBias) = Biases(parameters, (ThalamicMode)(int)parameters["mode"]);

        // Destexhe (2009) sizes: 0.2 nF, g_L 10 nS, V_T −50 mV, Δ_T 2.5 mV, τ_w 600 ms unless set. TC: strong subthreshold
        // adaptation and a reset above V_T (rebound bursts); RE: adapting; cortex: RS with weak spike-triggered
        // adaptation, FS without.
        builder.Population("tc", (int)parameters["n_tc"], "adex", p => Membrane(p, vRest: -55, a: parameters["a_tc"], b: 0.02, vReset: -46)
            .Param("tau_w", Q.Ms(parameters["tau_w_tc"])).Param("i_offset", Q.NA(tcBias)));
        builder.Population("re", (int)parameters["n_re"], "adex", p => Membrane(p, vRest: -65, a: 0.02, b: 0.03, vReset: -55).Param("i_offset", Q.NA(reBias)));
        builder.Population("cx", (int)parameters["n_cx"], "adex", p => Membrane(p, vRest: -65, a: 0.001, b: 0.005, vReset: -65));
        builder.Population("cx_inh", (int)parameters["n_cx_inh"], "adex", p => Membrane(p, vRest: -65, a: 0, b: 0, vReset: -65));

        var gabaA = Receptor("exp_conductance", "gaba_a", ("tau_syn", Q.Ms(parameters["tau_gaba_a"])), ("e_rev", Q.MV(-80)));
        var gabaB = Receptor("biexp_conductance", "gaba_b", ("tau_rise", Q.Ms(50)), ("tau_decay", Q.Ms(300)), ("e_rev", Q.MV(-95)));
        var ampa = Receptor("exp_conductance", "ampa", ("tau_syn", Q.Ms(5)), ("e_rev", Q.MV(0)));
        var noise = Receptor("exp_conductance", "noise", ("tau_syn", Q.Ms(5)), ("e_rev", Q.MV(0)));

        var pThalamus = new FixedProbabilityConnector(parameters["p_thalamus"], AllowAutapses: false);
        var pCortex = new FixedProbabilityConnector(parameters["p_cortex"], AllowAutapses: false);
        void Link(string from, string to, ConnectorSpec connector, string weight, SynapseSpec synapse, double delayMs)
        {
            // A zero weight means the pathway is off: leave it out rather than build synapses that do nothing.
            if (parameters[weight] > 0)
                builder.Connect(from, to, connector, Q.NS(parameters[weight] * 1000), Q.Ms(delayMs), synapse, projectionName: $"{from}_to_{to}{(synapse.Port == "gaba_b" ? "_gaba_b" : "")}");
        }

        Link("tc", "re", pThalamus, "w_tc_re", ampa, 1);
        Link("re", "tc", pThalamus, "w_re_tc", gabaA, 1);
        Link("re", "tc", pThalamus, "w_re_tc_gaba_b", gabaB, 1);
        Link("re", "re", pThalamus, "w_re_re", gabaA, 1);
        // Thalamocortical and corticothalamic fibres are long: a few milliseconds of conduction.
        Link("tc", "cx", pCortex, "w_tc_cx", ampa, 3);
        Link("tc", "cx_inh", pCortex, "w_tc_cx", ampa, 3);
        Link("cx", "tc", pCortex, "w_cx_tc", ampa, 5);
        Link("cx", "re", pCortex, "w_cx_re", ampa, 5);
        Link("cx", "cx", pCortex, "w_cx_exc", ampa, 1);
        Link("cx", "cx_inh", pCortex, "w_cx_exc", ampa, 1);
        Link("cx_inh", "cx", pCortex, "w_cx_inh", gabaA, 1);

        if (parameters["noise_rate"] > 0 && parameters["noise_weight"] > 0)
            foreach (var population in new[] { "tc", "re", "cx", "cx_inh" })
                builder.Stimulate(new PoissonStimulus
                {
                    Target = population, Rate = Q.Hz(parameters["noise_rate"]), Weight = Q.NS(parameters["noise_weight"] * 1000), Synapse = noise,
                });

        builder.Port("in", "tc");
        builder.Port("tc", "tc");
        builder.Port("re", "re");
        builder.Port("out", "cx");
    }

    private static PopulationBuilder Membrane(PopulationBuilder p, double vRest, double a, double b, double vReset) => p
        .Param("cm", Q.PF(200)).Param("g_l", Q.NS(10)).Param("v_rest", Q.MV(vRest)).Param("v_thresh", Q.MV(-50))
        .Param("delta_t", Q.MV(2.5)).Param("tau_w", Q.Ms(600)).Param("a", Q.NS(a * 1000)).Param("b", Q.NA(b))
        .Param("v_reset", Q.MV(vReset)).Param("v_peak", Q.MV(0)).Param("tau_refrac", Q.Ms(2.5))
        .Init("v", new UniformValue(Q.MV(vRest - 5), Q.MV(vRest + 5)));

    private static SynapseSpec Receptor(string model, string port, params (string Name, Quantity Value)[] parameters) => new()
    {
        Model = model, Port = port, Params = parameters.ToDictionary(p => p.Name, p => p.Value),
    };
}
