using Cortex.Units;

namespace Cortex.Spec;

/// <summary>The clock and the seed: every random draw of a run derives from <see cref="Seed"/>.</summary>
public sealed record SimulationSettings
{
    /// <summary>Integration time step.</summary>
    public Quantity Dt { get; init; } = Q.Ms(0.1);

    /// <summary>Simulated (biological) time.</summary>
    public Quantity Duration { get; init; } = Q.Ms(1000);

    /// <summary>Master seed for connectivity, initial state and stimuli.</summary>
    public ulong Seed { get; init; } = 1;
}
