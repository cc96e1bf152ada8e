namespace Cortex.Recording;

/// <summary>
/// A stream that passes everything to another and does its asynchronous writes, reads and flushes synchronously, on
/// the caller's thread. Parquet.Net writes through the async API; a file opened for synchronous I/O runs each such write
/// as a thread-pool work item on Linux, which woke a pool thread per page and left it spinning beside the simulation.
/// The recorder's writer thread only waits for those writes anyway.
/// </summary>
internal sealed class SynchronousWriteStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        try
        {
            inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
#pragma warning disable CA1031 // The exception belongs to the returned task, as an asynchronous write would report it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ValueTask.FromException(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
        try
        {
            return ValueTask.FromResult(inner.Read(buffer.Span));
        }
#pragma warning disable CA1031 // As for writes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ValueTask.FromException<int>(e);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        try
        {
            inner.Flush();
            return Task.CompletedTask;
        }
#pragma warning disable CA1031 // As for writes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException(e);
        }
    }

    // The owner closes the inner stream itself (ParquetPartWriter flushes it to the disk first).
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
