namespace Cortex.Recording;

/// <summary>Where a population's neuron positions came from, so a viewer can say when it shows a made-up layout.</summary>
public enum PositionSource
{
    /// <summary>The spec's <c>positions</c> (points or a box).</summary>
    Spec,
    /// <summary>A brain-region circuit placed the neurons.</summary>
    Circuit,
    /// <summary>Region centres of a connectome (whole-brain models).</summary>
    Connectome,
    /// <summary>None was given: <see cref="DefaultLayout"/> placed them on a grid of discs.</summary>
    Default,
}
