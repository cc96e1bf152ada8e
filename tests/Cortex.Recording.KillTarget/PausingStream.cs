namespace Cortex.Recording.KillTarget;

/// <summary>
/// Passes writes through until <paramref name="pauseAt"/> bytes are written (or the part is closed), pushes them to the
/// operating system, says "paused" on standard output and blocks for good: the test kills the process there, so the kill
/// lands at a known byte of a part being written, deterministically.
/// </summary>
internal sealed class PausingStream(Stream inner, long pauseAt) : PassThroughStream(inner)
{
    private long _written;

    public override void Flush()
    {
        Inner.Flush();
        if (pauseAt == long.MaxValue)
        {
            Pause(); // every byte of the part written, not yet renamed into place
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_written + count >= pauseAt)
        {
            var take = (int)(pauseAt - _written);
            Inner.Write(buffer, offset, take);
            Inner.Flush();
            Pause();
        }
        Inner.Write(buffer, offset, count);
        _written += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var copy = buffer.ToArray();
        Write(copy, 0, copy.Length);
    }

    private static void Pause()
    {
        Console.Out.WriteLine("paused");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
