using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Attention;

/// <summary>
/// The temporal-channel joint attention block of TCJA-SNN (Zhu et al., "TCJA-SNN: Temporal-Channel Joint
/// Attention for Spiking Neural Networks", IEEE TNNLS 2024). Each sample's input [T, C, …] is squeezed over
/// space to a matrix Z [C, T]. Two 1-D convolutions read it from both sides: temporal-wise local attention (TLA)
/// convolves along time with C input and C output channels (a window of <see cref="KernelTime"/> steps, all
/// channels), channel-wise local attention (CLA) convolves along the channels with T input and T output channels
/// (a window of <see cref="KernelChannel"/> channels, all steps). Their cross-convolutional fusion
/// W = σ(TLA(Z) ⊙ CLA(Z)) gives every (step, channel) a gate that depends on all steps and all channels, and
/// the block returns X ⊙ W broadcast over space. Convolutions keep the length ("same" zero padding; for an
/// even window the extra zero is on the right, as PyTorch's <c>padding='same'</c>) and have no bias.
/// </summary>
public sealed class TemporalChannelJointAttention : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d temporal_local;
    private readonly Conv1d channel_local;
    private readonly string _origin;

    /// <summary>Creates the block for <paramref name="steps"/> steps and <paramref name="channels"/> channels.</summary>
    public TemporalChannelJointAttention(long steps, long channels, long kernelTime, long kernelChannel, string origin = "tcja") : base("tcja")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelTime, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelChannel, 1);
        Steps = steps;
        Channels = channels;
        KernelTime = kernelTime;
        KernelChannel = kernelChannel;
        _origin = origin;
        temporal_local = nn.Conv1d(channels, channels, kernelTime, bias: false);
        channel_local = nn.Conv1d(steps, steps, kernelChannel, bias: false);
        register_module("temporal_local", temporal_local);
        register_module("channel_local", channel_local);
    }

    /// <summary>The T the block was built for.</summary>
    public long Steps { get; }

    /// <summary>The channel count C the block was built for.</summary>
    public long Channels { get; }

    /// <summary>TLA's window along time.</summary>
    public long KernelTime { get; }

    /// <summary>CLA's window along the channels.</summary>
    public long KernelChannel { get; }

    /// <summary>TLA's weight [C_out, C_in, kernel_time].</summary>
    public Parameter TemporalWeight => temporal_local.weight!;

    /// <summary>CLA's weight [T_out, T_in, kernel_channel].</summary>
    public Parameter ChannelWeight => channel_local.weight!;

    /// <summary>The gate W for <paramref name="input"/> [T, B, C, …]: [T, B, C, 1, …].</summary>
    public Tensor Gate(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
            throw new ArgumentException($"{_origin}: expected input [T, batch, channels, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        if (input.shape[0] != Steps || input.shape[2] != Channels)
            throw new ArgumentException($"{_origin}: the input has {input.shape[0]} time steps and {input.shape[2]} channels, but the layer was built for steps = {Steps} and {Channels} channels", nameof(input));
        using var scope = NewDisposeScope();
        var batch = input.shape[1];
        var z = input.reshape(Steps, batch, Channels, -1).mean([3]);                            // [T, B, C]
        var alongTime = temporal_local.call(PadSame(z.permute(1, 2, 0), KernelTime));             // [B, C, T]
        var alongChannels = channel_local.call(PadSame(z.permute(1, 0, 2), KernelChannel));       // [B, T, C]
        var gate = (alongTime * alongChannels.permute(0, 2, 1)).sigmoid().permute(2, 0, 1);      // [T, B, C]
        var shape = new long[input.dim()];
        Array.Fill(shape, 1L);
        shape[0] = Steps;
        shape[1] = batch;
        shape[2] = Channels;
        return gate.reshape(shape).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var gate = Gate(input);
        return input * gate;
    }

    /// <summary>Zero padding that keeps the length through a window of <paramref name="kernel"/> (PyTorch's 'same').</summary>
    private static Tensor PadSame(Tensor rows, long kernel)
    {
        var left = (kernel - 1) / 2;
        var right = kernel - 1 - left;
        return left == 0 && right == 0 ? rows.alias() : nn.functional.pad(rows, [left, right]);
    }
}
