using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.WorkingMemory;

/// <summary>
/// The spatial working-memory ring of Compte, Brunel, Goldman-Rakic &amp; Wang (2000, Cereb. Cortex 10:910): excitatory
/// (pyramidal) and inhibitory (interneuron) LIF neurons, the excitatory ones spread evenly around a ring of preferred
/// angles. Every connection is all-to-all. E→E carries NMDA (and optionally AMPA) with the Gaussian footprint of
/// <see cref="RingFootprint"/>; E→I NMDA, I→E and I→I GABA_A are untuned. Every neuron also gets an independent
/// Poisson background through AMPA (split into quieter inputs on a small ring: <see cref="WorkingMemorySettings.BackgroundSplit"/>). Each receptor is its own port of the target population (the <c>lif</c> model sums
/// the ports' currents g·(e_rev − v), so any number of conductance ports can share a neuron).
/// <para>
/// NMDA uses the kernel's <c>nmda</c> receptor, whose saturating gating is pooled per postsynaptic neuron (one x, s
/// per neuron) rather than per presynaptic neuron as in the paper. To keep the paper's mean field, each spike adds
/// γ·W/ΣW to x (W/ΣW a row of the footprint, summing to 1), and g_max is the paper's per-synapse conductance times the
/// 2,048 inputs of the original network. The factor γ = (1 − e^(−α·τ_x))/(α·τ_x) (0.632 with the paper's α = 0.5 /ms,
/// τ_x = 2 ms) restores the saturation of each single synapse that pooling loses: in the paper one spike drives its own
/// s up by (1 − e^(−α·τ_x))·(1 − s), not α·τ_x·(1 − s), so the mean gating obeys ds/dt = −s/τ + γ·ν·(1 − s), the
/// mean-field form of Wong &amp; Wang (2006, J. Neurosci. 26:1314, γ = 0.641 fitted). Without γ the spontaneous state
/// gets about 1.5 times the paper's NMDA drive and holds spontaneous bumps.
/// </para>
/// <para>
/// The footprint weights are written after compilation with <see cref="ClosedLoopSession.SetWeights"/>: an all-to-all
/// projection compiles to a table of one float per synapse, whereas an explicit list would need a record per pair
/// (tens of bytes each, ~1 M pairs at 1,024 neurons) only to be turned into the same table.
/// </para>
/// </summary>
public static class RingNetwork
{
    /// <summary>The excitatory population.</summary>
    public const string Excitatory = "E";

    /// <summary>The inhibitory population.</summary>
    public const string Inhibitory = "I";

    /// <summary>The port of the background input.</summary>
    public const string ExternalPort = "ext";

    /// <summary>The port of recurrent NMDA input.</summary>
    public const string NmdaPort = "nmda";

    /// <summary>The port of recurrent AMPA input (E only, present when g_ee_ampa &gt; 0).</summary>
    public const string AmpaPort = "ampa";

    /// <summary>The port of GABA_A input.</summary>
    public const string GabaPort = "gaba";

    /// <summary>The E→E NMDA projection.</summary>
    public const string EeNmda = "ee_nmda";

    /// <summary>The E→E AMPA projection.</summary>
    public const string EeAmpa = "ee_ampa";

    // Conduction delay of every recurrent synapse; Compte et al. have none, half a millisecond keeps it short but
    // lets the backend exchange spikes in batches.
    private const double DelayMs = 0.5;

    /// <summary>NMDA opening rate α (1/ms) and x decay τ_x (ms), as in the paper.</summary>
    public const double NmdaAlpha = 0.5, NmdaTauRise = 2;

    /// <summary>γ = (1 − e^(−α·τ_x))/(α·τ_x): the share of one spike's pooled NMDA drive that matches a single saturating synapse.</summary>
    public static double NmdaJump => (1 - Math.Exp(-NmdaAlpha * NmdaTauRise)) / (NmdaAlpha * NmdaTauRise);

    /// <summary>Whether the settings have recurrent NMDA at all (nmda_scale &gt; 0).</summary>
    public static bool HasNmda(WorkingMemorySettings s) => s.NmdaScale > 0 && (s.GeeNmda > 0 || s.GieNmda > 0);

    /// <summary>
    /// The network, with biological parameters of Compte et al. (2000, Methods): E c_m 0.5 nF, g_L 25 nS (τ_m 20 ms),
    /// refractory 2 ms; I c_m 0.2 nF, g_L 20 nS (τ_m 10 ms), refractory 1 ms; both E_L −70, threshold −50, reset
    /// −60 mV; AMPA τ 2 ms, NMDA τ_x 2 ms, τ_s 100 ms, α 0.5 /ms, GABA_A τ 10 ms, E_exc 0 and E_GABA −70 mV.
    /// </summary>
    public static NetworkSpec BuildSpec(WorkingMemorySettings s, double durationMs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(s);
        var jump = NmdaJump;
        var eScale = (double)WorkingMemorySettings.OriginalExcitatory / s.Excitatory;
        var iScale = (double)WorkingMemorySettings.OriginalInhibitory / s.Inhibitory;
        var delay = Q.Ms(Math.Max(DelayMs, s.Dt));
        var builder = new NetworkBuilder("compte2000-ring").Dt(Q.Ms(s.Dt)).Duration(Q.Ms(durationMs)).Seed(seed)
            .Population(Excitatory, s.Excitatory, "lif", p => p
                .Param("tau_m", Q.Ms(20)).Param("cm", Q.PF(500)).Param("v_rest", Q.MV(-70)).Param("v_reset", Q.MV(-60))
                .Param("v_thresh", Q.MV(-50)).Param("tau_refrac", Q.Ms(2))
                .Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))))
            .Population(Inhibitory, s.Inhibitory, "lif", p => p
                .Param("tau_m", Q.Ms(10)).Param("cm", Q.PF(200)).Param("v_rest", Q.MV(-70)).Param("v_reset", Q.MV(-60))
                .Param("v_thresh", Q.MV(-50)).Param("tau_refrac", Q.Ms(1))
                .Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))));

        var split = s.BackgroundSplit;
        builder.Stimulate(new PoissonStimulus { Target = Excitatory, Rate = Q.Hz(s.NuExt * split), Weight = Conductance(s.GextE / split), Synapse = Ampa(ExternalPort) });
        builder.Stimulate(new PoissonStimulus { Target = Inhibitory, Rate = Q.Hz(s.NuExt * split), Weight = Conductance(s.GextI / split), Synapse = Ampa(ExternalPort) });

        if (HasNmda(s))
        {
            // Weights 1 here; the footprint rows (γ times rows summing to 1) are written by Open. E→I is untuned: γ/N_E per spike.
            builder.Connect(Excitatory, Excitatory, new AllToAllConnector(), Q.Number(1), delay,
                Nmda(s.GeeNmda * WorkingMemorySettings.OriginalExcitatory * s.NmdaScale, s.TauNmda), projectionName: EeNmda);
            builder.Connect(Excitatory, Inhibitory, new AllToAllConnector(), Q.Number(jump / s.Excitatory), delay,
                Nmda(s.GieNmda * WorkingMemorySettings.OriginalExcitatory * s.NmdaScale, s.TauNmda), projectionName: "ie_nmda");
        }
        if (s.GeeAmpa > 0)
            builder.Connect(Excitatory, Excitatory, new AllToAllConnector(), Conductance(s.GeeAmpa * eScale), delay, Ampa(AmpaPort), projectionName: EeAmpa);
        builder.Connect(Inhibitory, Excitatory, new AllToAllConnector(), Conductance(s.GeiGaba * iScale), delay, Gaba(), projectionName: "ei_gaba");
        builder.Connect(Inhibitory, Inhibitory, new AllToAllConnector(), Conductance(s.GiiGaba * iScale), delay, Gaba(), projectionName: "ii_gaba");
        return builder.Build();
    }

    /// <summary>Compiles the network, opens a session and writes the footprint weights into the tuned projections.</summary>
    public static ClosedLoopSession Open(TaskContext context, WorkingMemorySettings s, double durationMs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(context);
        var network = context.Compile(BuildSpec(s, durationMs, seed), "working-memory ring");
        var session = context.Open(network);
        try
        {
            var footprint = new RingFootprint(s.JPlus, s.Sigma);
            var row = FootprintRow(footprint, s.Excitatory);
            var eScale = (double)WorkingMemorySettings.OriginalExcitatory / s.Excitatory;
            if (HasNmda(s)) session.SetWeights(EeNmda, TunedWeights(session.WholeTable(EeNmda), row, NmdaJump));
            // AMPA is linear: each spike adds the per-synapse conductance times the footprint (whose mean is 1).
            if (s.GeeAmpa > 0) session.SetWeights(EeAmpa, TunedWeights(session.WholeTable(EeAmpa), row, s.GeeAmpa * eScale * s.Excitatory));
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The footprint as a function of ring distance in neurons: entry d is W(360·d/N)/ΣW, so a row sums to exactly 1
    /// on the discrete ring (the continuous normalisation of <see cref="RingFootprint"/> is only close to that).
    /// </summary>
    public static double[] FootprintRow(RingFootprint footprint, int neurons)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        var row = new double[neurons];
        for (var d = 0; d < neurons; d++) row[d] = footprint.Weight(PopulationVector.PreferredAngle(d, neurons));
        var sum = row.Sum();
        for (var d = 0; d < neurons; d++) row[d] /= sum;
        return row;
    }

    // Weights in synapse-table order: synapse source→target gets row[|target − source| on the ring]·scale.
    private static float[] TunedWeights(Compilation.SynapseTable table, double[] row, double scale)
    {
        var n = row.Length;
        var weights = new float[table.Count];
        for (var source = 0; source < table.Sources; source++)
            for (var k = table.RowStart[source]; k < table.RowStart[source + 1]; k++)
                weights[k] = (float)(row[((table.Targets[k] - source) % n + n) % n] * scale);
        return weights;
    }

    private static Quantity Conductance(double microsiemens) => new(microsiemens, Dimension.Conductance);

    private static SynapseSpec Ampa(string port) => new()
    {
        Model = "exp_conductance", Port = port,
        Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(2), ["e_rev"] = Q.MV(0) },
    };

    private static SynapseSpec Gaba() => new()
    {
        Model = "exp_conductance", Port = GabaPort,
        Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10), ["e_rev"] = Q.MV(-70) },
    };

    private static SynapseSpec Nmda(double gMax, double tauDecay) => new()
    {
        Model = "nmda", Port = NmdaPort,
        Params = new Dictionary<string, Quantity>
        {
            ["tau_rise"] = Q.Ms(NmdaTauRise), ["tau_decay"] = Q.Ms(tauDecay), ["alpha"] = Q.Hz(NmdaAlpha * 1000),
            ["g_max"] = Conductance(gMax), ["e_rev"] = Q.MV(0), ["mg"] = Q.Number(1),
        },
    };
}
