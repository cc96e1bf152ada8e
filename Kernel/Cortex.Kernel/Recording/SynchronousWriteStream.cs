namespace Cortex.Recording;

/// <summary>
/// A stream that passes everything to another and does its asynchronous writes, reads and flushes synchronously, on
/// the caller's thread. Parquet.Net writes through the async API; a file opened for synchronous I/O runs each such write
/// as a thread-pool work item on Linux, which woke a pool thread per page and left it spinning beside the simulation.
/// The recorder's writer thread only waits for those writes anyway.
/// </summary>
internal sealed class SynchronousWriteStream(Stream inner) : PassThroughStream(inner)
{
    public override int Read(Span<byte> buffer) => Inner.Read(buffer);

    public override void Write(ReadOnlySpan<byte> buffer) => Inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        try
        {
            Inner.Write(buffer.Span);
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
            return ValueTask.FromResult(Inner.Read(buffer.Span));
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
            Inner.Flush();
            return Task.CompletedTask;
        }
#pragma warning disable CA1031 // As for writes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException(e);
        }
    }
}
