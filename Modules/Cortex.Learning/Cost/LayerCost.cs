namespace Cortex.Learning.Cost;

/// <summary>
/// The synaptic operations of one weight layer per sample (all time steps), NeuroBench-style: dense
/// operations (every weight times every input, as a dense accelerator computes), effective MACs (non-zero,
/// non-binary inputs times a weight) and effective ACs (spikes selecting a weight, accumulate only).
/// </summary>
/// <param name="Name">The module's name in the network (e.g. <c>layers.1</c>).</param>
/// <param name="Type">The module kind ("linear", "conv2d").</param>
/// <param name="WeightBits">Bits per weight (null: 32-bit float).</param>
/// <param name="DenseOperations">Operations a dense implementation performs.</param>
/// <param name="EffectiveMacs">Multiply-accumulates on non-zero real-valued inputs.</param>
/// <param name="EffectiveAcs">Accumulates on spikes (inputs that are all 0 or 1).</param>
public sealed record LayerCost(string Name, string Type, int? WeightBits, double DenseOperations, double EffectiveMacs, double EffectiveAcs)
{
    /// <summary>The arithmetic's energy per sample in pJ, by <see cref="EnergyModel"/>.</summary>
    public double EnergyPicojoules =>
        (EffectiveMacs * EnergyModel.MacPicojoules(WeightBits)) + (EffectiveAcs * EnergyModel.AcPicojoules(WeightBits));

    /// <summary>What the same operations would cost as dense fp32 MACs (the ANN baseline), pJ per sample.</summary>
    public double DenseFloatPicojoules => DenseOperations * EnergyModel.MacPicojoules(null);
}
