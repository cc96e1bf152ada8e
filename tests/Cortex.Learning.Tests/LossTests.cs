using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>Each loss against a hand computation on a tiny [T = 2, B = 2, C = 3] output.</summary>
public sealed class LossTests
{
    // out[t][b][c]
    private static readonly double[,,] Output =
    {
        { { 1.0, 0.0, -1.0 }, { 0.5, 0.5, 2.0 } },
        { { 3.0, 1.0, 0.0 }, { -0.5, 1.5, 0.5 } },
    };

    private static readonly long[] Labels = [0, 2];

    private static Tensor OutputTensor() => tensor(Output.Cast<double>().Select(v => (float)v).ToArray(), [2, 2, 3]);

    private static double CrossEntropy(double[] logits, long label) =>
        Math.Log(logits.Sum(Math.Exp)) - logits[label];

    private static double[] Row(int t, int b) => [Output[t, b, 0], Output[t, b, 1], Output[t, b, 2]];

    private static double[] MeanRow(int b) => [.. Enumerable.Range(0, 3).Select(c => (Output[0, b, c] + Output[1, b, c]) / 2)];

    [TorchFact]
    public void CeMean_IsCrossEntropyOfTheTimeAveragedOutput()
    {
        var expected = (CrossEntropy(MeanRow(0), Labels[0]) + CrossEntropy(MeanRow(1), Labels[1])) / 2;
        using var output = OutputTensor();
        using var labels = tensor(Labels);
        using var loss = new MeanOutputCrossEntropyLoss().Compute(output, labels);
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [TorchFact]
    public void Tet_IsTheMeanOverStepsOfEachStepsCrossEntropy()
    {
        var expected = 0.0;
        for (var t = 0; t < 2; t++)
        for (var b = 0; b < 2; b++)
            expected += CrossEntropy(Row(t, b), Labels[b]) / 4;
        using var output = OutputTensor();
        using var labels = tensor(Labels);
        using var loss = new TemporalEfficientTrainingLoss().Compute(output, labels);
        Assert.Equal(expected, loss.item<float>(), 5);
        // Differs from CE of the mean: log-sum-exp is convex, so the mean of per-step CEs is at least CE of the mean.
        using var ceMean = new MeanOutputCrossEntropyLoss().Compute(output, labels);
        Assert.True(loss.item<float>() > ceMean.item<float>());
    }

    [TorchFact]
    public void Tet_WithLambda_MixesInTheMseTowardsPhi()
    {
        const double lambda = 0.25, phi = 0.5;
        double ce = 0, mse = 0;
        for (var t = 0; t < 2; t++)
        for (var b = 0; b < 2; b++)
        {
            ce += CrossEntropy(Row(t, b), Labels[b]) / 4;
            for (var c = 0; c < 3; c++) mse += Math.Pow(Output[t, b, c] - phi, 2) / 12;
        }
        using var output = OutputTensor();
        using var labels = tensor(Labels);
        using var loss = new TemporalEfficientTrainingLoss(lambda, phi).Compute(output, labels);
        Assert.Equal(((1 - lambda) * ce) + (lambda * mse), loss.item<float>(), 5);
    }

    [TorchFact]
    public void MseCount_ComparesRatesWithAScaledOneHotTarget()
    {
        // Spikes: sample 0 fires class 0 at both steps and class 1 once; sample 1 fires class 2 once.
        using var spikes = tensor(new float[] { 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0 }, [2, 2, 3]);
        using var labels = tensor(Labels);
        const double rate = 0.8;
        // Rates (count / T): sample 0 → [1, 0.5, 0], target [0.8, 0, 0]; sample 1 → [0, 0, 0.5], target [0, 0, 0.8].
        var expected = (Math.Pow(1 - rate, 2) + Math.Pow(0.5, 2) + 0 + 0 + 0 + Math.Pow(0.5 - rate, 2)) / 6;
        using var loss = new SpikeCountMseLoss(rate).Compute(spikes, labels);
        Assert.Equal(expected, loss.item<float>(), 6);
    }

    [TorchFact]
    public void Predict_TakesTheArgmaxOfTheTimeAveragedOutput()
    {
        using var output = OutputTensor();
        using var predicted = TrainingLoss.Predict(output);
        // Means: sample 0 → [2, 0.5, -0.5] → 0; sample 1 → [0, 1, 1.25] → 2.
        Assert.Equal([0L, 2L], predicted.data<long>().ToArray());
    }

    [TorchFact]
    public void Losses_RejectMismatchedShapes()
    {
        using var output = OutputTensor();
        using var labels = tensor(new long[] { 0, 1, 2 });
        var error = Assert.Throws<ArgumentException>(() => new MeanOutputCrossEntropyLoss().Compute(output, labels));
        Assert.Contains("[2, 2, 3]", error.Message, StringComparison.Ordinal);
    }
}
