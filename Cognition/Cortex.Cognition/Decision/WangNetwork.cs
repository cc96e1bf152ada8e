using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Cognition.Decision;

/// <summary>
/// The attractor network of Wang (2002, Neuron 36:955–968, "Probabilistic decision making by slow reverberation in
/// cortical circuits"), built as a <see cref="NetworkSpec"/>. Pyramidal cells form two selective pools "A" and "B"
/// (f·N_E each) and a non-selective pool "N"; interneurons form "I". All are leaky integrate-and-fire neurons with
/// conductance synapses (model <c>adaptive_lif</c> with its threshold adaptation off, which integrates every
/// conductance port implicitly): pyramidal C_m = 0.5 nF, g_L = 25 nS; interneuron 0.2 nF, 20 nS; V_L = −70,
/// V_th = −50, V_reset = −55 mV; refractory 2 and 1 ms. Receptors (Wang's Table, as in his Experimental Procedures):
/// AMPA τ = 2 ms and GABA_A τ = 5 ms (<c>exp_conductance</c>, reversal 0 and −70 mV), NMDA τ_rise = 2, τ_decay = 100 ms
/// with Mg²⁺ block at 1 mM (<c>nmda</c>). Peak conductances onto pyramidal cells / interneurons (nS): external AMPA
/// 2.1 / 1.62, recurrent AMPA 0.05 / 0.04, NMDA 0.165 / 0.13, GABA 1.3 / 1.0. All-to-all connectivity with 0.5 ms delay;
/// synapses inside a selective pool are scaled by w+, from the other selective pool and from the non-selective pool
/// into a selective pool by w− = 1 − f(w+ − 1)/(1 − f); everything else by 1.
/// <para>
/// NMDA saturation: in Wang's model each presynaptic neuron j has its own gating s_j (ds/dt = −s/τ_d + α·x_j(1 − s)),
/// summed over a pool. Our <c>nmda</c> receptor keeps one gating per postsynaptic port, so each source pool gets a
/// port of its own ("nmda_A", "nmda_B", "nmda_N"), every spike adds 1/N_pool to x (so x is the pool's mean x_j) and
/// g_max = N_pool·w·g_NMDA. With α replaced by α_eff = (1 − e^(−α·τ_rise))/τ_rise (the fraction of the free gating a
/// single spike opens, per τ_rise) the pooled s has exactly the per-synapse mean s̄ = k·ν·τ_d/(1 + k·ν·τ_d),
/// k = 1 − e^(−ατ_rise), and the same relaxation rate 1/τ_d + k·ν, for Poisson input at rate ν (Brunel &amp; Wang 2001's
/// mean-field treatment of the same synapse). Without α_eff the pooled gating would be 1.5 times too large at 2 Hz (0.167 against 0.112).
/// </para>
/// <para>
/// Scaling: with N neurons instead of 2000, every recurrent weight is multiplied by 2000/N (1600/N_E, 400/N_I), so each
/// neuron's mean input is Wang's; only the finite-size fluctuations grow.
/// </para>
/// </summary>
public static class WangNetwork
{
    /// <summary>Neurons of Wang's network; weights are scaled to keep its mean field at other sizes.</summary>
    public const int ReferenceNeurons = 2000;

    /// <summary>Fraction of the neurons that are interneurons.</summary>
    public const double InhibitoryFraction = 0.2;

    /// <summary>The selective pools, in choice order (choice 0 = "A", 1 = "B").</summary>
    public static readonly IReadOnlyList<string> Selective = ["A", "B"];

    /// <summary>The non-selective pyramidal pool.</summary>
    public const string NonSelective = "N";

    /// <summary>The interneurons.</summary>
    public const string Inhibitory = "I";

    /// <summary>The port of external and recurrent AMPA input (one linear receptor serves both).</summary>
    public const string AmpaPort = "ampa";

    /// <summary>The port of GABA_A input.</summary>
    public const string GabaPort = "gaba";

    /// <summary>External AMPA conductance per input spike onto pyramidal cells (µS; Wang: 2.1 nS).</summary>
    public const double ExternalAmpaPyramidal = 2.1e-3;

    /// <summary>External AMPA conductance per input spike onto interneurons (µS; Wang: 1.62 nS).</summary>
    public const double ExternalAmpaInterneuron = 1.62e-3;

    /// <summary>NMDA opening rate α (1/ms) and rise time τ_rise (ms) of Wang's per-synapse gating.</summary>
    public const double NmdaAlpha = 0.5, NmdaRise = 2, NmdaDecay = 100;

    /// <summary>The pyramidal pools with their sizes, and the interneurons.</summary>
    public sealed record Sizes(int Pool, int NonSelective, int Inhibitory)
    {
        /// <summary>All pyramidal cells.</summary>
        public int Excitatory => 2 * Pool + NonSelective;

        /// <summary>The sizes of an <paramref name="neurons"/>-neuron network with selective fraction <paramref name="f"/>.</summary>
        public static Sizes Of(int neurons, double f)
        {
            var inhibitory = (int)Math.Round(neurons * InhibitoryFraction);
            var excitatory = neurons - inhibitory;
            var pool = (int)Math.Round(excitatory * f);
            return new Sizes(pool, excitatory - 2 * pool, inhibitory);
        }

        /// <summary>The size of pyramidal pool <paramref name="name"/>.</summary>
        public int Size(string name) => name == WangNetwork.NonSelective ? NonSelective : name == WangNetwork.Inhibitory ? Inhibitory : Pool;
    }

    /// <summary>w− = 1 − f(w+ − 1)/(1 − f): the weaker synapses that keep a selective cell's total input at its w+ = 1 value.</summary>
    public static double WMinus(double f, double wPlus) => 1 - f * (wPlus - 1) / (1 - f);

    /// <summary>The effective NMDA opening rate (1/ms) of the pooled gating, (1 − e^(−α·τ_rise))/τ_rise.</summary>
    public static double PooledNmdaAlpha => (1 - Math.Exp(-NmdaAlpha * NmdaRise)) / NmdaRise;

    /// <summary>The relative strength of the synapses from pyramidal pool <paramref name="source"/> onto <paramref name="target"/>.</summary>
    public static double Structure(string source, string target, double f, double wPlus)
    {
        if (target is NonSelective or Inhibitory) return 1;
        if (source == target) return wPlus;
        return WMinus(f, wPlus);
    }

    /// <summary>The network for <paramref name="s"/>, seeded with <paramref name="seed"/> (only initial potentials are random).</summary>
    public static NetworkSpec BuildSpec(DecisionSettings s, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sizes = Sizes.Of(s.Neurons, s.SelectiveFraction);
        var fullSizes = Sizes.Of(ReferenceNeurons, s.SelectiveFraction);
        var builder = new NetworkBuilder("wang2002-decision").Dt(Q.Ms(s.Dt)).Seed(seed);
        string[] pyramidal = [Selective[0], Selective[1], NonSelective];
        foreach (var pool in pyramidal) builder.Population(pool, sizes.Size(pool), "adaptive_lif", p => Neuron(p, 0.5, 25, 2));
        builder.Population(Inhibitory, sizes.Inhibitory, "adaptive_lif", p => Neuron(p, 0.2, 20, 1));

        var delay = Q.Ms(0.5);
        var ampa = Receptor("exp_conductance", AmpaPort, ("tau_syn", Q.Ms(2)), ("e_rev", Q.MV(0)));
        var gaba = Receptor("exp_conductance", GabaPort, ("tau_syn", Q.Ms(5)), ("e_rev", Q.MV(-70)));
        var excitatoryScale = (double)fullSizes.Excitatory / sizes.Excitatory;
        var inhibitoryScale = (double)fullSizes.Inhibitory / sizes.Inhibitory;
        string[] targets = [.. pyramidal, Inhibitory];
        foreach (var target in targets)
        {
            var toInterneuron = target == Inhibitory;
            var gAmpa = toInterneuron ? 0.04 : 0.05;   // nS
            var gNmda = toInterneuron ? 0.13 : 0.165;  // nS
            var gGaba = toInterneuron ? 1.0 : 1.3;     // nS
            foreach (var source in pyramidal)
            {
                var w = Structure(source, target, s.SelectiveFraction, s.WPlus);
                builder.Connect(source, target, new AllToAllConnector(), Q.NS(gAmpa * w * excitatoryScale), delay, ampa, projectionName: $"{source}_{target}_ampa");
                // Pooled NMDA gating of one source pool: x is the pool's mean x_j, g_max is the whole full-size pool's conductance.
                var nmda = Receptor("nmda", NmdaPort(source),
                    ("tau_rise", Q.Ms(NmdaRise)), ("tau_decay", Q.Ms(NmdaDecay)), ("alpha", Q.Hz(PooledNmdaAlpha * 1000)),
                    ("g_max", Q.NS(gNmda * w * fullSizes.Size(source))), ("e_rev", Q.MV(0)), ("mg", Q.Number(1)));
                builder.Connect(source, target, new AllToAllConnector(), Q.Number(1.0 / sizes.Size(source)), delay, nmda, projectionName: $"{source}_{target}_nmda");
            }
            builder.Connect(Inhibitory, target, new AllToAllConnector(), Q.NS(gGaba * inhibitoryScale), delay, gaba, projectionName: $"{Inhibitory}_{target}_gaba");
        }
        return builder.Build();
    }

    /// <summary>The NMDA port that carries the pooled gating of pyramidal pool <paramref name="source"/>.</summary>
    public static string NmdaPort(string source) => $"nmda_{source}";

    // A leaky integrate-and-fire cell after Wang: C_m (nF), g_L (nS), refractory period (ms); no threshold adaptation.
    private static void Neuron(PopulationBuilder p, double cmNf, double leakNs, double refractoryMs) => p
        .Param("cm", Q.PF(cmNf * 1000)).Param("tau_m", Q.Ms(cmNf / (leakNs * 1e-3)))
        .Param("v_rest", Q.MV(-70)).Param("v_reset", Q.MV(-55)).Param("v_thresh", Q.MV(-50))
        .Param("tau_refrac", Q.Ms(refractoryMs)).Param("theta_plus", Q.MV(0))
        .Init("v", new UniformValue(Q.MV(-60), Q.MV(-50)));

    private static SynapseSpec Receptor(string model, string port, params (string Name, Quantity Value)[] parameters) => new()
    {
        Model = model, Port = port, Params = parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
    };
}
