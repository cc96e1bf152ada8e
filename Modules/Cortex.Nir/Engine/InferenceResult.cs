namespace Cortex.Nir.Engine;

/// <summary>
/// One sample run on the engine. <see cref="Spikes"/>[layer][t][neuron] is aligned to the model's
/// steps (the engine's layer-l delay of l − 1 steps already removed).
/// </summary>
public sealed record InferenceResult(IReadOnlyList<bool[][]> Spikes, IReadOnlyList<int[]> SpikeCounts, double[] Scores)
{
    /// <summary>Index of the highest score (first on ties).</summary>
    public int Prediction => Array.IndexOf(Scores, Scores.Max());
}
