namespace Cortex.Compilation;

/// <summary>A state probe resolved to a variable index, neuron list and sampling interval in steps.</summary>
public sealed class CompiledStateProbe
{
    /// <summary>Population index.</summary>
    public required int Population { get; init; }

    /// <summary>Variable index in the model's state variables.</summary>
    public required int Variable { get; init; }

    /// <summary>Variable name.</summary>
    public required string VariableName { get; init; }

    /// <summary>Unit symbol of the recorded values.</summary>
    public required string Unit { get; init; }

    /// <summary>Neurons sampled.</summary>
    public required int[] Neurons { get; init; }

    /// <summary>Sampling interval in steps (≥ 1); samples are taken at the start of steps that are multiples of it.</summary>
    public required int IntervalSteps { get; init; }
}
