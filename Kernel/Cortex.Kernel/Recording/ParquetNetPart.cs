using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>
/// One part of a <see cref="ParquetAppendFile"/> being written under a hidden temporary name, a row group at a time:
/// <see cref="Commit"/> writes the footer, syncs the file if asked and renames it into place; disposing it uncommitted
/// removes the temporary file, so readers only ever see whole parts. A sink can fill a part with chunks of its buffer
/// while the run goes on, and the flush at the end of a run then encodes only the rows since the last chunk instead of
/// every row since the last flush (at 4,000 neurons that was 23,028 spikes and 6–9 ms inside the clock, mostly
/// Parquet.Net's string column). Rows in an uncommitted part are lost to a kill as buffered rows are.
/// </summary>
internal sealed class ParquetPartWriter : IDisposable
{
    private readonly ParquetSchema _schema;
    private readonly string _temporary;
    private readonly string _final;
    private readonly FileStream _file;
    // The file, or the tests' wrapper around it; Parquet.Net writes through _stream, which writes to this synchronously.
    private readonly Stream _target;
    private readonly Stream _stream;
    private ParquetWriter? _writer;
    private bool _closed;

    /// <param name="folder">The parts folder.</param>
    /// <param name="index">The part's number (<see cref="ParquetParts.PartName"/>).</param>
    /// <param name="schema">The file's columns.</param>
    /// <param name="metadata">The file's key-value metadata, written with every part.</param>
    /// <param name="wrap">Tests only: wraps the file stream (e.g. to simulate a full disk).</param>
    public ParquetPartWriter(string folder, int index, ParquetSchema schema, Dictionary<string, string> metadata, Func<Stream, Stream>? wrap)
    {
        _schema = schema;
        var name = ParquetParts.PartName(index);
        _final = System.IO.Path.Combine(folder, name);
        _temporary = System.IO.Path.Combine(folder, "." + name + ".tmp");
        _file = new FileStream(_temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        _target = wrap is null ? _file : wrap(_file);
        _stream = new SynchronousWriteStream(_target);
        try
        {
            SyncOverAsync.Run(async () =>
            {
                _writer = await ParquetWriter.CreateAsync(_schema, _stream).ConfigureAwait(false);
                _writer.CustomMetadata = metadata;
            });
        }
        catch (Exception)
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Row groups written so far.</summary>
    public int RowGroups { get; private set; }

    /// <summary>Writes one row group of <paramref name="rows"/> rows; <paramref name="writeColumns"/> writes every column in schema order.</summary>
    public void AddRowGroup(long rows, Func<ParquetRowGroupWriter, ParquetSchema, Task> writeColumns)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        SyncOverAsync.Run(async () =>
        {
            using var rowGroup = _writer!.CreateRowGroup();
            await writeColumns(rowGroup, _schema).ConfigureAwait(false);
        });
        Rows += rows;
        RowGroups++;
    }

    /// <summary>Writes the footer, syncs the file to the disk when <paramref name="sync"/>, and renames it into place.</summary>
    public void Commit(bool sync)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        SyncOverAsync.Run(async () => await _writer!.DisposeAsync().ConfigureAwait(false));
        _writer = null;
        _stream.Flush();
        _file.Flush(flushToDisk: sync);
        CloseStreams();
        File.Move(_temporary, _final);
    }

    /// <summary>Removes the temporary file unless the part was committed.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }
        // Uncommitted: the footer is never written, so Parquet.Net's writer (async-only) is let go with the file.
        _writer = null;
        CloseStreams();
        try
        {
            File.Delete(_temporary);
        }
#pragma warning disable CA1031 // Best effort: the original exception, if any, is what the caller must see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void CloseStreams()
    {
        _closed = true;
        _stream.Dispose();
        if (!ReferenceEquals(_target, _file))
        {
            _target.Dispose();
        }
        _file.Dispose();
    }
}
