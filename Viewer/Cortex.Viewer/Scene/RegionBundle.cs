namespace Cortex.Viewer.Scene;

/// <summary>A projection bundle between two regions (or populations when no regions are known).</summary>
/// <param name="From">Index of the source in <see cref="BrainScene.Regions"/>.</param>
/// <param name="To">Index of the target.</param>
/// <param name="Weight">Relative strength in (0, 1]: synapse count over the largest bundle's.</param>
public sealed record RegionBundle(int From, int To, float Weight);
