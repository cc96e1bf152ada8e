using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.BasalGanglia;

/// <summary>
/// A spiking basal ganglia for action selection with dopamine, after Humphries, Stewart &amp; Gurney (2006, J Neurosci
/// 26:12921–12942), itself the spiking form of the rate model of Gurney, Prescott &amp; Redgrave (2001, Biol Cybern
/// 84:401–410, 411–423). Each of <c>channels</c> action channels carries a cortical salience; the channel whose
/// salience is highest has its GPi/SNr output pushed below its tonic rate (disinhibition of its target, i.e. it is
/// selected), while the diffuse STN excitation holds the other channels' outputs at or above theirs. It reproduces
/// the selection-and-switching experiment of both papers (constant saliences, then a swap, and the selected channel
/// follows) and their tonic-dopamine experiment (with dopamine depleted the winner is no longer fully disinhibited;
/// with dopamine in excess the runner-up is disinhibited too, as Humphries et al. report selection deteriorating at
/// both ends). The figures are reproduced in kind, not number for number: the neuron model and rates differ.
/// <para>
/// Built (instance <c>bg</c>), each nucleus one population split into channel blocks of <c>channel_size</c> neurons
/// (channel k: indices [k·channel_size, (k+1)·channel_size)), so a nucleus has one neuron model, one set of
/// parameters and one probe, and a channel is an index range: <c>bg.ctx</c> (cortical relay, LIF), <c>bg.d1</c>
/// and <c>bg.d2</c> (striatal projection neurons, model <c>lif_dopamine</c> with input gain 1 + lambda_d1·DA and
/// 1 − lambda_d2·DA, and a negative offset that is Gurney's striatal threshold ε), <c>bg.stn</c>, <c>bg.gpe</c> and
/// <c>bg.gpi</c> (LIF with a positive offset: the tonic activity of the papers). Projections, all exponential
/// currents with tau_syn and 1 ms delays: ctx→d1, ctx→d2, ctx→stn (focused: channel to channel); d1→gpi and d2→gpe
/// (focused, inhibitory); stn→gpi and stn→gpe (diffuse: every STN neuron to every neuron of every channel,
/// excitatory); gpe→stn and gpe→gpi (focused, inhibitory); gpe→gpe (focused, inhibitory; off by default). A focused
/// projection joins every neuron of a source block to every neuron of the same channel's target block. Every striatal,
/// STN and pallidal neuron also gets zero-mean background noise (an excitatory and an inhibitory Poisson train,
/// noise_rate each, of weight ±noise_weight): without it the identical, all-to-all coupled neurons of a block fire in
/// lockstep, and a channel's output becomes a population-wide oscillation. Every
/// <c>w_*</c> is the summed weight one channel block delivers to one target neuron (each synapse carries
/// w/channel_size), so rates do not change with channel_size; as in Gurney et al. the diffuse STN input is summed,
/// not averaged, over channels. The circuit declares the neuromodulator <c>dopamine</c> with baseline
/// <c>dopamine</c>; a closed-loop caller sets or pulses it (<c>ClosedLoopSession.SetNeuromodulator</c>).
/// </para>
/// <para>
/// Departures: leaky integrate-and-fire neurons (defaults of <c>lif</c>: τ_m 20 ms, 250 pF, 15 mV to threshold)
/// instead of the papers' LIF with nucleus-specific membrane constants and spike-rebound currents; current synapses
/// instead of conductances; all-to-all blocks instead of sparse random wiring; no thalamo-cortical loop; dopamine
/// acts only on the striatal input gains (the 2006 paper also modulates STN, GPe and the striatal thresholds);
/// weights and offsets were tuned for this neuron model (rates are lower than in vivo: GPi about 30 Hz at rest).
/// The salience of a channel is its cortical relay rate, driven by whatever the spec feeds <c>bg.in</c>.
/// </para>
/// </summary>
public sealed class BasalGangliaCircuit : CircuitModel
{
    public override string Name => "basal_ganglia";

    public override string Description => "basal ganglia action selection: striatum (D1, D2), STN, GPe, GPi in parallel channels, with dopamine";

    public override string Citation => "Humphries, Stewart & Gurney (2006) J Neurosci 26:12921–12942; Gurney, Prescott & Redgrave (2001) Biol Cybern 84:401–410, 411–423";

    /// <summary>The neuromodulator the circuit declares and its striatal neurons read.</summary>
    public const string Dopamine = "dopamine";

    /// <summary>The striatal neuron model (Cortex.Modules' <c>DopamineLif</c>), named rather than referenced as circuits only name models.</summary>
    private const string StriatalModel = "lif_dopamine";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("channels", Dimension.Dimensionless, 3, ValueRule.Positive, "number of competing action channels"),
        new("channel_size", Dimension.Dimensionless, 20, ValueRule.Positive, "neurons per channel in every nucleus"),
        new("dopamine", Dimension.Dimensionless, 0.2, ValueRule.NonNegative, "tonic dopamine level: the baseline of neuromodulator 'dopamine'"),
        new("dopamine_tau", Dimension.Time, 0, ValueRule.NonNegative, "time constant of the dopamine level's return to baseline after a set or pulse; 0 holds it"),
        new("lambda_d1", Dimension.Dimensionless, 1, ValueRule.NonNegative, "D1 input gain per unit dopamine: gain 1 + lambda_d1·DA"),
        new("lambda_d2", Dimension.Dimensionless, 1, ValueRule.NonNegative, "D2 input gain loss per unit dopamine: gain 1 − lambda_d2·DA (floored at 0)"),
        new("striatum_offset", Dimension.Current, -0.36, ValueRule.Any, "bias current of D1 and D2 neurons: negative keeps the striatum silent without strong input (Gurney's ε)"),
        new("stn_offset", Dimension.Current, 0.26, ValueRule.Any, "bias current of STN neurons (tonic activity)"),
        new("gpe_offset", Dimension.Current, 0.2, ValueRule.Any, "bias current of GPe neurons (tonic activity)"),
        new("gpi_offset", Dimension.Current, 0.25, ValueRule.Any, "bias current of GPi/SNr neurons (tonic activity)"),
        new("w_ctx_striatum", Dimension.Current, 2.45, ValueRule.NonNegative, "cortex → D1 and → D2, focused, summed over a block"),
        new("w_ctx_stn", Dimension.Current, 0.5, ValueRule.NonNegative, "cortex → STN, focused, summed over a block"),
        new("w_d1_gpi", Dimension.Current, 4, ValueRule.NonNegative, "D1 → GPi inhibition, focused, summed over a block (magnitude)"),
        new("w_d2_gpe", Dimension.Current, 3, ValueRule.NonNegative, "D2 → GPe inhibition, focused, summed over a block (magnitude)"),
        new("w_stn_gpi", Dimension.Current, 0.5, ValueRule.NonNegative, "STN → GPi excitation, diffuse, summed over each channel's block"),
        new("w_stn_gpe", Dimension.Current, 0.5, ValueRule.NonNegative, "STN → GPe excitation, diffuse, summed over each channel's block"),
        new("w_gpe_stn", Dimension.Current, 0.8, ValueRule.NonNegative, "GPe → STN inhibition, focused, summed over a block (magnitude)"),
        new("w_gpe_gpi", Dimension.Current, 0.3, ValueRule.NonNegative, "GPe → GPi inhibition, focused, summed over a block (magnitude)"),
        new("w_gpe_gpe", Dimension.Current, 0, ValueRule.NonNegative, "GPe → GPe inhibition within a channel, summed over a block (magnitude); 0 leaves it out"),
        new("noise_rate", Dimension.Frequency, 1000, ValueRule.NonNegative, "rate of each of the two background Poisson trains (one excitatory, one inhibitory) every striatal, STN and pallidal neuron gets"),
        new("noise_weight", Dimension.Current, 0.05, ValueRule.NonNegative, "weight of each background spike (magnitude): zero-mean noise of about noise_weight·√(noise_rate·tau_syn) nA; 0 turns it off"),
        new("tau_syn", Dimension.Time, 5, ValueRule.Positive, "decay time of every synaptic current in the circuit"),
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "cortical salience: drive to the cortical relay bg.ctx (channel k: indices [k·channel_size, (k+1)·channel_size))"),
        new("out", PortDirection.Out, "GPi/SNr spikes, indexed like 'in': a channel is selected when its rate falls below its tonic rate"),
        new("ctx", PortDirection.Out, "spikes of the cortical relay (the salience as a rate)"),
        new("d1", PortDirection.Out, "spikes of the D1 striatal neurons"),
        new("d2", PortDirection.Out, "spikes of the D2 striatal neurons"),
        new("stn", PortDirection.Out, "spikes of the subthalamic nucleus"),
        new("gpe", PortDirection.Out, "spikes of the external globus pallidus"),
    ];

    private const int MaxNeuronsPerNucleus = 100_000;
    private const int MaxFocusedPairs = 20_000_000;

    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        // At least two channels: selection is a competition.
        foreach (var (name, least) in new[] { ("channels", 2), ("channel_size", 1) })
            if (values[name] != Math.Floor(values[name]) || values[name] < least || values[name] > MaxNeuronsPerNucleus)
                yield return new(name, $"must be a whole number between {least} and {MaxNeuronsPerNucleus}, got {values[name]}");
        if (values["channels"] * values["channel_size"] > MaxNeuronsPerNucleus)
            yield return new("channel_size", $"gives {values["channels"] * values["channel_size"]:0} neurons per nucleus (channels · channel_size); at most {MaxNeuronsPerNucleus} are supported");
        var pairs = values["channels"] * values["channel_size"] * values["channel_size"];
        if (pairs > MaxFocusedPairs)
            yield return new("channel_size", $"gives {pairs:0} synapses per focused projection (channels · channel_size²); at most {MaxFocusedPairs} are supported");
    }

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parameters);
        var channels = (int)parameters["channels"];
        var size = (int)parameters["channel_size"];
        var total = channels * size;
        var tauSyn = Q.Ms(parameters["tau_syn"]);

        builder.Neuromodulator(Dopamine, parameters["dopamine"], parameters["dopamine_tau"] > 0 ? Q.Ms(parameters["dopamine_tau"]) : null);

        // Random initial potentials below threshold, so the tonic nuclei do not start in lockstep.
        void Lif(PopulationBuilder p, double offset) =>
            p.Param("i_offset", Q.NA(offset)).Init("v", new UniformValue(Q.MV(-65), Q.MV(-50)));
        builder.Population("ctx", total, "lif", p => p.Init("v", new UniformValue(Q.MV(-65), Q.MV(-50))));
        builder.Population("d1", total, StriatalModel, p =>
        {
            Lif(p, parameters["striatum_offset"]);
            p.Param("da_gain", Q.Number(parameters["lambda_d1"]));
        });
        builder.Population("d2", total, StriatalModel, p =>
        {
            Lif(p, parameters["striatum_offset"]);
            p.Param("da_gain", Q.Number(-parameters["lambda_d2"]));
        });
        builder.Population("stn", total, "lif", p => Lif(p, parameters["stn_offset"]));
        builder.Population("gpe", total, "lif", p => Lif(p, parameters["gpe_offset"]));
        builder.Population("gpi", total, "lif", p => Lif(p, parameters["gpi_offset"]));

        SynapseSpec Synapse(bool excitatory) => new()
        {
            Model = "exp_current", Port = excitatory ? "exc" : "inh",
            Params = new Dictionary<string, Quantity> { ["tau_syn"] = tauSyn },
        };
        var focused = new ExplicitConnector(ChannelBlocks(channels, size));
        void Project(string source, string target, string weight, bool excitatory, bool diffuse)
        {
            var w = parameters[weight];
            if (w == 0) return;
            builder.Connect(source, target, diffuse ? new AllToAllConnector() : focused, Q.NA((excitatory ? w : -w) / size), Q.Ms(1), Synapse(excitatory),
                projectionName: $"{source}_to_{target}");
        }
        // Zero-mean background noise: without it the identical, all-to-all coupled neurons of a block lock into
        // population-wide synchrony; the papers give every neuron independent noise for the same reason.
        if (parameters["noise_rate"] > 0 && parameters["noise_weight"] > 0)
            foreach (var nucleus in new[] { "d1", "d2", "stn", "gpe", "gpi" })
                foreach (var excitatory in new[] { true, false })
                    builder.Stimulate(new PoissonStimulus
                    {
                        Target = nucleus, Rate = Q.Hz(parameters["noise_rate"]),
                        Weight = Q.NA(excitatory ? parameters["noise_weight"] : -parameters["noise_weight"]), Synapse = Synapse(excitatory),
                    });

        Project("ctx", "d1", "w_ctx_striatum", excitatory: true, diffuse: false);
        Project("ctx", "d2", "w_ctx_striatum", excitatory: true, diffuse: false);
        Project("ctx", "stn", "w_ctx_stn", excitatory: true, diffuse: false);
        Project("d1", "gpi", "w_d1_gpi", excitatory: false, diffuse: false);
        Project("d2", "gpe", "w_d2_gpe", excitatory: false, diffuse: false);
        Project("stn", "gpi", "w_stn_gpi", excitatory: true, diffuse: true);
        Project("stn", "gpe", "w_stn_gpe", excitatory: true, diffuse: true);
        Project("gpe", "stn", "w_gpe_stn", excitatory: false, diffuse: false);
        Project("gpe", "gpi", "w_gpe_gpi", excitatory: false, diffuse: false);
        Project("gpe", "gpe", "w_gpe_gpe", excitatory: false, diffuse: false);

        builder.Port("in", "ctx");
        builder.Port("out", "gpi");
        builder.Port("ctx", "ctx");
        builder.Port("d1", "d1");
        builder.Port("d2", "d2");
        builder.Port("stn", "stn");
        builder.Port("gpe", "gpe");
    }

    /// <summary>Every (source, target) pair inside the same channel block: the papers' focused, channel-to-channel projection.</summary>
    private static List<ExplicitConnection> ChannelBlocks(int channels, int size)
    {
        var pairs = new List<ExplicitConnection>(channels * size * size);
        for (var k = 0; k < channels; k++)
            for (var a = k * size; a < (k + 1) * size; a++)
                for (var b = k * size; b < (k + 1) * size; b++)
                    pairs.Add(new ExplicitConnection(a, b));
        return pairs;
    }
}
