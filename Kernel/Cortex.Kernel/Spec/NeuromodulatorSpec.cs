using Cortex.Units;

namespace Cortex.Spec;

/// <summary>
/// A named neuromodulator (e.g. dopamine) that neuron models and plasticity rules read and a closed-loop caller sets:
/// its level starts at <see cref="Baseline"/> and, with <see cref="Tau"/>, relaxes back to it.
/// </summary>
public sealed record NeuromodulatorSpec
{
    /// <summary>The name models, rules and callers use (an identifier).</summary>
    public required string Name { get; init; }

    /// <summary>The level it starts at and relaxes to (dimensionless).</summary>
    public double Baseline { get; init; }

    /// <summary>Time constant of the relaxation to baseline; null when a level holds until it is set again.</summary>
    public Quantity? Tau { get; init; }
}
