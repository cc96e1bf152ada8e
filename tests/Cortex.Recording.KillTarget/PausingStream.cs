namespace Cortex.Recording.KillTarget;

/// <summary>
/// Passes writes through until <paramref name="pauseAt"/> bytes are written (or the part is closed), pushes them to the
/// operating system, says "paused" on standard output and blocks for good: the test kills the process there, so the kill
/// lands at a known byte of a part being written, deterministically.
/// </summary>
internal sealed class PausingStream(Stream inner, long pauseAt) : Stream
{
    private long _written;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush()
    {
        inner.Flush();
        if (pauseAt == long.MaxValue)
        {
            Pause(); // every byte of the part written, not yet renamed into place
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_written + count >= pauseAt)
        {
            var take = (int)(pauseAt - _written);
            inner.Write(buffer, offset, take);
            inner.Flush();
            Pause();
        }
        inner.Write(buffer, offset, count);
        _written += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var copy = buffer.ToArray();
        Write(copy, 0, copy.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    private static void Pause()
    {
        Console.Out.WriteLine("paused");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
