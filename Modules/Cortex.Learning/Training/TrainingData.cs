using Cortex.Learning.Data;

namespace Cortex.Learning.Training;

/// <summary>Loads the train and test sets a <c>data</c> section names, limited as it asks.</summary>
public static class TrainingData
{
    /// <summary>Digits are split 80/20 stratified by class (the file has no split of its own).</summary>
    public const double DigitsTestFraction = 0.2;

    /// <summary>
    /// Loads the dataset; a missing file throws <see cref="DatasetMissingException"/> naming it and its Debian package.
    /// </summary>
    public static DatasetSplit Load(DataConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var full = config.Dataset switch
        {
            "digits" => SklearnDigits.Load(config.Path, DigitsTestFraction, (ulong)config.Seed),
            // With both limits the reader can stop early instead of decoding 70,000 images to keep a few.
            "fashion_mnist" => FashionMnist.Load(config.Path, config.LimitTrain is { } a && config.LimitTest is { } b ? Math.Max(a, b) : null),
            "graph" => Graphs.GraphNodeData.Load(config.Graph ?? throw new ArgumentException("data.graph: missing", nameof(config)), config.Seed).ToDatasetSplit(),
            "tactile" => Tactile.SyntheticTactileEvents.Generate(config.Tactile ?? new Tactile.TactileDataOptions(), config.Seed),
            _ => throw new ArgumentException($"data.dataset: unknown dataset '{config.Dataset}' (available: digits, fashion_mnist, graph, tactile)", nameof(config)),
        };
        if (config.LimitTrain is null && config.LimitTest is null) return full;
        using (full)
        {
            return new DatasetSplit(First(full.Train, config.LimitTrain), First(full.Test, config.LimitTest));
        }
    }

    /// <summary>The first <paramref name="limit"/> samples (a copy), or a copy of all when null or larger.</summary>
    private static LabeledDataset First(LabeledDataset data, int? limit)
    {
        var count = Math.Min(data.Count, limit ?? int.MaxValue);
        return data.Subset([.. Enumerable.Range(0, count).Select(i => (long)i)], data.Name);
    }
}
