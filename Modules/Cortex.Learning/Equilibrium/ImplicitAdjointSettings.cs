using static TorchSharp.torch;

namespace Cortex.Learning.Equilibrium;

/// <summary>
/// What the backward pass of <see cref="ImplicitAdjointFunction"/> needs: the Jacobian of the equilibrium map,
/// J = diag(slope)·W, kept in factored form, and the iteration limits of the adjoint solve.
/// </summary>
internal sealed class ImplicitAdjointSettings(Tensor feedback, Tensor slope, int iterations, double tolerance, FeedbackSpikingLayer owner)
{
    /// <summary>The feedback weights W [out, out] (detached).</summary>
    public Tensor Feedback { get; } = feedback;

    /// <summary>∂σ/∂pre of the rate function at the equilibrium [B, out] (detached).</summary>
    public Tensor Slope { get; } = slope;

    /// <summary>Most fixed-point iterations of the adjoint.</summary>
    public int Iterations { get; } = iterations;

    /// <summary>Stop when the largest change of the adjoint falls below this, relative to its largest element.</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>The layer, which records how the solve went.</summary>
    public FeedbackSpikingLayer Owner { get; } = owner;
}
