namespace Cortex.Recording;

/// <summary>A part of the spikes file, encoded by the sink's <see cref="ParquetSpikeEncoder"/>.</summary>
internal sealed class ParquetSpikePart : ParquetPartFile
{
    private readonly ParquetSpikeEncoder _encoder;
    private readonly bool _begun;

    /// <param name="folder">The parts folder.</param>
    /// <param name="index">The part's number (<see cref="ParquetParts.PartName"/>).</param>
    /// <param name="encoder">The sink's encoder; it writes one part at a time.</param>
    /// <param name="wrap">Tests only: wraps the file stream (e.g. to simulate a full disk).</param>
    public ParquetSpikePart(string folder, int index, ParquetSpikeEncoder encoder, Func<Stream, Stream>? wrap)
        : base(folder, index, wrap)
    {
        _encoder = encoder;
        try
        {
            _encoder.Begin(Target);
            _begun = true;
        }
        catch (Exception)
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Writes one row group of the three columns.</summary>
    public void AddRowGroup(ReadOnlySpan<int> population, ReadOnlySpan<int> neuron, ReadOnlySpan<double> time)
    {
        EnsureOpen();
        _encoder.WriteRowGroup(population, neuron, time);
        Rows += population.Length;
        RowGroups++;
    }

    protected override void WriteFooter() => _encoder.End();

    protected override void CloseEncoder()
    {
        if (_begun) _encoder.Abandon();
    }
}
