using Cortex.Plugins.Loading;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex run --watch</c>: run, then wait for a change to a plugin folder or the spec (debounced, so a rebuild
/// triggers one rerun after it finishes), unload every plugin, check their load contexts were released, load them
/// again and rerun. A failed run is reported and the watch goes on; Ctrl+C ends it with the last run's exit code.
/// </summary>
internal static class RunWatch
{
    /// <summary>How long files must be quiet before a change counts: longer than the pauses inside a typical build.</summary>
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromMilliseconds(750);

    public static async Task<int> LoopAsync(RunRequest request, CliConsole console, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var folders = console.PluginSearch.Directories.Select(d => d.Path).ToList();
        var code = ExitCodes.Ok;
        for (var round = 1; !cancellationToken.IsCancellationRequested; round++)
        {
            using var watcher = new DebouncedWatcher(folders, [request.SpecPath], quiet);
            var contexts = new List<WeakReference>();
            code = ErrorReporting.Guard(console, () =>
            {
                RunPipeline.Execute(request, console, contexts);
                return ExitCodes.Ok;
            });
            console.Out.WriteLine($"watch: run {round} done (exit {code}); watching {watcher.Count} folder(s) and file(s) for changes, Ctrl+C to stop");
            string changed;
            try
            {
                changed = await watcher.NextChangeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var alive = Release(contexts);
            console.Out.WriteLine($"watch: {changed} changed; released {contexts.Count - alive} of {contexts.Count} plugin load context(s), reloading");
            if (alive > 0) console.Warn($"{alive} plugin load context(s) are still referenced after unloading; each reload will keep the old copy in memory");
        }
        return code;
    }

    /// <summary>Collects until the given load contexts are gone (or a few rounds passed); returns how many are still alive.</summary>
    public static int Release(IReadOnlyList<WeakReference> contexts)
    {
        for (var i = 0; i < 20 && contexts.Any(c => c.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (i > 2) Thread.Sleep(10 * i);
        }
        return contexts.Count(c => c.IsAlive);
    }
}
