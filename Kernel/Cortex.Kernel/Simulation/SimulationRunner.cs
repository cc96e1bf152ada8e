using System.Diagnostics;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Recording;

namespace Cortex.Simulation;

/// <summary>What a finished run produced besides its recordings.</summary>
/// <param name="Steps">Steps simulated.</param>
/// <param name="WallSeconds">Wall time of the simulation loop (not compile time).</param>
/// <param name="SpikesPerPopulation">All spikes per population, recorded or not.</param>
public sealed record SimulationResult(long Steps, double WallSeconds, IReadOnlyList<long> SpikesPerPopulation);

/// <summary>
/// Drives a <see cref="ClosedLoopSession"/> through a whole run in chunks of whole min-delay epochs (recordings are
/// handed to the sinks after each chunk), and makes sure sinks are completed even when the run fails,
/// so everything recorded up to the failure is kept.
/// </summary>
public static class SimulationRunner
{
    // Recordings and progress are handed over about every 10 ms of biological time at dt = 0.1 ms.
    private const int TargetChunkSteps = 100;

    /// <summary>Steps per hand-over of recordings: whole min-delay epochs, about 100 steps.</summary>
    public static int ChunkSteps(CompiledNetwork network) =>
        network.MinDelaySteps * Math.Max(1, TargetChunkSteps / network.MinDelaySteps);

    /// <summary>
    /// Runs <paramref name="network"/> to its end (or <paramref name="steps"/>) on <paramref name="backend"/>; <paramref name="progress"/>
    /// hears once with no step done when the loop is about to start, then after every hand-over.
    /// </summary>
    /// <exception cref="SimulationException">The run failed; sinks were completed first.</exception>
    /// <exception cref="RecordingException">A sink failed; other sinks were completed.</exception>
    public static SimulationResult Run(
        CompiledNetwork network, IBackend backend, BackendOptions options, IReadOnlyList<IRecordingSink> sinks,
        IProgress<SimulationProgress>? progress = null, long? steps = null, CancellationToken cancellationToken = default)
    {
        var total = Math.Min(steps ?? network.Steps, network.Steps);
        var chunk = ChunkSteps(network);
        using var session = ClosedLoopSession.Open(network, backend, options, sinks);
        // Step 0 is about to run: the backend is built and the sinks are open and warmed up.
        progress?.Report(new SimulationProgress(0, total, TimeSpan.Zero, network.Dt));
        var clock = Stopwatch.StartNew();
        try
        {
            while (session.CurrentStep < total)
            {
                cancellationToken.ThrowIfCancellationRequested();
                session.Step((int)Math.Min(chunk, total - session.CurrentStep));
                progress?.Report(new SimulationProgress(session.CurrentStep, total, clock.Elapsed, network.Dt));
            }
            session.Complete();
        }
        catch (Exception) when (!session.Recorder.HasFailed)
        {
            // Keep what was recorded before the failure: flush and close every sink, then rethrow.
            TryComplete(session);
            throw;
        }
        clock.Stop();
        return new SimulationResult(session.CurrentStep, clock.Elapsed.TotalSeconds, [.. session.SpikeCounts]);
    }

    private static void TryComplete(ClosedLoopSession session)
    {
        try
        {
            session.Complete();
        }
        catch (RecordingException)
        {
            // The original failure is the one to report; the sink failure is secondary.
        }
    }
}
