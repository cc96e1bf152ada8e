using Cortex.Nir.Nodes;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Nir.Engine;

/// <summary>
/// How the neurons of one NIR neuron node become engine populations: the engine's parameters are per
/// population, NIR's per neuron, so neurons with equal parameters are grouped. <see cref="Gain"/> is the
/// per-neuron factor from NIR input current to engine current (r, r·dt or r·w_in).
/// </summary>
internal sealed class NeuronPlan
{
    private NeuronPlan(string name, string model, int size)
    {
        Name = name;
        Model = model;
        Size = size;
        Gain = new float[size];
        PopulationOf = new int[size];
        IndexInPopulation = new int[size];
    }

    public string Name { get; }
    public string Model { get; }
    public int Size { get; }
    public float[] Gain { get; }
    public int[] PopulationOf { get; }
    public int[] IndexInPopulation { get; }
    public List<PopulationSpec> Populations { get; } = [];
    public List<SynapseSpec> Synapses { get; } = [];

    public ConvertedLayer Layer(int depth) =>
        new(Name, Model, Size, [.. Populations.Select(p => p.Name)], PopulationOf, IndexInPopulation) { Depth = depth };

    public static NeuronPlan For(string name, NirNode node, double dtSeconds, double dtMs)
    {
        var size = ((INirNeuronNode)node).NeuronShape.Aggregate(1, (a, b) => a * b);
        var plan = new NeuronPlan(name, node is NirIf ? "if" : "lif", size);
        var groups = new Dictionary<string, (int Index, int Count)>();
        for (var i = 0; i < size; i++)
        {
            var (parameters, synapse, initialV, gain) = Neuron(name, node, i, dtSeconds, dtMs);
            plan.Gain[i] = gain;
            var key = string.Join(";", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.Value:R}"))
                + $";syn={synapse.Model}:{string.Join(",", synapse.Params.Values.Select(v => v.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}";
            if (!groups.TryGetValue(key, out var group))
            {
                group = (plan.Populations.Count, 0);
                plan.Populations.Add(new PopulationSpec
                {
                    Name = name, // renamed below when the node needs several populations
                    Size = 0,
                    Model = plan.Model,
                    Params = parameters.ToDictionary(x => x.Key, x => (ValueSpec)new ConstantValue(x.Value), StringComparer.Ordinal),
                    Initial = initialV is { } v ? new Dictionary<string, ValueSpec> { ["v"] = Q.MV(v) } : new Dictionary<string, ValueSpec>(),
                });
                plan.Synapses.Add(synapse);
            }
            plan.PopulationOf[i] = group.Index;
            plan.IndexInPopulation[i] = group.Count;
            groups[key] = (group.Index, group.Count + 1);
        }
        var counts = groups.Values.OrderBy(g => g.Index).Select(g => g.Count).ToArray();
        for (var p = 0; p < plan.Populations.Count; p++)
            plan.Populations[p] = plan.Populations[p] with { Size = counts[p], Name = plan.Populations.Count == 1 ? name : $"{name}[{p}]" };
        return plan;
    }

    private static (Dictionary<string, Quantity> Parameters, SynapseSpec Synapse, double? InitialV, float Gain) Neuron(
        string name, NirNode node, int i, double dtSeconds, double dtMs)
    {
        var pulse = new SynapseSpec { Model = "pulse_current", Port = "in" };
        switch (node)
        {
            case NirLif lif:
                return (Lif(name, lif.Tau.Data[i], lif.VLeak.Data[i], lif.VReset.Data[i], lif.VThreshold.Data[i], i), pulse, null, lif.R.Data[i]);
            case NirCubaLif cuba:
                var synapse = new SynapseSpec
                {
                    Model = "exp_current",
                    Port = "in",
                    Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(cuba.TauSyn.Data[i] * 1e3) },
                };
                return (Lif(name, cuba.TauMem.Data[i], cuba.VLeak.Data[i], cuba.VReset.Data[i], cuba.VThreshold.Data[i], i), synapse, null,
                    cuba.R.Data[i] * cuba.WIn.Data[i]);
            case NirIf neuron:
                var threshold = neuron.VThreshold.Data[i];
                var reset = neuron.VReset.Data[i];
                if (!(reset < threshold)) throw ResetError(name, "IF", i, reset, threshold);
                return (new Dictionary<string, Quantity>
                {
                    // c_m = dt makes the engine's per-step gain dt/c_m exactly 1 mV per nA.
                    ["cm"] = new(dtMs, Dimension.Capacitance),
                    ["v_reset"] = Q.MV(reset),
                    ["v_thresh"] = Q.MV(threshold),
                    ["tau_refrac"] = Q.Ms(0),
                    ["i_offset"] = Q.NA(0),
                }, pulse, 0.0, (float)(neuron.R.Data[i] * dtSeconds));
            default:
                throw new NirFormatException($"node '{name}' ({node.TypeName}): not a neuron node");
        }
    }

    private static Dictionary<string, Quantity> Lif(string name, float tau, float vLeak, float vReset, float threshold, int i)
    {
        if (!(vReset < threshold)) throw ResetError(name, "LIF", i, vReset, threshold);
        var tauMs = tau * 1e3;
        return new Dictionary<string, Quantity>
        {
            ["tau_m"] = Q.Ms(tauMs),
            // c_m = τ_m gives R = τ_m / c_m = 1 MΩ exactly, so the drive is the (gain-scaled) current itself.
            ["cm"] = new(tauMs, Dimension.Capacitance),
            ["v_rest"] = Q.MV(vLeak),
            ["v_reset"] = Q.MV(vReset),
            ["v_thresh"] = Q.MV(threshold),
            ["tau_refrac"] = Q.Ms(0),
            ["i_offset"] = Q.NA(0),
        };
    }

    private static NirFormatException ResetError(string name, string type, int i, float reset, float threshold) =>
        new($"node '{name}' ({type}): v_reset[{i}] = {reset} must be below v_threshold[{i}] = {threshold} for the engine's neuron models");
}
