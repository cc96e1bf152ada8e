using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Tests.Support;

/// <summary>
/// Drives a reference-backend session by hand (the runner closes its session), so a test can read what
/// only a live session knows, such as the current weights of plastic projections.
/// </summary>
internal static class SessionRun
{
    public static (RunResult Run, float[][] Weights) Run(CompiledNetwork network, int threads = 1)
    {
        var sink = new MemorySink();
        using var session = TestRuntime.Registry.GetBackend("reference").Open(network, new BackendOptions { Threads = threads });
        using (var recorder = new Recorder(network.Layout, [sink]))
        {
            session.Advance(checked((int)network.Steps), recorder);
            recorder.Complete();
        }
        var result = new SimulationResult(session.CurrentStep, 0, [.. session.SpikeCounts]);
        return (new RunResult(network, sink, result), [.. Enumerable.Range(0, network.Projections.Count).Select(p => session.GetWeights(p).ToArray())]);
    }
}
