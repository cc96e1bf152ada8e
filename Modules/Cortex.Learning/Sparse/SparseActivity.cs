namespace Cortex.Learning.Sparse;

/// <summary>
/// Running count of the (step, sample, neuron) entries a sparse backward pass found inside the band: the
/// paper's "active" fraction, which bounds the work the sparse pass does relative to the dense one.
/// </summary>
public sealed class SparseActivity
{
    private long _inBand;
    private long _total;

    /// <summary>Entries inside the band, summed over every backward pass since the last reset.</summary>
    public long InBand => Interlocked.Read(ref _inBand);

    /// <summary>All entries seen.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>InBand / Total (0 before any backward pass).</summary>
    public double Fraction => Total == 0 ? 0 : InBand / (double)Total;

    /// <summary>Adds one backward pass's counts.</summary>
    public void Add(long inBand, long total)
    {
        Interlocked.Add(ref _inBand, inBand);
        Interlocked.Add(ref _total, total);
    }

    /// <summary>Starts counting afresh.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _inBand, 0);
        Interlocked.Exchange(ref _total, 0);
    }
}
