using Cortex.Learning.Neurons;
using Cortex.Learning.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.OneStep;

/// <summary>
/// The Hoyer spike layer of one-time-step SNNs (Datta et al., "Hoyer regularizer is all you need for
/// ultra low-latency spiking neural networks", 2022). Each step, the input current u is scaled by a trained
/// threshold and clipped, z = clamp(u / v_th, 0, 1), and a neuron spikes when z reaches the layer's Hoyer
/// extremum E(z) = ‖z‖₂² / ‖z‖₁ — a threshold that adapts to the layer's activity, so one step carries
/// the information several would. The backward pass is the straight-through estimator of the clip
/// (∂s/∂z = 1 on [0, 1]), which trains both the weights and v_th. During training E(z) is the batch's
/// (detached) and a running mean is kept for evaluation, so a trained layer treats each sample on its own.
/// With <c>regularization</c> λ &gt; 0, λ·H(z)/n — the Hoyer regulariser H(z) = ‖z‖₁² / ‖z‖₂² per element — joins
/// the loss and pushes z towards 0 or 1, away from the threshold. The layer is stateless: each step is a
/// one-step SNN (T = 1 is the method's setting).
/// </summary>
public sealed class HoyerSpikeLayer : nn.Module<Tensor, Tensor>, IActivityRegularizer, ISpikeEmitter
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters and buffers through them.
    private readonly Parameter threshold;
    private readonly Tensor running_extremum;
    private Tensor? _penalty;

    /// <summary>Creates the layer with initial v_th <paramref name="initialThreshold"/> and penalty weight <paramref name="regularization"/>.</summary>
    public HoyerSpikeLayer(double initialThreshold = 1, double regularization = 0, double momentum = 0.1) : base("hoyer")
    {
        if (!(initialThreshold > 0) || double.IsInfinity(initialThreshold)) throw new ArgumentOutOfRangeException(nameof(initialThreshold), initialThreshold, "must be positive and finite");
        if (!(regularization >= 0) || double.IsInfinity(regularization)) throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "must be >= 0 and finite");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "must be in [0, 1]");
        Regularization = regularization;
        Momentum = momentum;
        threshold = nn.Parameter(tensor(initialThreshold, float32));
        running_extremum = tensor(0.5f);
        register_parameter("threshold", threshold);
        register_buffer("running_extremum", running_extremum);
    }

    /// <summary>λ, the weight of the Hoyer regulariser in the loss.</summary>
    public double Regularization { get; }

    /// <summary>Weight of the newest batch in the running extremum.</summary>
    public double Momentum { get; }

    /// <summary>v_th, trained.</summary>
    public Parameter Threshold => threshold;

    /// <summary>The extremum used in evaluation mode.</summary>
    public Tensor RunningExtremum => running_extremum;

    /// <summary>The Hoyer extremum ‖z‖₂² / ‖z‖₁ of <paramref name="z"/> (0 for all-zero z).</summary>
    public static Tensor Extremum(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        using var squares = z.pow(2).sum();
        using var absolute = z.abs().sum();
        return squares / absolute.clamp_min(1e-12);
    }

    /// <summary>The Hoyer regulariser ‖z‖₁² / ‖z‖₂² (between 1 and the element count; small when z is sparse).</summary>
    public static Tensor Regularizer(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        using var absolute = z.abs().sum();
        using var squares = z.pow(2).sum();
        return absolute.pow(2) / squares.clamp_min(1e-12);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 2)
            throw new ArgumentException($"{GetName()}: expected input [T, batch, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        using var scope = NewDisposeScope();
        var z = (input / threshold.to(input.dtype)).clamp(0, 1);
        Tensor extremum;
        if (training)
        {
            using (no_grad())
            {
                extremum = Extremum(z);
                running_extremum.mul_(1 - Momentum).add_(extremum * Momentum);
            }
            if (Regularization > 0)
            {
                _penalty?.Dispose();
                // Out of every dispose scope: the caller that takes it owns it (the network's scopes end before the loss).
                _penalty = (Regularizer(z) * (Regularization / z.numel())).DetachFromDisposeScope();
            }
        }
        else extremum = running_extremum.to(input.dtype);
        // Forward: the spike (z ≥ E); backward: the gradient of z (straight through the step).
        using var fired = z.ge(extremum).to(z.dtype);
        using var jump = (fired - z).detach();
        return (z + jump).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor? TakePenalty()
    {
        var penalty = _penalty;
        _penalty = null;
        return penalty;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _penalty?.Dispose();
        base.Dispose(disposing);
    }
}
