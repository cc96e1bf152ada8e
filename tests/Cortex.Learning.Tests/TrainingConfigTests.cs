using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.Tests;

/// <summary>Parsing the training config: values land where they belong, and every error names its JSON path.</summary>
public sealed class TrainingConfigTests
{
    private const string Valid = """
        {
          "description": "digits MLP",
          "data": {"dataset": "fashion_mnist", "path": "/data/fm", "limit_train": 100, "limit_test": 50, "seed": 3},
          "model": {"input_shape": [1, 8, 8], "steps": 8, "layers": [{"type": "flatten"}, {"type": "linear", "out": 10}]},
          "train": {"epochs": 5, "batch_size": 32, "optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.9, "weight_decay": 1e-4},
                    "schedule": "cosine", "lr_min": 0.001, "loss": "tet", "tet_lambda": 0.05, "seed": 11, "threads": 2}
        }
        """;

    [Fact]
    public void Parse_ReadsEverySection()
    {
        var config = TrainingConfig.Parse(Valid, "run");
        Assert.Equal("run", config.Name);
        Assert.Equal(new DataConfig("fashion_mnist", "/data/fm", 100, 50, 3), config.Data);
        Assert.Equal(5, config.Train.Epochs);
        Assert.Equal(32, config.Train.BatchSize);
        Assert.Equal(new OptimizerConfig("sgd", 0.1, 0.9, 1e-4), config.Train.Optimizer);
        Assert.Equal(LearningRateScheduleKind.Cosine, config.Train.Schedule);
        Assert.Equal(0.001, config.Train.MinLearningRate);
        Assert.Equal(new LossConfig("tet", TetLambda: 0.05), config.Train.Loss);
        Assert.Equal(11, config.Train.Seed);
        Assert.Equal(2, config.Train.Threads);
        Assert.Contains("\"steps\": 8", config.ModelJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AppliesDefaults()
    {
        var config = TrainingConfig.Parse("""
            {"data": {"dataset": "digits"}, "model": {}, "train": {"epochs": 1, "batch_size": 8, "optimizer": {"type": "adam"}}}
            """, "d");
        Assert.Null(config.Data.Path);
        Assert.Null(config.Data.LimitTrain);
        Assert.Equal(new OptimizerConfig("adam", 1e-3, 0, 0), config.Train.Optimizer);
        Assert.Equal(LearningRateScheduleKind.Constant, config.Train.Schedule);
        Assert.Equal("ce_mean", config.Train.Loss.Name);
        Assert.Null(config.Train.Threads);
    }

    [Theory]
    [InlineData("\"epochs\": 5,", "\"epochs\": 0,", "$.train.epochs: must be between 1 and 100000, got 0")]
    [InlineData("\"dataset\": \"fashion_mnist\"", "\"dataset\": \"cifar\"", "$.data.dataset: expected \"digits\", \"fashion_mnist\", \"graph\" or \"tactile\", got \"cifar\"")]
    [InlineData("\"type\": \"sgd\"", "\"type\": \"rmsprop\"", "$.train.optimizer.type: expected \"adam\" or \"sgd\", got \"rmsprop\"")]
    [InlineData("\"momentum\": 0.9", "\"momentum\": 1", "$.train.optimizer.momentum: must be below 1, got 1")]
    [InlineData("\"schedule\": \"cosine\"", "\"schedule\": \"step\"", "$.train.schedule: expected \"cosine\" or \"constant\", got \"step\"")]
    [InlineData("\"loss\": \"tet\"", "\"loss\": \"nll\"", "$.train.loss: expected \"ce_mean\", \"tet\" or \"mse_count\", got \"nll\"")]
    [InlineData("\"batch_size\": 32", "\"batch_size\": \"32\"", "$.train.batch_size: expected a whole number, got \"32\"")]
    [InlineData("\"threads\": 2", "\"thread\": 2", "$.train.thread: unknown key")]
    [InlineData("\"lr_min\": 0.001", "\"lr_min\": 0.5", "$.train.lr_min: must be >= 0 and <= 0.1, got 0.5")]
    [InlineData("\"limit_test\": 50", "\"limit_test\": 0", "$.data.limit_test: must be between 1 and")]
    public void Parse_ErrorsNameThePath(string original, string replacement, string expected)
    {
        Assert.Contains(original, Valid, StringComparison.Ordinal);
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse(Valid.Replace(original, replacement, StringComparison.Ordinal), "run"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsAnotherLossesConstant()
    {
        var json = Valid.Replace("\"loss\": \"tet\"", "\"loss\": \"ce_mean\"", StringComparison.Ordinal);
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse(json, "run"));
        Assert.StartsWith("$.train.tet_lambda: unknown key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsMomentumForAdam()
    {
        var json = Valid.Replace("\"type\": \"sgd\"", "\"type\": \"adam\"", StringComparison.Ordinal);
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse(json, "run"));
        Assert.StartsWith("$.train.optimizer.momentum: unknown key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RequiresEachSection()
    {
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse("""{"data": {"dataset": "digits"}, "model": {}}""", "x"));
        Assert.Equal("$.train: is required", error.Message);
    }

    [Fact]
    public void Load_NamesTheFileInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cortex-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Valid.Replace("\"epochs\": 5,", "\"epochs\": -1,", StringComparison.Ordinal));
        try
        {
            var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Load(path));
            Assert.StartsWith($"{path}: $.train.epochs:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<FileNotFoundException>(() => TrainingConfig.Load(path));
    }

    [Fact]
    public void WithEpochs_ChangesTheStoredJsonToo()
    {
        var config = TrainingConfig.Parse(Valid, "run").WithEpochs(9);
        Assert.Equal(9, config.Train.Epochs);
        Assert.Equal(9, TrainingConfig.Parse(config.Json, "run").Train.Epochs);
    }
}
