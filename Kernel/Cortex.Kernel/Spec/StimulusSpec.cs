using Cortex.Units;

namespace Cortex.Spec;

/// <summary>External input to some or all neurons of a population.</summary>
public abstract record StimulusSpec
{
    /// <summary>Target population name.</summary>
    public required string Target { get; init; }

    /// <summary>Target neuron indices, or null for all.</summary>
    public IReadOnlyList<int>? Indices { get; init; }

    /// <summary>The stimulus' name in JSON.</summary>
    public abstract string Type { get; }
}

/// <summary>A constant current, on during [Start, Stop).</summary>
public sealed record DcStimulus : StimulusSpec
{
    /// <summary>Current amplitude.</summary>
    public required Quantity Amplitude { get; init; }

    /// <summary>Onset; default 0.</summary>
    public Quantity? Start { get; init; }

    /// <summary>Offset; default the end of the run.</summary>
    public Quantity? Stop { get; init; }

    /// <inheritdoc />
    public override string Type => "dc";
}

/// <summary>An independent Poisson spike train per target neuron, fed into a receptor like a projection.</summary>
public sealed record PoissonStimulus : StimulusSpec
{
    /// <summary>Rate per target neuron.</summary>
    public required Quantity Rate { get; init; }

    /// <summary>Weight of each input spike.</summary>
    public required Quantity Weight { get; init; }

    /// <summary>The receptor fed.</summary>
    public SynapseSpec Synapse { get; init; } = new();

    /// <summary>Onset; default 0.</summary>
    public Quantity? Start { get; init; }

    /// <summary>Offset; default the end of the run.</summary>
    public Quantity? Stop { get; init; }

    /// <inheritdoc />
    public override string Type => "poisson";
}

/// <summary>Spikes at given times, the same for every target neuron.</summary>
public sealed record SpikeTimesStimulus : StimulusSpec
{
    /// <summary>Spike times.</summary>
    public required IReadOnlyList<Quantity> Times { get; init; }

    /// <summary>Weight of each spike.</summary>
    public required Quantity Weight { get; init; }

    /// <summary>The receptor fed.</summary>
    public SynapseSpec Synapse { get; init; } = new();

    /// <inheritdoc />
    public override string Type => "spike_times";
}
