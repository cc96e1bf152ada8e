using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Circuits;

/// <summary>
/// Winner-take-all competition between <c>groups</c> excitatory groups through one shared inhibitory pool, the
/// motif of Coultrip, Granger &amp; Lynch (1992, Neural Networks 5:47–54) and of the attractor decision networks of
/// Wang (2002, Neuron 36:955–968): each group excites itself, every group drives the pool, the pool inhibits every
/// group, so the group with the strongest input fires and suppresses the others.
/// <para>
/// Built (instance <c>bg</c>): <c>bg.e</c>, one LIF population of groups·group_size neurons, group k being indices
/// [k·group_size, (k+1)·group_size); <c>bg.i</c>, inh_size LIF neurons (τ_m 10 ms). Synapses are exponential
/// currents with tau_syn and 1 ms delays: e→e within each group (no autapses) with w_exc on port <c>rec</c>, e→i all
/// to all with w_ei on port <c>wta_exc</c>, i→e all to all with −w_inh on port <c>wta_inh</c>, so input from the rest
/// of a spec may use any other port name (e.g. the default <c>exc</c>). Ports: <c>in</c> and <c>out</c> are both
/// <c>bg.e</c>.
/// </para>
/// </summary>
public sealed class WinnerTakeAll : CircuitModel
{
    public override string Name => "wta";

    public override string Description => "winner-take-all: excitatory groups with self-excitation competing through a shared inhibitory pool";

    public override string Citation => "Coultrip, Granger & Lynch (1992) Neural Networks 5:47–54; Wang (2002) Neuron 36:955–968";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("groups", Dimension.Dimensionless, 2, ValueRule.Positive, "number of competing excitatory groups"),
        new("group_size", Dimension.Dimensionless, 20, ValueRule.Positive, "neurons per excitatory group"),
        new("inh_size", Dimension.Dimensionless, 10, ValueRule.Positive, "neurons in the shared inhibitory pool"),
        new("w_exc", Dimension.Current, 0.05, ValueRule.NonNegative, "recurrent self-excitation within a group, per synapse"),
        new("w_ei", Dimension.Current, 0.1, ValueRule.NonNegative, "excitation of the inhibitory pool, per synapse"),
        new("w_inh", Dimension.Current, 0.5, ValueRule.NonNegative, "inhibition of every excitatory neuron by the pool, per synapse (magnitude)"),
        new("tau_syn", Dimension.Time, 5, ValueRule.Positive, "decay time of every synaptic current in the circuit"),
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "drive to the excitatory neurons (group k: indices [k·group_size, (k+1)·group_size))"),
        new("out", PortDirection.Out, "spikes of the excitatory neurons, indexed like 'in'"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var name in new[] { "groups", "group_size", "inh_size" })
            if (values[name] != Math.Floor(values[name]) || values[name] > 100_000)
                yield return new(name, $"must be a whole number between 1 and 100000, got {values[name]}");
        // Self-excitation is listed pair by pair, so the listed pairs must stay a reasonable table.
        var pairs = values["groups"] * values["group_size"] * (values["group_size"] - 1);
        if (pairs > MaxRecurrentPairs)
            yield return new("group_size", $"gives {pairs:0} recurrent pairs (groups · group_size · (group_size − 1)); at most {MaxRecurrentPairs} are supported");
    }

    private const int MaxRecurrentPairs = 20_000_000;

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parameters);
        var groups = (int)parameters["groups"];
        var size = (int)parameters["group_size"];
        var tauSyn = Q.Ms(parameters["tau_syn"]);
        SynapseSpec Port(string port) => new() { Model = "exp_current", Port = port, Params = new Dictionary<string, Quantity> { ["tau_syn"] = tauSyn } };

        builder.Population("e", groups * size, "lif");
        builder.Population("i", (int)parameters["inh_size"], "lif", p => p.Param("tau_m", Q.Ms(10)));

        // Self-excitation stays inside each group: every ordered pair of distinct neurons of group k.
        var recurrent = new List<ExplicitConnection>(Math.Min(groups * size * (size - 1), MaxRecurrentPairs));
        for (var k = 0; k < groups; k++)
            for (var a = k * size; a < (k + 1) * size; a++)
                for (var b = k * size; b < (k + 1) * size; b++)
                    if (a != b) recurrent.Add(new ExplicitConnection(a, b));
        if (recurrent.Count > 0)
            builder.Connect("e", "e", new ExplicitConnector(recurrent), Q.NA(parameters["w_exc"]), Q.Ms(1), Port("rec"), projectionName: "recurrent");
        builder.Connect("e", "i", new AllToAllConnector(), Q.NA(parameters["w_ei"]), Q.Ms(1), Port("wta_exc"), projectionName: "e_to_i");
        builder.Connect("i", "e", new AllToAllConnector(), Q.NA(-parameters["w_inh"]), Q.Ms(1), Port("wta_inh"), projectionName: "i_to_e");

        builder.Port("in", "e");
        builder.Port("out", "e");
    }
}
