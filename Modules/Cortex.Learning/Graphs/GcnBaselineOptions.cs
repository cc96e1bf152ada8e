namespace Cortex.Learning.Graphs;

/// <summary>The GCN baseline's training settings; the defaults are Kipf &amp; Welling's (Cora/Citeseer/Pubmed).</summary>
public sealed record GcnBaselineOptions
{
    /// <summary>Hidden units (16).</summary>
    public int Hidden { get; init; } = 16;

    /// <summary>Dropout on each layer's input (0.5).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Adam's learning rate (0.01).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>L2 weight decay on the first layer's weights, λ·‖W₀‖²/2 (5·10⁻⁴).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Full-batch epochs (200).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Seeds the weights and the dropout masks.</summary>
    public int Seed { get; init; }
}
