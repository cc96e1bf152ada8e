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
/// handed to the sinks after a chunk once enough rows or wall time have gathered), and makes sure sinks are completed even when the run fails,
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
    /// <param name="network">The compiled network.</param>
    /// <param name="backend">The backend that runs it.</param>
    /// <param name="options">Backend options.</param>
    /// <param name="sinks">Where the recordings go.</param>
    /// <param name="progress">Told after every chunk.</param>
    /// <param name="steps">Steps to run, at most the network's.</param>
    /// <param name="stuck">What to do if, once <paramref name="cancellationToken"/> is cancelled, the step in progress never returns.</param>
    /// <param name="finished">Called with the session after the last step, before the recordings close (e.g. to save the final weights); not after a failure.</param>
    /// <param name="cancellationToken">Stops the run at the next chunk, recordings completed.</param>
    public static SimulationResult Run(
        CompiledNetwork network, IBackend backend, BackendOptions options, IReadOnlyList<IRecordingSink> sinks,
        IProgress<SimulationProgress>? progress = null, long? steps = null, StuckStepPolicy? stuck = null,
        Action<ClosedLoopSession>? finished = null, CancellationToken cancellationToken = default)
    {
        var total = Math.Min(steps ?? network.Steps, network.Steps);
        var chunk = ChunkSteps(network);
        using var session = ClosedLoopSession.Open(network, backend, options, sinks);
        using var returned = new ManualResetEventSlim();
        using var watchdog = stuck is null ? default : cancellationToken.Register(() => Watch(session, returned, stuck));
        // Step 0 is about to run: the backend is built and the sinks are open and warmed up.
        progress?.Report(new SimulationProgress(0, total, TimeSpan.Zero, network.Dt));
        var clock = Stopwatch.StartNew();
        try
        {
            try
            {
                while (session.CurrentStep < total)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    session.Step((int)Math.Min(chunk, total - session.CurrentStep));
                    progress?.Report(new SimulationProgress(session.CurrentStep, total, clock.Elapsed, network.Dt));
                }
            }
            finally
            {
                // The watchdog guards the steps only: closing the recordings may take longer than the grace.
                returned.Set();
            }
            finished?.Invoke(session);
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

    // On a thread of its own (the signal's thread must return): give the step its grace, then close what was recorded.
    private static void Watch(ClosedLoopSession session, ManualResetEventSlim returned, StuckStepPolicy stuck)
    {
        var thread = new Thread(() =>
        {
            try
            {
                if (returned.Wait(stuck.Grace))
                {
                    return;
                }
            }
            catch (ObjectDisposedException)
            {
                return; // the run returned and disposed the event meanwhile
            }
            try
            {
                session.Complete();
            }
#pragma warning disable CA1031 // A watchdog that throws would kill the process with a stack trace; the caller ends it anyway.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            stuck.Abandon();
        })
        {
            IsBackground = true,
            Name = "cortex stuck-step watchdog",
        };
        thread.Start();
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
