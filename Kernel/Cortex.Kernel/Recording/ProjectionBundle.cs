namespace Cortex.Recording;

/// <summary>A connection between two regions as a viewer draws it: a bundle with a relative weight.</summary>
/// <param name="From">Source region name.</param>
/// <param name="To">Target region name.</param>
/// <param name="Weight">Strength: synapse count for projections between single-region populations, or the connectome's weight.</param>
public sealed record ProjectionBundle(string From, string To, double Weight);
