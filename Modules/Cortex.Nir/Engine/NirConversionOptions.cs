namespace Cortex.Nir.Engine;

/// <summary>How a NIR graph becomes an engine network.</summary>
public sealed record NirConversionOptions
{
    /// <summary>
    /// Seconds per discrete step. NIR time constants are in seconds; one step of a trained TorchSharp model
    /// is this long (default 1 ms), and the engine runs at this dt.
    /// </summary>
    public double DtSeconds { get; init; } = 1e-3;

    /// <summary>Seed of the spec (the conversion itself draws nothing).</summary>
    public ulong Seed { get; init; } = 1;
}
