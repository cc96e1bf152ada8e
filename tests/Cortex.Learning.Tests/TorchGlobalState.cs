namespace Cortex.Learning.Tests;

/// <summary>
/// Tests that seed torch's global generator (weight init, dropout, random inputs) or set its thread count: any test
/// running beside them would draw from the same generator between the seed and the draw, so they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "torch global state";
}
