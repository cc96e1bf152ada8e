using Cortex.Learning.Surrogates;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Equilibrium;

/// <summary>
/// A feedback (recurrent) layer of integrate-and-fire neurons trained at its equilibrium (Xiao et al., "Training
/// feedback spiking neural networks by implicit differentiation on the equilibrium state", NeurIPS 2021, IDE).
/// Each step u[t] = u[t−1] + W·s[t−1] + F·x[t] + b, s[t] = Θ(u[t] − θ), u[t] −= θ·s[t] (subtract reset). The
/// average firing rate a[T] = Σ s / T converges, for a contractive W, to the fixed point
/// a* = σ((W·a* + F·x̄ + b) / θ), σ = clamp to [0, 1], x̄ the average input (IDE, Theorem 1). The layer outputs that
/// rate at every step ([T, B, out], constant in t), so a readout sees the equilibrium.
/// With <see cref="EquilibriumGradient.Implicit"/> the simulation keeps no graph: the backward pass solves
/// u = g + Jᵀu (J = ∂σ/∂a at the equilibrium) and carries u through σ's explicit dependence on W, F, b and x, so
/// the memory of a training step does not grow with T. <see cref="EquilibriumGradient.Bptt"/> trains the same
/// network through every step with a surrogate spike derivative, for comparison.
/// </summary>
public sealed class FeedbackSpikingLayer : nn.Module<Tensor, Tensor>
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters through them.
    private readonly Parameter feedforward;
    private readonly Parameter bias;
    private readonly Parameter feedback;

    /// <summary>Creates the layer with weights drawn from torch's global generator.</summary>
    /// <param name="inFeatures">Inputs per sample.</param>
    /// <param name="outFeatures">Neurons.</param>
    /// <param name="threshold">θ, the firing threshold (positive).</param>
    /// <param name="feedbackScale">W starts uniform in ±scale/√out: below 1 the equilibrium map starts contractive.</param>
    /// <param name="gradient">Implicit differentiation or BPTT.</param>
    /// <param name="surrogate">The spike derivative of the BPTT path.</param>
    /// <param name="backwardIterations">Most fixed-point iterations of the adjoint solve.</param>
    /// <param name="backwardTolerance">Relative change at which the adjoint solve stops.</param>
    public FeedbackSpikingLayer(long inFeatures, long outFeatures, double threshold, double feedbackScale, EquilibriumGradient gradient,
        SurrogateGradient surrogate, int backwardIterations = 30, double backwardTolerance = 1e-4) : base("feedback_snn")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        if (!(threshold > 0) || double.IsInfinity(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be positive and finite");
        if (!(feedbackScale >= 0) || double.IsInfinity(feedbackScale)) throw new ArgumentOutOfRangeException(nameof(feedbackScale), feedbackScale, "must be >= 0 and finite");
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentOutOfRangeException.ThrowIfLessThan(backwardIterations, 1);
        if (!(backwardTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(backwardTolerance), backwardTolerance, "must be >= 0");
        Threshold = threshold;
        Gradient = gradient;
        Surrogate = surrogate;
        BackwardIterations = backwardIterations;
        BackwardTolerance = backwardTolerance;
        var inBound = 1 / Math.Sqrt(inFeatures);
        feedforward = nn.Parameter((rand(outFeatures, inFeatures) * 2 - 1) * inBound);
        bias = nn.Parameter((rand(outFeatures) * 2 - 1) * inBound);
        feedback = nn.Parameter((rand(outFeatures, outFeatures) * 2 - 1) * (feedbackScale / Math.Sqrt(outFeatures)));
        register_parameter("feedforward", feedforward);
        register_parameter("bias", bias);
        register_parameter("feedback", feedback);
    }

    /// <summary>θ.</summary>
    public double Threshold { get; }

    /// <summary>How the gradient is computed.</summary>
    public EquilibriumGradient Gradient { get; }

    /// <summary>The spike derivative of the BPTT path.</summary>
    public SurrogateGradient Surrogate { get; }

    /// <summary>Most fixed-point iterations of the adjoint solve.</summary>
    public int BackwardIterations { get; }

    /// <summary>Relative change at which the adjoint solve stops.</summary>
    public double BackwardTolerance { get; }

    /// <summary>F [out, in], the input weights.</summary>
    public Parameter Feedforward => feedforward;

    /// <summary>b [out].</summary>
    public Parameter Bias => bias;

    /// <summary>W [out, out], the feedback weights (row: receiving neuron).</summary>
    public Parameter Feedback => feedback;

    /// <summary>Iterations the last adjoint solve took.</summary>
    public int LastAdjointIterations { get; private set; }

    /// <summary>The last adjoint solve's final relative change (below the tolerance when it converged).</summary>
    public double LastAdjointChange { get; private set; } = double.NaN;

    /// <summary>[T, B, in] → the average firing rate [T, B, out], the same at every step.</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != feedforward.shape[1])
            throw new ArgumentException($"feedback_snn: expected input [T, batch, {feedforward.shape[1]}], got [{string.Join(", ", input.shape)}]", nameof(input));
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        Tensor rate;
        if (Gradient == EquilibriumGradient.Bptt)
        {
            rate = Simulate(input, withGraph: true);
        }
        else
        {
            Tensor simulated;
            using (no_grad()) simulated = Simulate(input, withGraph: false);
            var z = EquilibriumOutput(simulated, input.mean([0]));
            // The value is the spiking network's rate exactly (z − z is 0); the gradient is the implicit one at that
            // (approximate) equilibrium.
            rate = simulated + (z - z.detach());
        }
        return rate.unsqueeze(0).expand(steps, rate.shape[0], rate.shape[1]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// σ((W·a + F·x̄ + b) / θ) for the equilibrium <paramref name="equilibrium"/> a [B, out] (taken as a constant) and the
    /// average input <paramref name="meanInput"/> x̄ [B, in], whose backward pass is the implicit-differentiation
    /// gradient at a: what <see cref="forward"/> uses, public so the gradient can be checked at an exact equilibrium.
    /// </summary>
    public Tensor EquilibriumOutput(Tensor equilibrium, Tensor meanInput)
    {
        ArgumentNullException.ThrowIfNull(equilibrium);
        ArgumentNullException.ThrowIfNull(meanInput);
        using var scope = NewDisposeScope();
        var fixedPoint = equilibrium.detach();
        var pre = (fixedPoint.matmul(feedback.t()) + nn.functional.linear(meanInput, feedforward, bias)) / Threshold;
        var z = pre.clamp(0, 1);
        Tensor slope;
        using (no_grad()) slope = (pre.gt(0).logical_and(pre.lt(1))).to(pre.dtype) / Threshold;
        // The autograd node saves W and the slope for the backward pass, which runs after this scope has ended; it releases
        // them with the graph, so nothing is left for the garbage collector.
        var settings = new ImplicitAdjointSettings(BackwardIterations, BackwardTolerance, this);
        return ImplicitAdjointFunction.Run(z, feedback.detach(), slope, settings).MoveToOuterDisposeScope();
    }

    /// <summary>Values the autograd graph of one training step keeps per sample, for <paramref name="steps"/> steps (estimate).</summary>
    public double SavedValuesPerSample(int steps)
    {
        var neurons = (double)feedback.shape[0];
        var inputs = (double)feedforward.shape[1];
        // What autograd saves. Implicit, once: x̄ (F's gradient), a* (W's), the clamp's input and the adjoint's slope.
        // BPTT, every step: the input x[t] (F's gradient), the previous spikes (W's) and the surrogate's input.
        return Gradient == EquilibriumGradient.Implicit ? inputs + (3 * neurons) : steps * ((2 * neurons) + inputs);
    }

    internal void RecordAdjointSolve(int iterations, double change)
    {
        LastAdjointIterations = iterations;
        LastAdjointChange = change;
    }

    /// <summary>Runs the IF neurons over every step and returns the average firing rate [B, out].</summary>
    private Tensor Simulate(Tensor input, bool withGraph)
    {
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        var drive = nn.functional.linear(input, feedforward, bias);   // [T, B, out]
        var membrane = zeros_like(drive[0]);
        var spikes = zeros_like(drive[0]);
        var total = zeros_like(drive[0]);
        for (long t = 0; t < steps; t++)
        {
            membrane = membrane + spikes.matmul(feedback.t()) + drive[t];
            spikes = withGraph ? Surrogate.Spike(membrane - Threshold) : (membrane - Threshold).ge(0).to(membrane.dtype);
            membrane = membrane - (spikes * Threshold);
            total = total + spikes;
        }
        return (total / steps).MoveToOuterDisposeScope();
    }
}
