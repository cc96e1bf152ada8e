using System.Buffers.Binary;
using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>
/// A Parquet file that is complete and readable after every <see cref="AppendRowGroup"/>: each call
/// appends one row group and writes a new footer over the old one (Parquet.Net's append mode), then
/// syncs the file to disk. A process killed between two calls leaves a valid file with every row group
/// written so far. When an append fails (disk full, ...), the old footer is written back and the file cut to
/// its old length, so the file stays readable with what it had.
/// </summary>
internal sealed class ParquetAppendFile : IDisposable
{
    private const int TailLength = 8; // footer length (int32) + "PAR1"

    private readonly ParquetSchema _schema;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly Func<Stream, Stream>? _wrap;
    private FileStream? _file;
    private Stream? _stream;

    /// <param name="path">The file to create.</param>
    /// <param name="schema">Its columns.</param>
    /// <param name="metadata">Key-value metadata written with every footer.</param>
    /// <param name="wrap">Tests only: wraps the file stream (e.g. to simulate a full disk).</param>
    public ParquetAppendFile(string path, ParquetSchema schema, IReadOnlyDictionary<string, string> metadata, Func<Stream, Stream>? wrap = null)
    {
        Path = path;
        _schema = schema;
        _metadata = metadata;
        _wrap = wrap;
    }

    public string Path { get; }

    public int RowGroups { get; private set; }

    public long Rows { get; private set; }

    /// <summary>Creates (or truncates) the file and writes a valid file with no rows.</summary>
    public void Create()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        _file = new FileStream(Path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        var stream = _stream = _wrap is null ? _file : _wrap(_file);
        SyncOverAsync.Run(async () =>
        {
            var writer = await ParquetWriter.CreateAsync(_schema, stream, append: false).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                writer.CustomMetadata = _metadata;
            }
        });
        stream.Flush();
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Appends one row group; <paramref name="writeColumns"/> writes every column in schema order.</summary>
    public void AppendRowGroup(long rows, Func<ParquetRowGroupWriter, ParquetSchema, Task> writeColumns)
    {
        var stream = _stream ?? throw new InvalidOperationException($"{Path} is not open");
        var file = _file!;
        var (tailStart, tail) = ReadTail(stream);
        try
        {
            SyncOverAsync.Run(async () =>
            {
                var writer = await ParquetWriter.CreateAsync(_schema, stream, append: true).ConfigureAwait(false);
                await using (writer.ConfigureAwait(false))
                {
                    writer.CustomMetadata = _metadata;
                    using var rowGroup = writer.CreateRowGroup();
                    await writeColumns(rowGroup, _schema).ConfigureAwait(false);
                }
            });
            stream.Flush();
            file.Flush(flushToDisk: true);
        }
        catch (Exception)
        {
            Restore(stream, file, tailStart, tail);
            throw;
        }
        RowGroups++;
        Rows += rows;
    }

    /// <summary>Closes the file as it is (complete as of the last <see cref="AppendRowGroup"/>).</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _file?.Dispose();
        _stream = null;
        _file = null;
    }

    private static (long Start, byte[] Bytes) ReadTail(Stream stream)
    {
        var length = stream.Length;
        Span<byte> last = stackalloc byte[TailLength];
        stream.Position = length - TailLength;
        stream.ReadExactly(last);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(last);
        var start = length - TailLength - footerLength;
        var bytes = new byte[length - start];
        stream.Position = start;
        stream.ReadExactly(bytes);
        stream.Position = length;
        return (start, bytes);
    }

    /// <summary>Puts the last good footer back and cuts the file to its old length (best effort).</summary>
    private static void Restore(Stream stream, FileStream file, long tailStart, byte[] tail)
    {
        try
        {
            stream.Position = tailStart;
            stream.Write(tail);
            stream.Flush();
            file.SetLength(tailStart + tail.Length);
            file.Flush(flushToDisk: true);
            stream.Position = file.Length;
        }
#pragma warning disable CA1031 // Best effort: the original exception is what the caller must see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

/// <summary>Runs Parquet.Net's async API to completion from synchronous sink methods.</summary>
internal static class SyncOverAsync
{
    // Task.Run: no caller's synchronisation context can deadlock the continuation.
    public static void Run(Func<Task> action) => Task.Run(action).GetAwaiter().GetResult();

    public static T Run<T>(Func<Task<T>> action) => Task.Run(action).GetAwaiter().GetResult();
}
