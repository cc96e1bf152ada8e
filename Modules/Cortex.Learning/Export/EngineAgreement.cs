using System.Diagnostics;
using Cortex.Learning.Data;
using Cortex.Learning.Training;
using Cortex.Nir.Engine;
using static TorchSharp.torch;

namespace Cortex.Learning.Export;

/// <summary>
/// Checks an export end to end: the trained network's predictions on test samples against the predictions
/// of Cortex's event-driven engine running the exported graph (NIR → network spec → cpu backend).
/// </summary>
public static class EngineAgreement
{
    /// <summary>
    /// Runs the first <paramref name="limit"/> samples of <paramref name="data"/> (all when null) through both; cancelling
    /// <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/> before the next engine sample.
    /// </summary>
    public static EngineAgreementResult Measure(SpikingNetwork network, LabeledDataset data, int? limit = null, double dtSeconds = 1e-3, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (network.Encoder.Name != "direct")
            throw new ExportException($"the engine check feeds analog input currents, so it needs the \"direct\" encoder; this network uses \"{network.Encoder.Name}\"");
        var count = Math.Min(limit ?? data.Count, data.Count);
        var converted = NirToSpec.Convert(NirExporter.Export(network, dtSeconds), new NirConversionOptions { DtSeconds = dtSeconds });
        using var engine = new EngineInference(converted, network.Steps);

        var torchPredictions = new int[count];
        var watch = Stopwatch.StartNew();
        network.eval();
        using (no_grad())
        {
            for (var start = 0; start < count; start += 256)
            {
                using var scope = NewDisposeScope();
                var batch = data.Inputs[TensorIndex.Slice(start, Math.Min(count, start + 256))];
                var predicted = network.forward(batch).mean([0]).argmax(1).data<long>().ToArray();
                for (var i = 0; i < predicted.Length; i++) torchPredictions[start + i] = (int)predicted[i];
            }
        }
        var torchSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var labels = data.LabelArray();
        int agree = 0, torchCorrect = 0, engineCorrect = 0;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var sample = data.Inputs[i].flatten().to(float32).contiguous();
            var enginePrediction = engine.Run(sample.data<float>().ToArray()).Prediction;
            if (enginePrediction == torchPredictions[i]) agree++;
            if (enginePrediction == labels[i]) engineCorrect++;
            if (torchPredictions[i] == labels[i]) torchCorrect++;
            progress?.Report(i + 1);
        }
        return new EngineAgreementResult(count, agree, torchCorrect, engineCorrect, torchSeconds, watch.Elapsed.TotalSeconds, engine.BackendName);
    }
}

/// <summary>The outcome of <see cref="EngineAgreement.Measure"/>.</summary>
public sealed record EngineAgreementResult(int Samples, int Agreeing, int TorchCorrect, int EngineCorrect, double TorchSeconds, double EngineSeconds, string Backend)
{
    /// <summary>Fraction of samples on which both predict the same class.</summary>
    public double Agreement => Samples == 0 ? 0 : (double)Agreeing / Samples;

    /// <summary>Test accuracy of the TorchSharp model on these samples.</summary>
    public double TorchAccuracy => Samples == 0 ? 0 : (double)TorchCorrect / Samples;

    /// <summary>Test accuracy of the engine on these samples.</summary>
    public double EngineAccuracy => Samples == 0 ? 0 : (double)EngineCorrect / Samples;
}
