using Cortex.Learning.Data;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>Tiny datasets, configs and a registry for the training tests (each run takes well under a second).</summary>
internal static class TrainingFixtures
{
    /// <summary>The built-in components plus a dropout layer that draws from torch's global generator.</summary>
    public static LearningRegistry Registry()
    {
        var services = new ServiceCollection();
        new LearningPlugin().Configure(services);
        services.AddSpikingLayer("test_dropout", "dropout for the seeding tests", (config, context) =>
            new BuiltLayer(nn.Dropout(config.Number("p", 0.2, 0, 1)), context.InputShape));
        using var provider = services.BuildServiceProvider();
        return new LearningRegistry(provider);
    }

    /// <summary>
    /// A linearly separable problem: class c has feature c near 0.9 and the others near 0.1 (plus noise),
    /// so a small spiking MLP learns it in a few dozen steps.
    /// </summary>
    public static LabeledDataset Separable(int count, int seed, int classes = 3, int features = 6)
    {
        var random = new Random(seed);
        var inputs = new float[count * features];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            labels[i] = label;
            for (var f = 0; f < features; f++)
                inputs[(i * features) + f] = (float)Math.Clamp((f == label ? 0.9 : 0.1) + ((random.NextDouble() - 0.5) * 0.2), 0, 1);
        }
        return new LabeledDataset("separable", tensor(inputs, [count, features]), tensor(labels), classes);
    }

    /// <summary>A training config for <see cref="Separable"/> with the given layers, encoder and train overrides.</summary>
    public static string Config(
        string layers = """[{"type":"linear","out":16},{"type":"plif","tau":2,"learn_threshold":true},{"type":"linear","out":3}]""",
        string encoder = """{"type":"direct"}""",
        int epochs = 2,
        string optimizer = """{"type":"adam","lr":0.05}""",
        string extraTrain = "",
        int steps = 4) => $$"""
        {
          "data": {"dataset": "digits", "limit_train": 60, "limit_test": 30},
          "model": {"input_shape": [6], "steps": {{steps}}, "encoder": {{encoder}}, "layers": {{layers}}},
          "train": {"epochs": {{epochs}}, "batch_size": 16, "optimizer": {{optimizer}}, "schedule": "cosine", "loss": "ce_mean", "seed": 7, "threads": 1{{extraTrain}}}
        }
        """;

    /// <summary>The last epoch's test accuracy of a fresh trainer for <paramref name="config"/> on <paramref name="data"/>.</summary>
    public static double FinalTestAccuracy(TrainingConfig config, DatasetSplit data)
    {
        using var trainer = Trainer.Create(config, Registry());
        return trainer.Run(data.Train, data.Test)[^1].TestAccuracy;
    }

    /// <summary>Every parameter and buffer of <paramref name="module"/> as float arrays by name.</summary>
    public static Dictionary<string, float[]> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(p => p.Key, p => p.Value.to_type(ScalarType.Float32).data<float>().ToArray());
}
