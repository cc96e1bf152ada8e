namespace Cortex.Learning.Attention;

/// <summary>
/// The dimensions an MA-SNN attention block weighs (Yao et al. 2023), combinable: each one the block holds
/// multiplies the membrane input by a learned gate along that dimension, in the order time, channel, space.
/// </summary>
[Flags]
public enum AttentionDimensions
{
    /// <summary>No attention (not a valid block; kept so the flags have a zero).</summary>
    None = 0,

    /// <summary>TA: one weight per time step of each sample.</summary>
    Temporal = 1,

    /// <summary>CA: one weight per channel (feature) of each sample and step.</summary>
    Channel = 2,

    /// <summary>SA: one weight per pixel of each sample and step (needs a [C, H, W] input).</summary>
    Spatial = 4,
}
