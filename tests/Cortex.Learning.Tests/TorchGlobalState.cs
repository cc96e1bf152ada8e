namespace Cortex.Learning.Tests;

/// <summary>
/// Tests that compare whole training runs: they seed torch's global generator (weight init, dropout) and
/// set its thread count, which any test running beside them would disturb, so they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "torch global state";
}
