namespace Cortex.Learning.Equilibrium;

/// <summary>
/// What the backward pass of <see cref="ImplicitAdjointFunction"/> needs besides the saved Jacobian factors: the
/// iteration limits of the adjoint solve and the layer that records how it went.
/// </summary>
internal sealed class ImplicitAdjointSettings(int iterations, double tolerance, FeedbackSpikingLayer owner)
{
    /// <summary>Most fixed-point iterations of the adjoint.</summary>
    public int Iterations { get; } = iterations;

    /// <summary>Stop when the largest change of the adjoint falls below this, relative to its largest element.</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>The layer, which records how the solve went.</summary>
    public FeedbackSpikingLayer Owner { get; } = owner;
}
