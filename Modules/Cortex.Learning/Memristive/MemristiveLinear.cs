using Cortex.Learning.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Memristive;

/// <summary>
/// A fully connected layer held in a memristive crossbar: every weight (and bias) is a differential pair of
/// devices, w = (G⁺ − G⁻)·W / (G_max − G_min) (<see cref="MemristiveSynapseDevice"/>). What training adjusts is
/// each device's internal state θ, with the normalised conductance u = sigmoid(θ) and G = G_min + (G_max − G_min)·u,
/// so the conductances stay within [G_min, G_max] whatever the optimiser does, and a step in θ moves G by
/// (G_max − G_min)·u(1 − u)·Δθ: the Joglekar window f(u) = 1 − (2u − 1)² (Joglekar &amp; Wolf 2009, p = 1; up to ¼)
/// that makes a real device's updates shrink near its bounds. Optional non-idealities: a finite number of
/// programmable levels (rounded in the forward pass, straight-through backward) and Gaussian read noise in training.
/// Initialised with both devices mid-range and their difference drawn as PyTorch's nn.Linear (±1/√in).
/// </summary>
public sealed class MemristiveLinear : TimeDistributedLayer
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters through them.
    private readonly Parameter positive_state;
    private readonly Parameter negative_state;
    private readonly Parameter? bias_positive_state;
    private readonly Parameter? bias_negative_state;

    /// <summary>Creates the crossbar for <paramref name="inFeatures"/> inputs and <paramref name="outFeatures"/> outputs.</summary>
    public MemristiveLinear(long inFeatures, long outFeatures, MemristiveSynapseDevice device, bool hasBias = true) : base("memristive_linear")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        ArgumentNullException.ThrowIfNull(device);
        device.Validate();
        Device = device;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var bound = 1 / Math.Sqrt(inFeatures);
        (positive_state, negative_state) = PairFor(empty(outFeatures, inFeatures), bound, device.WeightRange);
        register_parameter("positive_state", positive_state);
        register_parameter("negative_state", negative_state);
        if (hasBias)
        {
            (bias_positive_state, bias_negative_state) = PairFor(empty(outFeatures), bound, device.WeightRange);
            register_parameter("bias_positive_state", bias_positive_state);
            register_parameter("bias_negative_state", bias_negative_state);
        }
    }

    /// <summary>Number of inputs (crossbar rows).</summary>
    public long InFeatures { get; }

    /// <summary>Number of outputs (crossbar columns, each a pair of device columns).</summary>
    public long OutFeatures { get; }

    /// <summary>The device model.</summary>
    public MemristiveSynapseDevice Device { get; }

    /// <summary>θ⁺, the trained internal states of the positive devices [out, in].</summary>
    public Parameter PositiveState => positive_state;

    /// <summary>θ⁻, the trained internal states of the negative devices [out, in].</summary>
    public Parameter NegativeState => negative_state;

    /// <summary>The bias pair's states [out], or null without bias.</summary>
    public (Parameter Positive, Parameter Negative)? BiasStates =>
        bias_positive_state is null ? null : (bias_positive_state, bias_negative_state!);

    /// <summary>The programmed conductances (µS) G⁺ and G⁻ of the weight devices [out, in], without read noise, detached.</summary>
    public (Tensor Positive, Tensor Negative) Conductances()
    {
        using var guard = no_grad();
        return (Conductance(positive_state, false), Conductance(negative_state, false));
    }

    /// <summary>The weights [out, in] the devices represent (programmed levels, no read noise), detached.</summary>
    public Tensor DeployedWeight()
    {
        using var guard = no_grad();
        return Weight(positive_state, negative_state, false);
    }

    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples)
    {
        using var scope = NewDisposeScope();
        var noisy = training && Device.ReadNoise > 0;
        var weight = Weight(positive_state, negative_state, noisy);
        var bias = bias_positive_state is null ? null : Weight(bias_positive_state, bias_negative_state!, noisy);
        return nn.functional.linear(samples, weight.to(samples.dtype), bias?.to(samples.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>w = (G⁺ − G⁻)·W / (G_max − G_min).</summary>
    private Tensor Weight(Tensor positive, Tensor negative, bool noisy)
    {
        using var difference = Conductance(positive, noisy) - Conductance(negative, noisy);
        return difference * (Device.WeightRange / Device.ConductanceSpan);
    }

    /// <summary>G = G_min + (G_max − G_min)·level(sigmoid(θ)), plus read noise kept inside the bounds.</summary>
    private Tensor Conductance(Tensor state, bool noisy)
    {
        using var scope = NewDisposeScope();
        var u = state.sigmoid();
        if (Device.Levels >= 2)
        {
            var steps = Device.Levels - 1;
            using var rounded = (u * steps).round() / steps;
            u = u + (rounded - u).detach();   // straight-through: the forward uses the level, the backward the analog state
        }
        var conductance = u * Device.ConductanceSpan + Device.MinConductance;
        if (noisy)
        {
            using var noise = randn_like(conductance) * (Device.ReadNoise * Device.ConductanceSpan);
            conductance = (conductance + noise).clamp(Device.MinConductance, Device.MaxConductance);
        }
        return conductance.MoveToOuterDisposeScope();
    }

    /// <summary>States of a device pair whose weight is uniform in ±<paramref name="bound"/>, both devices centred mid-range.</summary>
    private static (Parameter Positive, Parameter Negative) PairFor(Tensor shape, double bound, double weightRange)
    {
        using var guard = no_grad();
        using var _ = shape;
        // Normalised difference d = w / W ∈ (−1, 1); u± = (1 ± d) / 2 keeps both devices inside (0, 1).
        var limit = Math.Min(bound / weightRange, 0.9);
        using var difference = empty_like(shape).uniform_(-limit, limit);
        using var up = (1 + difference) / 2;
        using var down = (1 - difference) / 2;
        return (nn.Parameter(up.logit()), nn.Parameter(down.logit()));
    }
}
