namespace Cortex.Learning.Data;

/// <summary>A training and a test set of the same dataset; disposing it disposes both.</summary>
public sealed record DatasetSplit(LabeledDataset Train, LabeledDataset Test) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
