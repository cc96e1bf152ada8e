using Cortex.Learning.EventProp;
using Cortex.Learning.Training;

namespace Cortex.Learning.Tests.EventProp;

/// <summary>Training with EventProp: it learns, repeats exactly under a seed whatever the thread count, and saves what it trained.</summary>
public sealed class EventPropTrainingTests
{
    private static EventPropConfig Parse(string json) => EventPropConfig.Parse(json, "test", EventPropFixtures.Registry);

    private static double[][] Train(string json, int? threads)
    {
        var config = Parse(json);
        config = config with { Train = config.Train with { Threads = threads } };
        var trainer = EventPropTrainer.Create(config);
        trainer.Run(EventPropFixtures.Halves(48, 16, 1), EventPropFixtures.Halves(16, 16, 2));
        return [.. trainer.Network.Layers.Select(l => (double[])l.Weights.Clone())];
    }

    [Fact]
    public void ATwoClassTask_IsLearned()
    {
        var config = Parse(EventPropFixtures.Config(train: """
            {"trainer": "eventprop", "epochs": 6, "batch_size": 8, "optimizer": {"type": "adam", "lr": 0.01},
             "tau0": 5, "alpha": 1, "silent_label_push": 1, "seed": 5}
            """));
        var trainer = EventPropTrainer.Create(config);
        var test = EventPropFixtures.Halves(40, 16, 2);
        var before = trainer.Evaluate(test);
        trainer.Run(EventPropFixtures.Halves(80, 16, 1), test);
        var best = trainer.History.Max(m => m.TestAccuracy);
        Assert.True(best >= 0.9, $"best test accuracy {best} (before training {before.Accuracy}): {string.Join(", ", trainer.History.Select(m => m.TestAccuracy))}");
        Assert.True(trainer.History[^1].TestLoss < before.Loss, $"loss {before.Loss} → {trainer.History[^1].TestLoss}");
    }

    [Fact]
    public void TheSameSeed_GivesTheSameWeights_WhateverTheThreadCount()
    {
        var one = Train(EventPropFixtures.Config(), threads: 1);
        var again = Train(EventPropFixtures.Config(), threads: 1);
        var two = Train(EventPropFixtures.Config(), threads: 2);
        for (var l = 0; l < one.Length; l++)
        {
            Assert.Equal(one[l], again[l]);
            Assert.Equal(one[l], two[l]);
        }
        var other = Train(EventPropFixtures.Config().Replace("\"seed\": 5", "\"seed\": 6", StringComparison.Ordinal), threads: 1);
        Assert.NotEqual(one[0], other[0]);
    }

    [Fact]
    public void Shapes_FollowTheConfig()
    {
        var config = Parse(EventPropFixtures.Config());
        var network = EventPropTrainer.CreateNetwork(config.Model, 1);
        Assert.Equal([(16, 12), (12, 2)], network.Layers.Select(l => (l.Inputs, l.Outputs)));
        Assert.Equal([16 * 12, 12 * 2], network.NewGradients().Select(g => g.Length));
        Assert.Equal(2, network.ClassCount);
        // init_mean/init_std: the drawn weights have about the configured moments.
        var w = network.Layers[0].Weights;
        Assert.InRange(w.Average(), 0.6 - 0.1, 0.6 + 0.1);
        var std = Math.Sqrt(w.Select(x => (x - w.Average()) * (x - w.Average())).Average());
        Assert.InRange(std, 0.4 * 0.8, 0.4 * 1.2);
    }

    [Fact]
    public void ASavedModel_LoadsBackToTheSameSpikeTimes()
    {
        var config = Parse(EventPropFixtures.Config());
        var trainer = EventPropTrainer.Create(config);
        trainer.TrainEpoch(EventPropFixtures.Halves(16, 16, 1), EventPropFixtures.Halves(8, 16, 2));
        var path = Path.Combine(Path.GetTempPath(), $"eventprop-{Guid.NewGuid():N}.json");
        try
        {
            EventPropModelFile.Save(path, config, trainer.Network, trainer.EpochsDone);
            var (loaded, network) = EventPropModelFile.Load(path, EventPropFixtures.Registry);
            Assert.Equal(config.Model.Layers, loaded.Model.Layers);
            var sample = EventPropFixtures.Halves(1, 16, 9).Features[0];
            Assert.Equal(trainer.Network.FirstSpikeTimes(sample), network.FirstSpikeTimes(sample));
            File.WriteAllText(path, """{"format": "something else"}""");
            var e = Assert.Throws<CheckpointException>(() => EventPropModelFile.Load(path, EventPropFixtures.Registry));
            Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
