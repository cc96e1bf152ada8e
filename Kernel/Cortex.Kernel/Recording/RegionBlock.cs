namespace Cortex.Recording;

/// <summary>A run of consecutive neurons of a population that belong to one brain region (whole-brain populations span many).</summary>
/// <param name="Region">Region name.</param>
/// <param name="Count">Neurons in the run.</param>
public readonly record struct RegionBlock(string Region, int Count);
