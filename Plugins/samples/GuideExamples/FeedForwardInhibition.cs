using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace GuideExamples;

/// <summary>
/// Feed-forward inhibition (Pouille &amp; Scanziani 2001, Science 293:1159): an input layer excites principal cells and, in
/// parallel, interneurons that inhibit those principal cells one synaptic delay later, so principal cells answer the
/// onset of a volley and are then held down: a narrow window for coincidence detection.
/// Built for instance <c>ffi</c>: <c>ffi.relay</c> (size LIF) → <c>ffi.e</c> (size LIF, one to one, w_exc) and
/// → <c>ffi.i</c> (size/4 LIF, τ_m 10 ms, all to all, 4·w_exc/size: each interneuron pools the whole layer and gets 4 times
/// a principal cell's drive); <c>ffi.i</c> → <c>ffi.e</c> (all to all, −w_inh on port <c>inh</c>). Exponential currents,
/// 1 ms delays. Ports: <c>in</c> is <c>ffi.relay</c>, <c>out</c> is <c>ffi.e</c>.
/// </summary>
public sealed class FeedForwardInhibition : CircuitModel
{
    public override string Name => "guide_ffi";
    public override string Description => "feed-forward inhibition: input excites principal cells and, in parallel, their interneurons (guide example)";
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("size", Dimension.Dimensionless, 20, ValueRule.Positive, "neurons in the input and principal layers (whole number)"),
        new("w_exc", Dimension.Current, 2.0, ValueRule.NonNegative, "input → principal weight (input → interneuron: 4·w_exc/size)"),
        new("w_inh", Dimension.Current, 0.1, ValueRule.NonNegative, "interneuron → principal weight (magnitude)"),
    ];
    public override IReadOnlyList<CircuitPort> Ports { get; } =
        [new("in", PortDirection.In, "drive to the input layer"), new("out", PortDirection.Out, "spikes of the principal cells")];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["size"] != Math.Floor(p["size"])) yield return new("size", $"must be a whole number, got {p["size"]}");
    }

    public override void Build(CircuitBuilder builder, ParameterValues p)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(p);
        var size = (int)p["size"];
        builder.Population("relay", size, "lif")
            .Population("e", size, "lif")
            .Population("i", Math.Max(1, size / 4), "lif", n => n.Param("tau_m", Q.Ms(10)))
            .Connect("relay", "e", new OneToOneConnector(), Q.NA(p["w_exc"]), Q.Ms(1))
            .Connect("relay", "i", new AllToAllConnector(), Q.NA(4 * p["w_exc"] / size), Q.Ms(1))
            .Connect("i", "e", new AllToAllConnector(), Q.NA(-p["w_inh"]), Q.Ms(1), new SynapseSpec { Port = "inh" })
            .Port("in", "relay")
            .Port("out", "e");
    }
}
