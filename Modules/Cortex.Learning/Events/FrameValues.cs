namespace Cortex.Learning.Events;

/// <summary>What a frame pixel holds.</summary>
public enum FrameValues
{
    /// <summary>The number of events of that polarity at that pixel in that bin.</summary>
    Counts,

    /// <summary>1 where at least one event occurred, else 0 (a spike input).</summary>
    Binary,

    /// <summary>Counts divided by the recording's largest count, so values lie in [0, 1].</summary>
    Normalized,
}
