using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Attention;

/// <summary>
/// MA-SNN's temporal attention (TA; Yao et al., "Temporal-wise attention spiking neural networks", ICCV 2021,
/// and "Attention Spiking Neural Networks", TPAMI 2023): each sample's input [T, …] is squeezed to one
/// average and one maximum per step, and a shared MLP over the T steps gives one gate per step, so the network
/// can turn down steps that carry little and keep the others.
/// </summary>
public sealed class TemporalAttention : nn.Module<Tensor, Tensor>
{
    private readonly SharedGateMlp gate;

    /// <summary>Creates TA for <paramref name="steps"/> time steps with bottleneck width <paramref name="hidden"/>.</summary>
    public TemporalAttention(long steps, long hidden) : base("temporal_attention")
    {
        Steps = steps;
        gate = new SharedGateMlp(steps, hidden);
        register_module("gate", gate);
    }

    /// <summary>The T the gate was built for.</summary>
    public long Steps { get; }

    /// <summary>The shared MLP.</summary>
    public SharedGateMlp Gate => gate;

    /// <summary>The gate for <paramref name="input"/> [T, B, …]: [T, B, 1, …] (ones for the other dimensions, ready to broadcast).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        var batch = input.shape[1];
        var rows = input.reshape(steps, batch, -1).permute(1, 0, 2);   // [B, T, rest]
        var weights = gate.call(rows.mean([2]), rows.amax([2]));      // [B, T]
        var shape = new long[input.dim()];
        Array.Fill(shape, 1L);
        shape[0] = steps;
        shape[1] = batch;
        return weights.t().reshape(shape).MoveToOuterDisposeScope();
    }
}
