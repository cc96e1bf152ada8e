namespace Cortex.BrainRegions.Thalamus;

/// <summary>The two states of the thalamocortical loop, as the values of the circuit's <c>mode</c> parameter.</summary>
public enum ThalamicMode
{
    /// <summary>TC cells depolarised and RE cells hyperpolarised (cholinergic tone): TC fires without rebounds and relays its input.</summary>
    Wake = 0,

    /// <summary>TC cells hyperpolarised: RE inhibition and TC rebound firing alternate, giving spindle-like 7–14 Hz waves.</summary>
    Sleep = 1,
}
