using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// Every config in <c>examples/learning</c> loads and trains through <c>cortex train</c>: the tiny CI smoke configs
/// in full, the large ones cut to one epoch on a few samples (or a few episodes), so a change that breaks an example
/// fails here instead of in a user's hands. The datasets come from Debian packages; outside CI a missing one skips
/// naming the package to install, under CI it fails (<see cref="DatasetFactAttribute"/>).
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class ExampleTrainingConfigTests
{
    private const string Digits = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";
    private const string Fashion = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", "learning", name);

    public static TheoryData<string> Examples => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "learning"), "*.json")
        .Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [DatasetFact(Digits, "python3-sklearn")]
    public void TinyDigits_TheCiSmokeRun_TrainsInFull_WellAboveChance()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("train", Example("tiny_digits.json"), "--out", dir.Path);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "metrics.json")));
        Assert.Equal(3, metrics.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal(400, metrics.RootElement.GetProperty("train_samples").GetInt32() + metrics.RootElement.GetProperty("test_samples").GetInt32());
        // Ten classes: chance is 10 %. A 64-unit MLP reaches this within 3 epochs on 300 real digits.
        var accuracy = metrics.RootElement.GetProperty("final_test_accuracy").GetDouble();
        Assert.True(accuracy >= 0.6, $"final test accuracy {accuracy}");
    }

    /// <summary>Each example, its data cut to a few samples and one epoch (or a few episodes), trains to the end.</summary>
    [DatasetTheory(Digits, "python3-sklearn", Fashion, "dataset-fashion-mnist")]
    [MemberData(nameof(Examples))]
    public void EveryExample_LoadsAndTrainsOneShortEpoch(string name)
    {
        var config = JsonNode.Parse(File.ReadAllText(Example(name)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        if (config["data"] is JsonObject data)
        {
            data["limit_train"] = 16;
            data["limit_test"] = 8;
        }
        var train = config["train"]!.AsObject();
        if (train.ContainsKey("epochs")) train["epochs"] = 1;
        if (train.ContainsKey("episodes")) train["episodes"] = 1;
        if (train.ContainsKey("evaluation_episodes")) train["evaluation_episodes"] = 1;
        if (train.ContainsKey("batch_size")) train["batch_size"] = Math.Min(train["batch_size"]!.GetValue<int>(), 8);

        using var dir = new TempDirectory();
        var result = Cli.Run("train", dir.Write(name, config.ToJsonString()), "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.Ok, $"{name}: {result}");
        Assert.Empty(result.ErrorLines);
        Assert.True(File.Exists(Path.Combine(dir.File("out"), "metrics.json")), $"{name}: no metrics.json\n{result}");
    }
}
