namespace Cortex.Learning.Encoding;

/// <summary>What <see cref="PopulationEncoder"/> emits at each step.</summary>
public enum PopulationOutput
{
    /// <summary>Bernoulli spikes with the receptive-field probability (seeded by the generator).</summary>
    Spikes,

    /// <summary>The probabilities themselves, repeated over time (deterministic, like direct input).</summary>
    Rates,
}
