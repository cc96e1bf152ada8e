namespace Cortex.Learning.Equilibrium;

/// <summary>How a <see cref="FeedbackSpikingLayer"/> computes its gradient.</summary>
public enum EquilibriumGradient
{
    /// <summary>
    /// Implicit differentiation at the firing-rate equilibrium (Xiao et al. 2021, IDE): the simulation keeps no graph,
    /// the backward pass solves the adjoint linear system; memory does not grow with the time steps.
    /// </summary>
    Implicit,

    /// <summary>Backpropagation through time with a surrogate spike derivative: the graph of every step is kept.</summary>
    Bptt,
}
