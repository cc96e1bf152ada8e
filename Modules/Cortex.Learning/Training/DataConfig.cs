namespace Cortex.Learning.Training;

/// <summary>The <c>data</c> section: which dataset, where it lives and how much of it to use.</summary>
/// <param name="Dataset">"digits" (sklearn's 8×8 digits) or "fashion_mnist".</param>
/// <param name="Path">A file or folder other than the dataset's default location; null for the default.</param>
/// <param name="LimitTrain">Use only the first this-many training samples (quick runs and CI); null for all.</param>
/// <param name="LimitTest">Use only the first this-many test samples; null for all.</param>
/// <param name="Seed">Seeds the train/test split where the dataset has none of its own (digits), and generated data.</param>
/// <param name="Graph">The <c>graph</c> object of dataset "graph" (node classification); null otherwise.</param>
/// <param name="Tactile">The <c>tactile</c> object of dataset "tactile" (synthetic event-tactile set); null otherwise.</param>
public sealed record DataConfig(string Dataset, string? Path, int? LimitTrain, int? LimitTest, int Seed,
    Graphs.GraphDataOptions? Graph = null, Tactile.TactileDataOptions? Tactile = null);
