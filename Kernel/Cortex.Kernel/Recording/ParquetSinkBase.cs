using System.Globalization;

namespace Cortex.Recording;

/// <summary>
/// Shared behaviour of the Parquet sinks: rows are buffered in memory and written by <see cref="Flush"/> (or when
/// <see cref="MaxBufferedRows"/> are held), after which the file is a complete, readable Parquet file (see
/// <see cref="ParquetParts"/>: each flush is a part renamed into place, so <c>kill -9</c> at any moment keeps every flushed
/// row). <see cref="Complete"/> writes the rest and merges the parts into one file; <see cref="Dispose"/> alone keeps the
/// file as of the last flush (like a killed run), merged if it can.
/// </summary>
/// <remarks>
/// While rows arrive, every <see cref="FirstChunkRows"/> of them are encoded as a row group of the next part, which is
/// written under a temporary name (<see cref="ParquetPartFile"/>), so a flush encodes only the rows since the last chunk:
/// the flush at the end of a short run no longer encodes the whole run inside its clock. Once a part holds more than four
/// chunks, a chunk is a quarter of what it holds, which keeps a part of <see cref="DefaultMaxBufferedRows"/> rows to about
/// 20 row groups.
/// </remarks>
public abstract class ParquetSinkBase : IRecordingSink
{
    /// <summary>Buffered rows at which a row group is written without waiting for <see cref="Flush"/>.</summary>
    public const int DefaultMaxBufferedRows = 1 << 20;

    /// <summary>Rows buffered before a chunk is encoded into the next part, while that part holds fewer than four times as many.</summary>
    public const int FirstChunkRows = 4096;

    /// <summary>Metadata key: file format name and version.</summary>
    public const string FormatKey = "cortex.format";

    /// <summary>Metadata key: the time step in ms (invariant culture).</summary>
    public const string DtKey = "cortex.dt_ms";

    private readonly Func<Stream, Stream>? _wrap;
    private ParquetAppendFile? _file;
    private ParquetPartFile? _pending;   // chunks encoded since the last flush, in a part not yet committed
    private bool _completed;
    private long _rowsWrittenAtClose;
    private int _rowGroupsAtClose;
    private int _partsAtClose;
    private int _syncedPartsAtClose;

    private protected ParquetSinkBase(string path, int maxBufferedRows, Func<Stream, Stream>? wrap)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBufferedRows, 1);
        Path = path;
        MaxBufferedRows = maxBufferedRows;
        _wrap = wrap;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The file path, for error messages.</summary>
    public string Description => Path;

    /// <summary>Rows held (buffered, or encoded into a part not yet committed) at which they are written without waiting for <see cref="Flush"/>.</summary>
    public int MaxBufferedRows { get; }

    /// <summary>The layout given to <see cref="Open"/>.</summary>
    protected RecordingLayout Layout { get; private set; } = null!;

    /// <summary>Rows written to the file (as row groups) so far.</summary>
    public long RowsWritten => _file?.Rows ?? _rowsWrittenAtClose;

    /// <summary>Row groups written so far.</summary>
    public int RowGroups => _file?.RowGroups ?? _rowGroupsAtClose;

    /// <summary>Parts written so far: one per flush with rows, and one per <see cref="MaxBufferedRows"/> rows between flushes.</summary>
    public int Parts => _file?.Parts ?? _partsAtClose;

    /// <summary>Rows received and not yet encoded.</summary>
    protected abstract int BufferedRows { get; }

    /// <summary>Rows received and not yet in the file: buffered, or encoded into a part not yet committed.</summary>
    public long HeldRows => BufferedRows + (_pending?.Rows ?? 0);

    /// <inheritdoc />
    public void Open(RecordingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (_file is not null || _completed)
        {
            throw new InvalidOperationException($"{Path} was already opened");
        }
        Layout = layout;
        OnOpen(layout);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DtKey] = layout.Dt.ToString("R", CultureInfo.InvariantCulture),
        };
        AddMetadata(metadata);
        _file = new ParquetAppendFile(Path, PartFactory(metadata, _wrap));
        _file.Create();
    }

    /// <inheritdoc />
    public abstract void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes);

    /// <inheritdoc />
    public abstract void WriteSamples(ReadOnlySpan<StateSample> samples);

    /// <summary>Parts of the file synced to the disk so far: one per <see cref="Flush"/> with rows, none for <see cref="FlushBeforeComplete"/> and <see cref="Complete"/>.</summary>
    public int SyncedParts => _file?.SyncedParts ?? _syncedPartsAtClose;

    /// <summary>Writes the rows held as one part; the file is then complete and readable.</summary>
    public void Flush() => WriteBuffered(sync: true);

    /// <summary>Writes the rows held as one part, not synced to the disk: the recording is about to be completed.</summary>
    public void FlushBeforeComplete() => WriteBuffered(sync: false);

    private void WriteBuffered(bool sync)
    {
        var file = _file ?? throw new InvalidOperationException($"{Path} is not open");
        if (_pending is null)
        {
            if (BufferedRows == 0)
            {
                return;
            }
            _pending = file.StartPart();
        }
        EncodeBuffered(_pending);
        try
        {
            file.AppendPart(_pending, sync);
        }
        finally
        {
            // Written, or lost with the part that failed (disk full): the recording keeps what it had flushed before.
            _pending.Dispose();
            _pending = null;
        }
    }

    private void EncodeBuffered(ParquetPartFile part)
    {
        if (BufferedRows > 0)
        {
            EncodeRowGroup(part);
            ClearBuffer();
        }
    }

    /// <summary>Writes what is buffered and closes the file.</summary>
    public void Complete()
    {
        if (_completed || _file is null)
        {
            return;
        }
        try
        {
            // Not synced: the run has ended normally, so the part is renamed into place as the whole file (as summary.json is
            // written) or merged into a synced file; a sync here cost a short run 5–40 ms on a virtual disk.
            WriteBuffered(sync: false);
            _file.Merge();
        }
        finally
        {
            // Closed even when the last flush failed: the parts written so far are merged (best effort) or stay readable.
            _completed = true;
            Close();
        }
    }

    /// <summary>Closes the file as of the last flush, without writing what is buffered.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Called by <see cref="Open"/> before the metadata and the file are created.</summary>
    private protected abstract void OnOpen(RecordingLayout layout);

    /// <summary>Adds the sink's own key-value metadata.</summary>
    private protected abstract void AddMetadata(Dictionary<string, string> metadata);

    /// <summary>What starts part <c>index</c> of the file in <c>folder</c>: the sink's encoder, with the file's <paramref name="metadata"/>.</summary>
    /// <param name="metadata">The file's key-value metadata, written with every part.</param>
    /// <param name="wrap">Tests only: wraps each part's file stream.</param>
    private protected abstract Func<string, int, ParquetPartFile> PartFactory(Dictionary<string, string> metadata, Func<Stream, Stream>? wrap);

    /// <summary>Writes the buffered rows as one row group of <paramref name="part"/> (made by <see cref="PartFactory"/>).</summary>
    private protected abstract void EncodeRowGroup(ParquetPartFile part);

    /// <summary>Forgets the buffered rows after they were written.</summary>
    private protected abstract void ClearBuffer();

    /// <summary>Writes the rows held if they reach <see cref="MaxBufferedRows"/>, else encodes a full chunk into the next part; call after buffering rows.</summary>
    private protected void FlushIfFull()
    {
        if (HeldRows >= MaxBufferedRows)
        {
            Flush();
        }
        else if (BufferedRows >= Math.Max(FirstChunkRows, (_pending?.Rows ?? 0) / 4))
        {
            _pending ??= (_file ?? throw new InvalidOperationException($"{Path} is not open")).StartPart();
            EncodeBuffered(_pending);
        }
    }

    /// <summary>Throws unless <see cref="Open"/> was called and <see cref="Complete"/> was not.</summary>
    private protected void EnsureWritable()
    {
        if (_file is null || _completed)
        {
            throw new InvalidOperationException(_completed ? $"{Path} is already complete" : $"{Path} is not open");
        }
    }

    /// <summary>Grows <paramref name="array"/> to hold at least <paramref name="needed"/> items.</summary>
    private protected static void EnsureCapacity<T>(ref T[] array, int needed)
    {
        if (needed > array.Length)
        {
            Array.Resize(ref array, Math.Max(needed, Math.Max(1024, array.Length * 2)));
        }
    }

    private void Close()
    {
        _pending?.Dispose();
        _pending = null;
        if (_file is not null)
        {
            _rowsWrittenAtClose = _file.Rows;
            _rowGroupsAtClose = _file.RowGroups;
            _partsAtClose = _file.Parts;
            _syncedPartsAtClose = _file.SyncedParts;
            _file.Dispose();
            _file = null;
        }
    }
}
