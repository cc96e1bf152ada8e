using Cortex.Units;

namespace Cortex.Spec;

/// <summary>Something to record from a population.</summary>
public abstract record ProbeSpec
{
    /// <summary>Population name.</summary>
    public required string Population { get; init; }

    /// <summary>Neuron indices, or null for all.</summary>
    public IReadOnlyList<int>? Indices { get; init; }

    /// <summary>The probe's name in JSON.</summary>
    public abstract string Type { get; }
}

/// <summary>Records spikes.</summary>
public sealed record SpikeProbe : ProbeSpec
{
    /// <inheritdoc />
    public override string Type => "spikes";
}

/// <summary>Samples a state variable every <see cref="Interval"/>.</summary>
public sealed record StateProbe : ProbeSpec
{
    /// <summary>State variable name (e.g. "v").</summary>
    public required string Variable { get; init; }

    /// <summary>Sampling interval; default one time step.</summary>
    public Quantity? Interval { get; init; }

    /// <inheritdoc />
    public override string Type => "state";
}
