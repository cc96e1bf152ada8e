namespace Cortex.Viewer.Interaction;

/// <summary>What a click selected.</summary>
/// <param name="Kind">A neuron or a region.</param>
/// <param name="Index">Scene neuron index, or region index.</param>
/// <param name="Label">"neuron 17 of exc (scene #17) · 5.20 Hz" or "region PFCm · 240 neurons · 3.10 Hz": for the title bar or overlay.</param>
/// <param name="RateHz">The neuron's (or the region's mean) firing rate over the recording.</param>
public sealed record PickResult(PickKind Kind, int Index, string Label, double RateHz);

/// <summary>What a pick can select.</summary>
public enum PickKind
{
    /// <summary>One neuron.</summary>
    Neuron,

    /// <summary>A region (its glyph at the centre of its neurons).</summary>
    Region,
}
