using Cortex.Recording;

namespace Cortex.Viewer.Live;

/// <summary>
/// A bounded single-producer, single-consumer ring of spikes that never blocks: the recorder's consumer thread writes,
/// the viewer's frame loop reads. When the viewer falls behind and the ring is full, new spikes are dropped and
/// counted (<see cref="Dropped"/>) rather than making the writer wait, so a slow viewer costs the simulation nothing.
/// </summary>
/// <remarks>
/// Lock-free: the writer publishes its position with a release store after copying, the reader with a release store
/// after reading; each reads the other's with an acquire load. Positions are 64-bit counters that never wrap.
/// </remarks>
public sealed class SpikeRing
{
    private readonly SpikeRecord[] _items;
    private readonly int _mask;
    private long _written;   // only the writer stores
    private long _read;      // only the reader stores
    private long _dropped;   // only the writer stores

    /// <summary>A ring holding up to <paramref name="capacity"/> spikes (rounded up to a power of two).</summary>
    public SpikeRing(int capacity)
    {
        if (capacity < 1 || capacity > 1 << 30) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be in [1, 2^30]");
        var size = 1;
        while (size < capacity) size <<= 1;
        _items = new SpikeRecord[size];
        _mask = size - 1;
    }

    /// <summary>How many spikes the ring holds when full.</summary>
    public int Capacity => _items.Length;

    /// <summary>Spikes dropped because the ring was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Spikes accepted so far.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Writer side: copies as many of <paramref name="spikes"/> as fit, in order, drops the rest; returns how many fit.</summary>
    public int TryWrite(ReadOnlySpan<SpikeRecord> spikes)
    {
        var written = _written;
        var free = _items.Length - (int)(written - Volatile.Read(ref _read));
        var count = Math.Min(free, spikes.Length);
        for (var i = 0; i < count; i++) _items[(int)((written + i) & _mask)] = spikes[i];
        Volatile.Write(ref _written, written + count);
        if (count < spikes.Length) Volatile.Write(ref _dropped, _dropped + spikes.Length - count);
        return count;
    }

    /// <summary>Reader side: moves up to <paramref name="destination"/>.Length waiting spikes into it; returns how many.</summary>
    public int Read(Span<SpikeRecord> destination)
    {
        var read = _read;
        var available = (int)(Volatile.Read(ref _written) - read);
        var count = Math.Min(available, destination.Length);
        for (var i = 0; i < count; i++) destination[i] = _items[(int)((read + i) & _mask)];
        Volatile.Write(ref _read, read + count);
        return count;
    }
}
