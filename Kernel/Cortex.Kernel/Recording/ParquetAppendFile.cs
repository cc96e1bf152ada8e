namespace Cortex.Recording;

/// <summary>
/// A Parquet recording that survives <c>kill -9</c> at any moment with every row group written so far readable, by
/// any Parquet reader and with no repair step. Each <see cref="AppendPart"/> commits one
/// complete Parquet file (a <em>part</em>, see <see cref="ParquetParts"/>, written by a <see cref="ParquetPartFile"/>) that
/// was written under a hidden temporary name: it is synced and renamed into place;
/// bytes already on disk are never written again. <see cref="Merge"/> (at a normal close) concatenates the parts' row
/// groups byte for byte into the single file, again through a temporary file and a rename, then removes the parts.
/// </summary>
/// <remarks>
/// A part that holds rows flushed while the run goes on is synced to the disk before its rename (so it also survives a
/// power loss), and so is a merged file. Two writes are not synced, because they would put a disk sync (5–40 ms on a
/// virtual disk) on a short run's critical path for nothing a kill could lose: part 0 (no rows: every later part carries
/// the schema and metadata too), and the last part written by a normal close (<see cref="AppendPart"/> with
/// <c>sync: false</c>), which is then either renamed into place as the whole recording, like any other file a finished
/// run writes (summary.json), or merged into a synced file.
/// </remarks>
/// <remarks>
/// Why parts and not an append to one file: an append must write the new footer after the new row group, so the file's
/// tail is invalid for as long as the write takes, and a kill inside it leaves a file no reader opens without a repair
/// step. A rename is atomic: a reader sees the old set of parts or the new one, never half a part.
/// </remarks>
internal sealed class ParquetAppendFile : IDisposable
{
    private readonly Func<string, int, ParquetPartFile> _createPart;
    private bool _open;

    /// <param name="path">The file to create.</param>
    /// <param name="createPart">Starts part <c>index</c> in <c>folder</c>, under its temporary name, with the file's schema and metadata.</param>
    public ParquetAppendFile(string path, Func<string, int, ParquetPartFile> createPart)
    {
        Path = path;
        _createPart = createPart;
    }

    public string Path { get; }

    public int RowGroups { get; private set; }

    /// <summary>Parts with rows committed so far, named 1 to <see cref="Parts"/> (part 0 holds the schema alone).</summary>
    public int Parts { get; private set; }

    /// <summary>Parts synced to the disk so far (see the remarks).</summary>
    public int SyncedParts { get; private set; }

    public long Rows { get; private set; }

    private string Folder => ParquetParts.Folder(Path);

    /// <summary>
    /// Removes an earlier recording at the path (merged file, parts, temporaries) and writes part 0: no rows, the schema
    /// and the metadata, so even a run killed before its first flush names its populations.
    /// </summary>
    public void Create()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        File.Delete(Path);
        File.Delete(MergeTemporary);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        Directory.CreateDirectory(Folder);
        using (var schemaOnly = _createPart(Folder, 0))
        {
            schemaOnly.Commit(sync: false);
        }
        _open = true;
    }

    /// <summary>The next part, under its temporary name, for a sink to fill with row groups and then <see cref="AppendPart"/>.</summary>
    public ParquetPartFile StartPart() =>
        _open ? _createPart(Folder, Parts + 1) : throw new InvalidOperationException($"{Path} is not open");

    /// <summary>Commits <paramref name="part"/> (from <see cref="StartPart"/>) as the next part; the caller disposes it, which cleans up after a failure.</summary>
    /// <param name="part">The part written so far.</param>
    /// <param name="sync">Sync the part to the disk before its rename; false only for the last part of a normal close.</param>
    public void AppendPart(ParquetPartFile part, bool sync = true)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (!_open)
        {
            throw new InvalidOperationException($"{Path} is not open");
        }
        part.Commit(sync);
        Parts++;
        RowGroups += part.RowGroups;
        Rows += part.Rows;
        if (sync)
        {
            SyncedParts++;
        }
    }

    /// <summary>
    /// Concatenates the parts into the single file and removes them. The merged file is renamed into place before the
    /// parts go, so a kill at any moment leaves the rows readable in one form or the other.
    /// </summary>
    public void Merge()
    {
        if (!_open)
        {
            return;
        }
        _open = false;
        // The parts are known (0 .. Parts; a failed write removes its temporary), so the folder is not listed: at the
        // end of a short run that listing's JIT and system calls cost more than the rename itself.
        var parts = Enumerable.Range(0, Parts + 1).Select(i => System.IO.Path.Combine(Folder, ParquetParts.PartName(i))).ToList();
        if (parts.Count <= 2)
        {
            // Part 0 alone (no rows flushed) or with one part of rows: that part is the whole recording, schema and metadata
            // included, and a rename is cheaper still than the byte copy of a merge.
            File.Move(parts[^1], Path);
        }
        else
        {
            var temporary = MergeTemporary;
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                // Part 0 has no row groups; every part's row groups are copied byte for byte (no decoding).
                ParquetPartMerger.Merge(parts, output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        RemoveFolder(parts);
    }

    // Deletes the parts left in the folder, then the folder; anything unexpected in it (a stranger's file) is removed too.
    private void RemoveFolder(List<string> parts)
    {
        foreach (var part in parts) File.Delete(part);
        try
        {
            Directory.Delete(Folder);
        }
        catch (IOException)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>Merges the parts if <see cref="Merge"/> was not called (best effort: on failure the parts stay, readable).</summary>
    public void Dispose()
    {
        try
        {
            Merge();
        }
#pragma warning disable CA1031 // Best effort: the parts are a complete recording already.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private string MergeTemporary =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, "." + System.IO.Path.GetFileName(Path) + ".merging");
}

/// <summary>Runs Parquet.Net's async API to completion from synchronous sink methods.</summary>
internal static class SyncOverAsync
{
    // On a thread with no synchronisation context (the recorder's consumer) the action runs right there: its file writes
    // complete synchronously, and a hop to a pool thread per encoded chunk only woke a second thread that then spun
    // beside the simulation. Elsewhere Task.Run, so no caller's context can deadlock the continuation.
    public static void Run(Func<Task> action)
    {
        if (RunsInline) action().GetAwaiter().GetResult();
        else Task.Run(action).GetAwaiter().GetResult();
    }

    public static T Run<T>(Func<Task<T>> action) => RunsInline ? action().GetAwaiter().GetResult() : Task.Run(action).GetAwaiter().GetResult();

    private static bool RunsInline => SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;
}
