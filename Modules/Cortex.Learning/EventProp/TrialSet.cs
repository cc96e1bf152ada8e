using Cortex.Learning.Data;
using static TorchSharp.torch;

namespace Cortex.Learning.EventProp;

/// <summary>Samples as float64 feature vectors with integer labels: what the event-driven trainer reads.</summary>
/// <param name="Name">The data set's name, for messages.</param>
/// <param name="Features">One flattened feature vector per sample, values in [0, 1].</param>
/// <param name="Labels">One class per sample.</param>
/// <param name="ClassCount">Number of classes.</param>
public sealed record TrialSet(string Name, double[][] Features, int[] Labels, int ClassCount)
{
    /// <summary>Samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Copies a (torch-held) labelled data set into flat float64 arrays.</summary>
    public static TrialSet From(LabeledDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var count = data.Count;
        using var flat = data.Inputs.reshape(count, -1).to_type(ScalarType.Float64);
        var width = (int)flat.shape[1];
        var values = flat.data<double>().ToArray();
        var features = new double[count][];
        for (var s = 0; s < count; s++) features[s] = values.AsSpan(s * width, width).ToArray();
        return new TrialSet(data.Name, features, [.. data.LabelArray().Select(l => (int)l)], data.ClassCount);
    }
}
