namespace Cortex.Learning.PredictiveCoding;

/// <summary>The dynamics and learning rates of a <see cref="SpikingPredictiveCodingLayer"/>.</summary>
public sealed record PredictiveCodingOptions
{
    /// <summary>Membrane time constant in steps (the membrane keeps 1 − 1/τ of itself each step).</summary>
    public double Tau { get; init; } = 5;

    /// <summary>Time constant of the spike traces in steps.</summary>
    public double TraceTau { get; init; } = 4;

    /// <summary>Firing threshold of the membrane (reset to zero after a spike).</summary>
    public double Threshold { get; init; } = 0.4;

    /// <summary>Membrane change per unit of error current each step.</summary>
    public double Gain { get; init; } = 1;

    /// <summary>η, the generative weights' learning rate (0 freezes them: the untrained baseline).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>η_E, the error-feedback weights' rate: E^ℓ follows ΔW^ℓᵀ scaled by η_E / η.</summary>
    public double FeedbackLearningRate { get; init; } = 0.05;

    /// <summary>Initial weights are uniform in ±scale/√fan-in.</summary>
    public double InitScale { get; init; } = 1;
}
