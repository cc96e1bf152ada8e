using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// What one command of the campaign did, with the time it took and how far the managed heap and the process's
/// resident memory (which also holds libtorch's tensors) grew meanwhile.
/// </summary>
internal sealed record BoundedResult(string[] Args, CliResult? Result, TimeSpan Elapsed, long HeapGrowthBytes, long ResidentGrowthBytes, bool TimedOut, Exception? Escaped);

/// <summary>
/// Runs a <c>cortex</c> command in-process with a time bound (past it the command is stopped as Ctrl+C would stop it,
/// and the case counts as a hang) and a sampler of the managed heap's peak growth.
/// </summary>
internal static class BoundedCommand
{
    public static BoundedResult Run(params string[] args)
    {
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        long peak = baseline;
        var residentBaseline = Environment.WorkingSet;
        long residentPeak = residentBaseline;
        using var signals = new StringWriter();
        using var interruption = new Interruption(signals);
        using var sampler = new Timer(_ =>
        {
            InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
            InterlockedMax(ref residentPeak, Environment.WorkingSet);
        }, null, 0, 10);
        var watch = Stopwatch.StartNew();
        var run = Task.Factory.StartNew(() => Cli.Run(interruption, args), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var timedOut = false;
        try
        {
            if (!run.Wait(CampaignSettings.CaseTimeLimit))
            {
                timedOut = true;
                interruption.Receive(PosixSignal.SIGINT);
                // A run stuck inside one step never comes back; the case has failed either way.
                run.Wait(TimeSpan.FromSeconds(30));
            }
        }
        catch (AggregateException error)
        {
            return new BoundedResult(args, null, watch.Elapsed, Interlocked.Read(ref peak) - baseline, Interlocked.Read(ref residentPeak) - residentBaseline, timedOut, error.InnerException);
        }
        InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
        return new BoundedResult(args, run.IsCompletedSuccessfully ? run.Result : null, watch.Elapsed, Interlocked.Read(ref peak) - baseline, Interlocked.Read(ref residentPeak) - residentBaseline, timedOut, null);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
