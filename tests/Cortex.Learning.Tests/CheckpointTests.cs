using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>A checkpoint holds everything a run needs: resuming continues exactly as if never stopped.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cortex-checkpoint-tests-{Guid.NewGuid():N}");

    public CheckpointTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Adam moments, batch-norm-free but with dropout (global RNG), Poisson input (encoder RNG), PLIF τ and learned thresholds.
    private static TrainingConfig Config(int epochs) => TrainingConfig.Parse(TrainingFixtures.Config(
        layers: """[{"type":"linear","out":16},{"type":"test_dropout","p":0.2},{"type":"plif","tau":2,"learn_threshold":true},{"type":"linear","out":3}]""",
        encoder: """{"type":"poisson"}""", epochs: epochs), "tiny");

    [TorchFact]
    public void Resume_ContinuesExactlyLikeAnUninterruptedRun()
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        var registry = TrainingFixtures.Registry();

        using var straight = Trainer.Create(Config(2), registry);
        straight.Run(train, test);

        var path = Path.Combine(_directory, "epoch1.ckpt");
        using (var first = Trainer.Create(Config(2), registry))
        {
            first.TrainEpoch(train, test);
            TrainingCheckpoint.Save(path, first);
        }
        // Disturb everything a process carries between runs before resuming.
        random.manual_seed(12345);
        using (rand(100)) { }

        using var checkpoint = TrainingCheckpoint.Load(path, registry);
        Assert.Equal(1, checkpoint.EpochsDone);
        Assert.Equal(4, checkpoint.StepsDone);
        using var resumed = Trainer.Resume(checkpoint);
        resumed.Run(train, test);

        Assert.Equal(2, resumed.EpochsDone);
        Assert.Equal(straight.StepsDone, resumed.StepsDone);
        Assert.Equal(straight.History.Select(m => m.TrainLoss), resumed.History.Select(m => m.TrainLoss));
        Assert.Equal(straight.History.Select(m => m.TestLoss), resumed.History.Select(m => m.TestLoss));
        var expected = TrainingFixtures.Snapshot(straight.Network);
        var actual = TrainingFixtures.Snapshot(resumed.Network);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected) Assert.Equal(values, actual[name]);
    }

    [TorchFact]
    public void SaveAndLoad_RoundTripsWeightsConfigAndMetrics()
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        var registry = TrainingFixtures.Registry();
        using var trainer = Trainer.Create(Config(1), registry);
        trainer.Run(train, test);
        var path = Path.Combine(_directory, "last.ckpt");
        TrainingCheckpoint.Save(path, trainer);

        using var checkpoint = TrainingCheckpoint.Load(path, registry);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(trainer.Config.Json), System.Text.Json.Nodes.JsonNode.Parse(checkpoint.Config.Json)));
        Assert.Equal("tiny", checkpoint.Config.Name);
        Assert.Equal(trainer.History, checkpoint.Metrics);
        var expected = TrainingFixtures.Snapshot(trainer.Network);
        foreach (var (name, values) in TrainingFixtures.Snapshot(checkpoint.Network)) Assert.Equal(expected[name], values);
        // The loaded network classifies the test set exactly as the trainer did.
        var reloaded = Trainer.Evaluate(checkpoint.Network, TrainingLoss.Create(checkpoint.Config.Train.Loss), test, 16, checkpoint.Config.Train.Seed);
        Assert.Equal(trainer.History[^1].TestAccuracy, reloaded.Accuracy);
        Assert.Equal(trainer.History[^1].TestLoss, reloaded.Loss, 12);
    }

    [TorchFact]
    public void Load_MissingFile_NamesIt()
    {
        var path = Path.Combine(_directory, "nowhere.ckpt");
        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path, TrainingFixtures.Registry()));
        Assert.Equal($"{path}: checkpoint not found", error.Message);
    }

    [TorchFact]
    public void Load_NotACheckpoint_NamesTheFile()
    {
        var path = Path.Combine(_directory, "config.json");
        File.WriteAllText(path, "{\"data\": {}}");
        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path, TrainingFixtures.Registry()));
        Assert.StartsWith($"{path}: not a Cortex training checkpoint", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Load_TruncatedFile_NamesTheFile()
    {
        using var train = TrainingFixtures.Separable(30, seed: 1);
        var registry = TrainingFixtures.Registry();
        using var trainer = Trainer.Create(Config(1), registry);
        var path = Path.Combine(_directory, "cut.ckpt");
        TrainingCheckpoint.Save(path, trainer);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);
        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path, registry));
        // The checksum trailer is what a cut file loses first, so the refusal names the file and says it is truncated.
        Assert.StartsWith($"{path}: no checksum at the end of the file: it is truncated", error.Message, StringComparison.Ordinal);
    }
}
