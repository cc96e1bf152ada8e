using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// How hard to drive each neuron model so that it fires but does not saturate, and a moderate weight per weight
/// dimension. A model missing here is driven at scale 1; the case then fails if the model stays silent, naming it, so a
/// new built-in is calibrated here once.
/// </summary>
internal static class Drive
{
    // Current scale relative to a LIF with R = 80 MΩ (the currents below are sized for it).
    private static readonly Dictionary<string, double> Scales = new(StringComparer.Ordinal)
    {
        ["lif"] = 1, ["lif_dopamine"] = 1, ["my_neuron"] = 1, ["if"] = 0.5, ["izhikevich"] = 20, ["hh"] = 2, ["adex"] = 1.5, ["adaptive_lif"] = 0.1,
    };

    /// <summary>The current scale for <paramref name="model"/>.</summary>
    public static double Scale(string model) => Scales.GetValueOrDefault(model, 1);

    /// <summary>A synaptic weight of moderate effect in <paramref name="dimension"/>.</summary>
    public static Quantity Weight(Dimension dimension, double scale = 1) => dimension switch
    {
        Dimension.Current => Q.NA(0.3 * scale),
        Dimension.Conductance => Q.NS(3 * scale),
        Dimension.Voltage => Q.MV(2 * scale),
        _ => Q.Number(1 * scale),
    };

    /// <summary>A receptor spec with default parameters on <paramref name="port"/>.</summary>
    public static SynapseSpec Receptor(string model, string port) => new() { Model = model, Port = port };

    /// <summary>The exponential current receptor most cases use for their background drive.</summary>
    public static SynapseSpec Excitatory => new() { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };

    /// <summary>A voltage-jump receptor, for inputs that must make a neuron fire at a known step.</summary>
    public static SynapseSpec Jump => new() { Model = "delta", Port = "jump" };
}
