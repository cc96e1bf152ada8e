namespace Cortex.Learning.Events;

/// <summary>How events are split into frames.</summary>
public enum EventBinning
{
    /// <summary>T bins of equal duration spanning first to last event (each event in exactly one bin).</summary>
    EqualTime,

    /// <summary>T bins of (to within one) equal numbers of events, in time order.</summary>
    EqualCount,

    /// <summary>T consecutive windows of a fixed duration from the first event; later events are dropped.</summary>
    TimeWindow,
}
