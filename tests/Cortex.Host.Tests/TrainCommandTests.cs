using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex train</c> and <c>cortex eval</c> on a synthetic 8×8 digits file (written by the test, so no
/// dataset needs installing): outputs, exact evaluation of the checkpoint, resume, and one-line errors.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class TrainCommandTests
{
    [Fact]
    public void Train_WritesMetricsCurveAndCheckpoints_AndEvalReproducesTheTestAccuracy()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", Config(dir, epochs: 3));
        var output = dir.File("out");

        var train = Cli.Run("train", config, "--out", output);
        Assert.True(train.ExitCode == ExitCodes.Ok, train.ToString());
        Assert.Contains("epoch 3/3", train.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "metrics.json", "learning_curve.png", "last.ckpt", "best.ckpt" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing\n{train}");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(output, "learning_curve.png"))[..4]);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal(3, root.GetProperty("epochs").GetArrayLength());
        Assert.Equal(5, root.GetProperty("seed").GetInt32());
        Assert.StartsWith("cortex train", root.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Equal(150, root.GetProperty("train_samples").GetInt32() + root.GetProperty("test_samples").GetInt32());
        var finalAccuracy = root.GetProperty("final_test_accuracy").GetDouble();
        Assert.Equal(root.GetProperty("epochs")[2].GetProperty("test_accuracy").GetDouble(), finalAccuracy);
        Assert.True(root.GetProperty("peak_memory_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("images_per_second").GetDouble() > 0);
        // The synthetic classes are separable: three epochs learn them well beyond chance (10 %).
        Assert.True(finalAccuracy > 0.5, $"final test accuracy {finalAccuracy}");

        var eval = Cli.Run("eval", Path.Combine(output, "last.ckpt"));
        Assert.True(eval.ExitCode == ExitCodes.Ok, eval.ToString());
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "eval.json")));
        Assert.Equal(finalAccuracy, evaluation.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(root.GetProperty("final_test_loss").GetDouble(), evaluation.RootElement.GetProperty("test_loss").GetDouble(), 6);
        var confusion = evaluation.RootElement.GetProperty("confusion_matrix");
        Assert.Equal(10, confusion.GetArrayLength());
        Assert.Equal(root.GetProperty("test_samples").GetInt32(), confusion.EnumerateArray().Sum(row => row.EnumerateArray().Sum(n => n.GetInt32())));

        // The NeuroBench-style cost block: measured on every test sample, operations split by kind, energy cited.
        var cost = evaluation.RootElement.GetProperty("cost");
        Assert.Equal(root.GetProperty("test_samples").GetInt32(), cost.GetProperty("samples").GetInt32());
        var operations = cost.GetProperty("synaptic_operations_per_sample");
        Assert.True(operations.GetProperty("dense").GetDouble() >= operations.GetProperty("effective_macs").GetDouble() + operations.GetProperty("effective_acs").GetDouble());
        Assert.InRange(cost.GetProperty("activation_sparsity").GetDouble(), 0, 1);
        Assert.Contains("Horowitz", cost.GetProperty("energy_per_sample_pj").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("cost per sample", eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Resume_KeepsTheCheckpointsEpochsAndAddsTheRest()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", Config(dir, epochs: 2));
        var first = Cli.Run("train", config, "--out", dir.File("first"), "--epochs", "1");
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        using var firstMetrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("first"), "metrics.json")));

        var resumed = Cli.Run("train", config, "--out", dir.File("resumed"), "--resume", Path.Combine(dir.File("first"), "last.ckpt"), "--epochs", "3");
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.ToString());
        Assert.Contains("resuming after epoch 1", resumed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch 1/3", resumed.Out, StringComparison.Ordinal);
        using var resumedMetrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("resumed"), "metrics.json")));
        var epochs = resumedMetrics.RootElement.GetProperty("epochs");
        Assert.Equal([1, 2, 3], epochs.EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.Equal(firstMetrics.RootElement.GetProperty("epochs")[0].GetRawText(), epochs[0].GetRawText());
        Assert.Equal(3, resumedMetrics.RootElement.GetProperty("config").GetProperty("train").GetProperty("epochs").GetInt32());
    }

    [Fact]
    public void Train_ResumeWithAnotherModel_ExitsWithBadInput()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", Config(dir, epochs: 1));
        Assert.Equal(ExitCodes.Ok, Cli.Run("train", config, "--out", dir.File("out")).ExitCode);
        var other = dir.Write("other.json", Config(dir, epochs: 1).Replace("\"out\": 32", "\"out\": 16", StringComparison.Ordinal));
        var result = Cli.Run("train", other, "--resume", Path.Combine(dir.File("out"), "last.ckpt"), "--out", dir.File("out2"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("was trained with a different model", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MissingDataset_ExitsWithBadInputNamingTheFile()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("no-digits.csv.gz");
        var config = dir.Write("tiny.json", Config(dir, epochs: 1).Replace(dir.File("digits.csv"), missing, StringComparison.Ordinal));
        var result = Cli.Run("train", config, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("python3-sklearn", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_BadConfig_ExitsWithBadInputNamingThePath()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", Config(dir, epochs: 1).Replace("\"batch_size\": 25", "\"batch_size\": 0", StringComparison.Ordinal));
        var result = Cli.Run("train", config, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("$.train.batch_size: must be between 1", Assert.Single(result.ErrorLines), StringComparison.Ordinal);

        var badLayer = dir.Write("layer.json", Config(dir, epochs: 1).Replace("\"type\": \"lif\"", "\"type\": \"lfi\"", StringComparison.Ordinal));
        result = Cli.Run("train", badLayer, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("model.layers[2].type: unknown layer type 'lfi'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>
    /// Found by the training-config campaign in a fresh-clone CI run: tiny_fashion with a huge layer size reached libtorch's
    /// allocator, which failed (exit 70 with C++ frames) or not, depending on the memory free at the time. The model's
    /// memory is now estimated from its shapes before anything is allocated, and a config beyond the memory available
    /// is bad input: one line naming the file, the estimate and the memory, exit 2, whatever the machine has free.
    /// </summary>
    [Fact]
    public void Train_TinyFashionWithAHugeLayer_IsRefusedBeforeAllocating_NamingTheConfigTheEstimateAndTheMemory()
    {
        using var dir = new TempDirectory();
        var example = Path.Combine(AppContext.BaseDirectory, "examples", "learning", "tiny_fashion.json");
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(example))!;
        Assert.Equal("linear", document["model"]!["layers"]![10]!["type"]!.GetValue<string>());
        document["model"]!["layers"]![10]!["out"] = int.MaxValue;
        var config = dir.Write("huge-layer.json", document.ToJsonString());

        var result = Cli.Run("train", config, "--out", dir.File("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        // The layer's input: 16 channels of 7×7 after two 2×2 poolings of 28×28; weights and biases, each kept four
        // times while training (weight, gradient, two Adam moments) in float32.
        var weights = (16.0 * 7 * 7 + 1) * int.MaxValue;
        Assert.StartsWith($"error: {config}: model.layers[10]: its {weights.ToString("G3", CultureInfo.InvariantCulture)} weights need about " +
                          $"{(weights * 16 / (1L << 30)).ToString("0.0", CultureInfo.InvariantCulture)} GB of memory", line, StringComparison.Ordinal);
        Assert.Matches(@"more than the \d+\.\d GB available to this process$", line);
        Assert.DoesNotContain("frame #", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")), "nothing is written for a refused config");
    }

    /// <summary>Every layer fits, but one batch's activations over all steps (kept for backpropagation through time) do not.</summary>
    [Fact]
    public void Train_TinyFashionWithAHugeBatchOverManySteps_IsRefusedWithTheWholeEstimate()
    {
        using var dir = new TempDirectory();
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "learning", "tiny_fashion.json")))!;
        document["train"]!["batch_size"] = 1_000_000;
        document["model"]!["steps"] = 10_000;
        var config = dir.Write("huge-batch.json", document.ToJsonString());

        var result = Cli.Run("train", config, "--out", dir.File("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {config}: training needs about ", line, StringComparison.Ordinal);
        Assert.Contains("for a batch of 1000000 over 10000 steps", line, StringComparison.Ordinal);
        Assert.Matches(@"more than the \d+\.\d GB available to this process", line);
    }

    /// <summary>Found by the training-config campaign: a lone surrogate in a config string crashed with exit 70.</summary>
    [Fact]
    public void Train_LoneSurrogateInAString_ExitsWithBadInputNamingThePath()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", Config(dir, epochs: 1).Replace("\"dataset\": \"digits\"", "\"dataset\": \"dig\\ud800its\"", StringComparison.Ordinal));
        var result = Cli.Run("train", config, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("$.data.dataset: holds an invalid string", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_CorruptOrMissingCheckpoint_ExitsWithBadInputNamingTheFile()
    {
        using var dir = new TempDirectory();
        var corrupt = dir.Write("broken.ckpt", "not a checkpoint");
        var result = Cli.Run("eval", corrupt);
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains($"{corrupt}: not a Cortex training checkpoint", Assert.Single(result.ErrorLines), StringComparison.Ordinal);

        result = Cli.Run("eval", dir.File("missing.ckpt"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains($"{dir.File("missing.ckpt")}: checkpoint not found", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>A tiny config reading <c>digits.csv</c>, which it writes: 150 rows, class c lighting pixel column c.</summary>
    internal static string Config(TempDirectory dir, int epochs)
    {
        var csv = new StringBuilder();
        var random = new Random(3);
        for (var row = 0; row < 150; row++)
        {
            var label = row % 10;
            var pixels = Enumerable.Range(0, 64).Select(p => p % 8 == label % 8 && (label < 8 || p / 32 == label - 8) ? 12 + random.Next(5) : random.Next(4));
            csv.AppendLine(string.Join(",", pixels.Append(label).Select(v => v.ToString(CultureInfo.InvariantCulture))));
        }
        var data = dir.Write("digits.csv", csv.ToString());
        return $$"""
            {
              "data": {"dataset": "digits", "path": "{{data}}", "seed": 0},
              "model": {"input_shape": [1, 8, 8], "steps": 4, "encoder": {"type": "direct"},
                        "layers": [{"type": "flatten"}, {"type": "linear", "out": 32}, {"type": "lif", "tau": 2}, {"type": "linear", "out": 10}]},
              "train": {"epochs": {{epochs}}, "batch_size": 25, "optimizer": {"type": "adam", "lr": 0.03}, "schedule": "cosine", "loss": "ce_mean", "seed": 5, "threads": 1}
            }
            """;
    }
}

/// <summary>Training runs seed torch's global generator: they run alone, not beside other tests that use torch.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingRunsCollectionDefinition
{
    public const string Name = "training runs";
}
