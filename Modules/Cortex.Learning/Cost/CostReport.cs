using System.Text.Json.Nodes;

namespace Cortex.Learning.Cost;

/// <summary>
/// A model's cost NeuroBench-style (Yik et al., "NeuroBench", Nature Communications 2025): synaptic
/// operations per sample split into dense, effective MACs and effective ACs; activation sparsity (the share
/// of neuron outputs that are zero); connection sparsity (the share of deployed weights that are zero);
/// memory footprint; and an arithmetic energy estimate per sample from <see cref="EnergyModel"/>.
/// </summary>
public sealed record CostReport
{
    /// <summary>Samples the figures were measured on (per-sample figures are averages over them).</summary>
    public required long Samples { get; init; }

    /// <summary>Time steps per sample.</summary>
    public required int Steps { get; init; }

    /// <summary>Per weight layer, per sample.</summary>
    public required IReadOnlyList<LayerCost> Layers { get; init; }

    /// <summary>Per neuron layer, totals over the samples.</summary>
    public required IReadOnlyList<NeuronLayerActivity> Neurons { get; init; }

    /// <summary>Trainable parameters.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Bytes of parameters and buffers as trained (32-bit floats).</summary>
    public required long FloatBytes { get; init; }

    /// <summary>Bytes of parameters and buffers as deployed: quantised weights at their bit width plus one fp32 scale each.</summary>
    public required long DeployedBytes { get; init; }

    /// <summary>Zero weights among all weights of the weight layers, as deployed.</summary>
    public required double ConnectionSparsity { get; init; }

    /// <summary>Zero outputs among all neuron outputs (1 − the mean spike rate).</summary>
    public double ActivationSparsity
    {
        get
        {
            var activations = Neurons.Sum(n => n.Activations);
            return activations == 0 ? 0 : 1 - (Neurons.Sum(n => n.Spikes) / activations);
        }
    }

    /// <summary>Dense synaptic operations per sample.</summary>
    public double DenseOperations => Layers.Sum(l => l.DenseOperations);

    /// <summary>Effective MACs per sample.</summary>
    public double EffectiveMacs => Layers.Sum(l => l.EffectiveMacs);

    /// <summary>Effective ACs per sample.</summary>
    public double EffectiveAcs => Layers.Sum(l => l.EffectiveAcs);

    /// <summary>Arithmetic energy per sample, pJ.</summary>
    public double EnergyPicojoules => Layers.Sum(l => l.EnergyPicojoules);

    /// <summary>The same network's operations as dense fp32 MACs (a non-spiking accelerator), pJ per sample.</summary>
    public double DenseFloatPicojoules => Layers.Sum(l => l.DenseFloatPicojoules);

    /// <summary>The report as JSON (the <c>cost</c> object of eval.json).</summary>
    public JsonObject ToJson() => new()
    {
        ["samples"] = Samples,
        ["steps"] = Steps,
        ["synaptic_operations_per_sample"] = new JsonObject
        {
            ["dense"] = DenseOperations,
            ["effective_macs"] = EffectiveMacs,
            ["effective_acs"] = EffectiveAcs,
        },
        ["activation_sparsity"] = ActivationSparsity,
        ["connection_sparsity"] = ConnectionSparsity,
        ["parameters"] = ParameterCount,
        ["footprint_bytes"] = new JsonObject { ["float32"] = FloatBytes, ["deployed"] = DeployedBytes },
        ["energy_per_sample_pj"] = new JsonObject
        {
            ["spiking"] = EnergyPicojoules,
            ["dense_fp32_baseline"] = DenseFloatPicojoules,
            ["source"] = EnergyModel.Source,
        },
        ["layers"] = new JsonArray([.. Layers.Select(l => (JsonNode)new JsonObject
        {
            ["name"] = l.Name,
            ["type"] = l.Type,
            ["weight_bits"] = l.WeightBits,
            ["arithmetic"] = EnergyModel.Arithmetic(l.WeightBits),
            ["dense"] = l.DenseOperations,
            ["effective_macs"] = l.EffectiveMacs,
            ["effective_acs"] = l.EffectiveAcs,
            ["energy_pj"] = l.EnergyPicojoules,
        })]),
        ["neuron_layers"] = new JsonArray([.. Neurons.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n.Name,
            ["spike_rate"] = n.SpikeRate,
        })]),
    };
}
