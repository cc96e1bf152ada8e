using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Attention;

/// <summary>
/// MA-SNN's channel attention (CA, in the CBAM form): at each step, each sample's input [C, …] is squeezed to
/// one average and one maximum per channel over the spatial positions, and a shared MLP over the C channels
/// gives one gate per channel. The MLP is shared by all steps; each step is gated by its own statistics.
/// For a feature vector [F] the features are the channels (nothing to squeeze: average = maximum = the value).
/// </summary>
public sealed class ChannelAttention : nn.Module<Tensor, Tensor>
{
    private readonly SharedGateMlp gate;

    /// <summary>Creates CA for <paramref name="channels"/> channels with bottleneck width <paramref name="hidden"/>.</summary>
    public ChannelAttention(long channels, long hidden) : base("channel_attention")
    {
        Channels = channels;
        gate = new SharedGateMlp(channels, hidden);
        register_module("gate", gate);
    }

    /// <summary>The channel count C the gate was built for.</summary>
    public long Channels { get; }

    /// <summary>The shared MLP.</summary>
    public SharedGateMlp Gate => gate;

    /// <summary>The gate for <paramref name="input"/> [T, B, C, …]: [T, B, C, 1, …].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        var batch = input.shape[1];
        var rows = input.reshape(steps * batch, Channels, -1);   // [T·B, C, positions]
        var weights = gate.call(rows.mean([2]), rows.amax([2])); // [T·B, C]
        var shape = new long[input.dim()];
        Array.Fill(shape, 1L);
        shape[0] = steps;
        shape[1] = batch;
        shape[2] = Channels;
        return weights.reshape(shape).MoveToOuterDisposeScope();
    }
}
