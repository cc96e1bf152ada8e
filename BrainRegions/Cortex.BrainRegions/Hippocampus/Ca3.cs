using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Hippocampus;

/// <summary>
/// CA3 as an autoassociative memory (Marr 1971, Phil Trans R Soc B 262:23–81; Treves &amp; Rolls 1994, Hippocampus
/// 4:374–391): excitatory cells with all-to-all recurrent collaterals that start silent and are potentiated by a
/// clipped Hebbian rule while a pattern is imposed, and a pool of interneurons that every cell excites and that
/// inhibits every cell, so activity stays sparse. Imposing part of a stored pattern then makes the rest of it fire
/// (pattern completion); <see cref="AssociativeMemoryProtocol"/> runs the storage and recall phases on a session.
/// <para>
/// The learning rule is the built-in <c>stdp</c> with no depression (a_minus = 0) and a hard upper bound w_max:
/// a synapse grows by a_plus·w_max·x whenever its target fires, x being the trace of its source's spikes, so pairs of
/// cells that fire together within ~tau_plus saturate at w_max and all other pairs stay at 0: the binary, clipped
/// matrix of the Willshaw net (Willshaw, Buneman &amp; Longuet-Higgins 1969, Nature 222:960) that Marr's and
/// Treves &amp; Rolls's analyses assume.
/// </para>
/// <para>
/// Reproduces: completion of a stored pattern from a partial cue, and a capacity that falls with the number of stored
/// patterns (Treves &amp; Rolls 1994, Sect. 3). Departs from them: cells are LIF with exponential currents rather than
/// threshold-linear units; inhibition is one global pool rather than a subtractive threshold; patterns arrive as
/// direct current on port <c>in</c> (standing in for the mossy fibres) rather than through a separate dentate
/// pathway; there is no perforant-path input and no forgetting.
/// </para>
/// <para>
/// Built (instance <c>m</c>): <c>m.pyr</c>, <c>size</c> LIF cells; <c>m.inh</c>, <c>inh_size</c> LIF interneurons
/// (τ_m 10 ms). The plastic projection is <c>m.recurrent</c> (port <c>rec</c>); <c>m.pyr_to_inh</c> (port
/// <c>fb_exc</c>) and <c>m.inh_to_pyr</c> (port <c>fb_inh</c>) are the feedback loop. Ports: <c>in</c> and <c>out</c>
/// are both <c>m.pyr</c>.
/// </para>
/// </summary>
public sealed class Ca3 : CircuitModel
{
    public override string Name => "ca3";

    public override string Description => "CA3 autoassociative memory: Hebbian (clipped STDP) recurrent collaterals store patterns, feedback inhibition, completion from a partial cue";

    public override string Citation => "Marr (1971) Phil Trans R Soc B 262:23–81; Treves & Rolls (1994) Hippocampus 4:374–391";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("size", Dimension.Dimensionless, 200, ValueRule.Positive, "pyramidal cells"),
        new("inh_size", Dimension.Dimensionless, 20, ValueRule.Positive, "interneurons of the feedback pool"),
        new("w_max", Dimension.Current, 0.08, ValueRule.Positive, "recurrent weight of a stored association (the learning rule's upper bound)"),
        new("a_plus", Dimension.Dimensionless, 0.5, ValueRule.Positive, "growth per postsynaptic spike per unit of presynaptic trace, as a fraction of w_max"),
        new("tau_plus", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace: how close in time two spikes must be to associate"),
        new("w_ei", Dimension.Current, 0.05, ValueRule.NonNegative, "pyramidal → interneuron weight, per synapse"),
        new("w_ie", Dimension.Current, 0.1, ValueRule.NonNegative, "interneuron → pyramidal weight, per synapse (magnitude)"),
        new("tau_syn", Dimension.Time, 5, ValueRule.Positive, "decay time of every synaptic current in the circuit"),
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "pattern and cue drive to the pyramidal cells"),
        new("out", PortDirection.Out, "spikes of the pyramidal cells"),
    ];

    /// <summary>All-to-all recurrence is listed synapse by synapse: keep the table to a size a test machine holds.</summary>
    private const int MaxSize = 5_000;

    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var (name, max) in new[] { ("size", MaxSize), ("inh_size", 100_000) })
            if (values[name] != Math.Floor(values[name]) || values[name] > max)
                yield return new(name, $"must be a whole number between 1 and {max}, got {values[name]}");
        if (values["a_plus"] > 1)
            yield return new("a_plus", $"is a fraction of w_max, at most 1, got {values["a_plus"]}");
    }

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parameters);
        var tauSyn = Q.Ms(parameters["tau_syn"]);
        SynapseSpec Port(string port) => new() { Model = "exp_current", Port = port, Params = new Dictionary<string, Quantity> { ["tau_syn"] = tauSyn } };

        builder.Population("pyr", (int)parameters["size"], "lif");
        builder.Population("inh", (int)parameters["inh_size"], "lif", p => p.Param("tau_m", Q.Ms(10)));

        var learning = new PlasticitySpec
        {
            Rule = "stdp",
            Params = new Dictionary<string, Quantity>
            {
                ["a_plus"] = Q.Number(parameters["a_plus"]),
                ["a_minus"] = Q.Number(0),
                ["tau_plus"] = Q.Ms(parameters["tau_plus"]),
                ["w_min"] = Q.Number(0),
                ["w_max"] = Q.Number(parameters["w_max"]),
            },
        };
        builder.Connect("pyr", "pyr", new AllToAllConnector(AllowAutapses: false), Q.NA(0), Q.Ms(1), Port("rec"), learning, projectionName: "recurrent");
        builder.Connect("pyr", "inh", new AllToAllConnector(), Q.NA(parameters["w_ei"]), Q.Ms(1), Port("fb_exc"), projectionName: "pyr_to_inh");
        builder.Connect("inh", "pyr", new AllToAllConnector(), Q.NA(-parameters["w_ie"]), Q.Ms(1), Port("fb_inh"), projectionName: "inh_to_pyr");

        builder.Port("in", "pyr");
        builder.Port("out", "pyr");
    }
}
