namespace Cortex.Plugins.Loading;

/// <summary>
/// Watches plugin folders (recursively, for changed <c>.dll</c> files) and single files, and reports a change only
/// after things have been quiet for a while, so a rebuild that writes many files triggers one reload, after it ends.
/// </summary>
public sealed class DebouncedWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly TimeSpan _quiet;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private TaskCompletionSource<string> _next = NewSource();
    private string? _lastPath;

    /// <summary>Starts watching <paramref name="directories"/> (those that exist) and <paramref name="files"/>; a change is reported after <paramref name="quiet"/> without further changes.</summary>
    public DebouncedWatcher(IEnumerable<string> directories, IEnumerable<string> files, TimeSpan quiet)
    {
        _quiet = quiet;
        _timer = new Timer(_ => Fire());
        foreach (var directory in directories.Where(Directory.Exists).Distinct(StringComparer.Ordinal))
            Add(new FileSystemWatcher(directory, "*.dll") { IncludeSubdirectories = true });
        foreach (var file in files.Select(Path.GetFullPath).Where(File.Exists))
            Add(new FileSystemWatcher(Path.GetDirectoryName(file)!, Path.GetFileName(file)));
    }

    /// <summary>Number of folders and files being watched.</summary>
    public int Count => _watchers.Count;

    /// <summary>Completes with the last changed path once changes have settled; each call waits for the next settled change.</summary>
    public Task<string> NextChangeAsync(CancellationToken cancellationToken)
    {
        Task<string> task;
        lock (_gate) task = _next.Task;
        return task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _timer.Dispose();
    }

    private void Add(FileSystemWatcher watcher)
    {
        watcher.NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime;
        watcher.Changed += OnEvent;
        watcher.Created += OnEvent;
        watcher.Renamed += OnEvent;
        watcher.Deleted += OnEvent;
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            _lastPath = e.FullPath;
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        TaskCompletionSource<string> done;
        string path;
        lock (_gate)
        {
            done = _next;
            path = _lastPath ?? "";
            _next = NewSource();
        }
        done.TrySetResult(path);
    }

    private static TaskCompletionSource<string> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
