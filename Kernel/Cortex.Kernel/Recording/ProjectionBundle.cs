namespace Cortex.Recording;

/// <summary>A projection between two populations as a viewer draws it: a bundle whose weight is its synapse count.</summary>
/// <param name="Pre">Source population name.</param>
/// <param name="Post">Target population name.</param>
/// <param name="Synapses">Number of synapses.</param>
public sealed record ProjectionBundle(string Pre, string Post, long Synapses);
