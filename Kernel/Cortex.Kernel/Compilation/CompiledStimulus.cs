namespace Cortex.Compilation;

/// <summary>A stimulus with its targets resolved to neuron indices and its times to steps.</summary>
public abstract class CompiledStimulus
{
    /// <summary>Target population index.</summary>
    public required int Population { get; init; }

    /// <summary>Target neuron indices.</summary>
    public required int[] Neurons { get; init; }

    /// <summary>Index in the spec's stimuli (seeds per-stimulus random streams).</summary>
    public required int Index { get; init; }
}

/// <summary>A constant current on during steps [StartStep, StopStep).</summary>
public sealed class CompiledDc : CompiledStimulus
{
    /// <summary>Current (nA).</summary>
    public required float Amplitude { get; init; }

    /// <summary>First step with current.</summary>
    public required long StartStep { get; init; }

    /// <summary>First step without current again.</summary>
    public required long StopStep { get; init; }
}

/// <summary>Independent Poisson trains into a receptor, active during steps [StartStep, StopStep).</summary>
public sealed class CompiledPoisson : CompiledStimulus
{
    /// <summary>Receptor index on the target population.</summary>
    public required int Receptor { get; init; }

    /// <summary>Expected spikes per neuron per step (rate · dt).</summary>
    public required double MeanPerStep { get; init; }

    /// <summary>Weight per input spike.</summary>
    public required float Weight { get; init; }

    /// <summary>First active step.</summary>
    public required long StartStep { get; init; }

    /// <summary>First inactive step.</summary>
    public required long StopStep { get; init; }
}

/// <summary>Spikes at fixed steps into a receptor of every target neuron.</summary>
public sealed class CompiledSpikeTimes : CompiledStimulus
{
    /// <summary>Receptor index on the target population.</summary>
    public required int Receptor { get; init; }

    /// <summary>Sorted steps at which a spike arrives.</summary>
    public required long[] Steps { get; init; }

    /// <summary>Weight per spike.</summary>
    public required float Weight { get; init; }
}
