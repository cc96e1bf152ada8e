using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>A part whose row groups and footer Parquet.Net encodes (the state samples' file).</summary>
internal sealed class ParquetNetPart : ParquetPartFile
{
    private readonly ParquetSchema _schema;
    // Parquet.Net writes through this, which writes to the file synchronously.
    private readonly Stream _stream;
    private ParquetWriter? _writer;

    /// <param name="folder">The parts folder.</param>
    /// <param name="index">The part's number (<see cref="ParquetParts.PartName"/>).</param>
    /// <param name="schema">The file's columns.</param>
    /// <param name="metadata">The file's key-value metadata, written with every part.</param>
    /// <param name="wrap">Tests only: wraps the file stream (e.g. to simulate a full disk).</param>
    public ParquetNetPart(string folder, int index, ParquetSchema schema, Dictionary<string, string> metadata, Func<Stream, Stream>? wrap)
        : base(folder, index, wrap)
    {
        _schema = schema;
        _stream = new SynchronousWriteStream(Target);
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

    /// <summary>Writes one row group of <paramref name="rows"/> rows; <paramref name="writeColumns"/> writes every column in schema order.</summary>
    public void AddRowGroup(long rows, Func<ParquetRowGroupWriter, ParquetSchema, Task> writeColumns)
    {
        EnsureOpen();
        SyncOverAsync.Run(async () =>
        {
            using var rowGroup = _writer!.CreateRowGroup();
            await writeColumns(rowGroup, _schema).ConfigureAwait(false);
        });
        Rows += rows;
        RowGroups++;
    }

    protected override void WriteFooter()
    {
        SyncOverAsync.Run(async () => await _writer!.DisposeAsync().ConfigureAwait(false));
        _writer = null;
        _stream.Flush();
    }

    // Uncommitted, the footer is never written: Parquet.Net's writer (async-only) is let go with the file.
    protected override void CloseEncoder()
    {
        _writer = null;
        _stream.Dispose();
    }
}
