using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>
/// Runs a Parquet sink's encoder on dummy rows into memory, through the same calls a flush makes: a new file with a
/// row group and a footer (every flush writes a whole part file, see <see cref="ParquetAppendFile"/>; nothing appends to
/// a file through Parquet.Net, so its footer-reading append path is not compiled in vain). Afterwards the JIT has
/// compiled Parquet.Net's write path for the sink's column types, about 300 methods that a ReadyToRun image cannot hold
/// because they are generic instantiations across assemblies. The throwaway stream completes every read and write
/// asynchronously, as a file does, so the suspended paths of the async state machines are compiled too.
/// </summary>
internal static class ParquetEncoderWarmUp
{
    /// <summary>Dummy rows a sink buffers for the warm-up: enough for the JIT to optimise the encoder's loops while they run.</summary>
    public const int Rows = 4096;

    private static readonly Dictionary<string, string> Metadata = new(StringComparer.Ordinal) { ["cortex.warm_up"] = "1" };

    /// <summary>Encodes the buffered row(s) into a throwaway stream; <paramref name="writeColumns"/> writes every column in schema order.</summary>
    public static void Run(ParquetSchema schema, Func<ParquetRowGroupWriter, ParquetSchema, Task> writeColumns)
    {
        using var memory = new AsyncMemoryStream();
        SyncOverAsync.Run(async () =>
        {
            var writer = await ParquetWriter.CreateAsync(schema, memory).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                writer.CustomMetadata = Metadata;
                using var rowGroup = writer.CreateRowGroup();
                await writeColumns(rowGroup, schema).ConfigureAwait(false);
            }
        });
    }

    /// <summary>A memory stream whose asynchronous calls yield first, like a file's, so awaiting them suspends.</summary>
    private sealed class AsyncMemoryStream : MemoryStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            Write(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            Flush();
        }
    }
}
