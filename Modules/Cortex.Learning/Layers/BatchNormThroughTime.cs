using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// Batch Normalisation Through Time, BNTT (Kim &amp; Panda 2021, "Revisiting Batch Normalization for Training
/// Low-Latency Deep Spiking Neural Networks From Scratch"): a separate batch normalisation per time step,
/// with its own γ_t and running statistics, so the network can weight early and late steps differently.
/// Statistics per (step, channel) are over batch and space. As in the paper, there is no β unless asked for.
/// The number of steps is fixed at construction; an input with another T is an error.
/// </summary>
public sealed class BatchNormThroughTime : nn.Module<Tensor, Tensor>
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters and buffers through them.
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private readonly string _origin;

    /// <summary>
    /// Creates the normalisation for <paramref name="steps"/> time steps of <paramref name="channels"/> channels;
    /// <paramref name="origin"/> (e.g. the configuration path) prefixes errors.
    /// </summary>
    public BatchNormThroughTime(long steps, long channels, bool hasBias = false, double eps = 1e-5, double momentum = 0.1, string origin = "bntt")
        : base("bntt")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be positive");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        Steps = steps;
        Channels = channels;
        Eps = eps;
        Momentum = momentum;
        _origin = origin;
        weight = nn.Parameter(ones(steps, channels));
        bias = hasBias ? nn.Parameter(zeros(steps, channels)) : null;
        running_mean = zeros(steps, channels);
        running_var = ones(steps, channels);
        register_parameter("weight", weight);
        if (bias is not null) register_parameter("bias", bias);
        register_buffer("running_mean", running_mean);
        register_buffer("running_var", running_var);
    }

    /// <summary>Number of time steps T the layer was built for.</summary>
    public long Steps { get; }

    /// <summary>Number of channels.</summary>
    public long Channels { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>γ per step and channel [T, C].</summary>
    public Parameter Weight => weight;

    /// <summary>β per step and channel [T, C], or null (the paper's BNTT has none).</summary>
    public Parameter? Bias => bias;

    /// <summary>Running mean per step and channel [T, C].</summary>
    public Tensor RunningMean => running_mean;

    /// <summary>Running (unbiased) variance per step and channel [T, C].</summary>
    public Tensor RunningVar => running_var;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3 || input.shape[2] != Channels)
            throw new ArgumentException($"{_origin}: expected input [T, batch, {Channels}, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        if (input.shape[0] != Steps)
            throw new ArgumentException($"{_origin}: the input has {input.shape[0]} time steps, but the layer was built for steps = {Steps} (one normalisation per step)", nameof(input));
        var batch = input.shape[1];
        using var scope = NewDisposeScope();
        // [T, B, C, …] → [B, T·C, …]: one batch_norm call whose "channels" are the (step, channel) pairs. The
        // flattened views of the [T, C] buffers share storage, so running statistics update in place.
        var perStepChannels = input.transpose(0, 1).flatten(1, 2);
        var normalised = nn.functional.batch_norm(
            perStepChannels, running_mean.view(-1), running_var.view(-1), weight.view(-1), bias?.view(-1), training, Momentum, Eps);
        return normalised.unflatten(1, [Steps, Channels]).transpose(0, 1).MoveToOuterDisposeScope();
    }
}
