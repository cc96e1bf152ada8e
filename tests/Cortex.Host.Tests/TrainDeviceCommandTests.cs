using System.Text.Json;
using TorchSharp;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex train --device</c> and <c>train.device</c> on the tiny digits config of <see cref="TrainCommandTests"/>.
/// CI has no GPU and this build ships libtorch's CPU package, so "cuda" is asserted to be bad input there (one line naming
/// the config file and train.device); where CUDA is available the same tests assert that the run trains on the GPU.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class TrainDeviceCommandTests
{
    [Fact]
    public void Train_DeviceCpu_TrainsAndRecordsTheDeviceInMetrics()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));
        var output = dir.File("out");

        var result = Cli.Run("train", config, "--out", output, "--device", "cpu");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("1 threads", result.Out, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.Equal("cpu", root.GetProperty("config").GetProperty("train").GetProperty("device").GetString());
        Assert.EndsWith("--device cpu", root.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Single(root.GetProperty("epochs").EnumerateArray());
    }

    [Fact]
    public void Train_WithoutDevice_RecordsTheCpuInMetrics_AndLeavesTheConfigAsWritten()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));
        var output = dir.File("out");

        var result = Cli.Run("train", config, "--out", output);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal("cpu", metrics.RootElement.GetProperty("device").GetString());
        Assert.False(metrics.RootElement.GetProperty("config").GetProperty("train").TryGetProperty("device", out _));
    }

    [Fact]
    public void Train_DeviceCuda_WithoutCuda_ExitsWithBadInputNamingTheConfigAndTrainDevice()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));
        var output = dir.File("out");

        var result = Cli.Run("train", config, "--out", output, "--device", "cuda");

        if (torch.cuda.is_available())
        {
            // A CUDA libtorch and a GPU: the run trains there and says so.
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
            Assert.StartsWith("cuda", metrics.RootElement.GetProperty("device").GetString(), StringComparison.Ordinal);
            return;
        }
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {config}: train.device: \"cuda\" asks for an NVIDIA GPU", line, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", line, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "nothing is written for a refused device");
    }

    [Fact]
    public void Train_CudaInTheConfigFile_WithoutCuda_ExitsWithBadInputNamingTheConfigAndTrainDevice()
    {
        if (torch.cuda.is_available()) return;   // the file's "cuda:0" would train on the GPU; the flag's test above covers that branch
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", WithDevice(TrainCommandTests.Config(dir, epochs: 1), "cuda:0"));

        var result = Cli.Run("train", config, "--out", dir.File("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.StartsWith($"error: {config}: train.device: \"cuda:0\" asks for an NVIDIA GPU", Assert.Single(result.ErrorLines), StringComparison.Ordinal);

        // --device overrides the file's value.
        var onCpu = Cli.Run("train", config, "--out", dir.File("out"), "--device", "cpu");
        Assert.True(onCpu.ExitCode == ExitCodes.Ok, onCpu.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("out"), "metrics.json")));
        Assert.Equal("cpu", metrics.RootElement.GetProperty("device").GetString());
    }

    [Fact]
    public void Train_BadDeviceNameInTheConfigFile_ExitsWithBadInputNamingThePath()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", WithDevice(TrainCommandTests.Config(dir, epochs: 1), "gpu"));

        var result = Cli.Run("train", config, "--out", dir.File("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Equal($"error: {config}: $.train.device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"gpu\"", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Train_BadDeviceOption_ExitsWithBadInputNamingTheOption(string device)
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));

        var result = Cli.Run("train", config, "--out", dir.File("out"), "--device", device);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"--device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"{device}\"", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")), "nothing is written for a bad option");
    }

    [Fact]
    public void Train_ResumeOnAnotherDevice_ResolvesTheOverride()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 2));
        var first = Cli.Run("train", config, "--out", dir.File("first"), "--epochs", "1");
        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        var checkpoint = Path.Combine(dir.File("first"), "last.ckpt");

        if (!torch.cuda.is_available())
        {
            var refused = Cli.Run("train", config, "--resume", checkpoint, "--out", dir.File("gpu"), "--device", "cuda", "--epochs", "2");
            Assert.True(refused.ExitCode == ExitCodes.BadInput, refused.ToString());
            Assert.StartsWith($"error: {config}: train.device: \"cuda\"", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
        }

        var resumed = Cli.Run("train", config, "--resume", checkpoint, "--out", dir.File("resumed"), "--device", "cpu", "--epochs", "2");
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.ToString());
        Assert.Contains("resuming after epoch 1", resumed.Out, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("resumed"), "metrics.json")));
        Assert.Equal("cpu", metrics.RootElement.GetProperty("device").GetString());
        Assert.Equal([1, 2], metrics.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
    }

    private static string WithDevice(string config, string device)
    {
        const string threads = "\"threads\": 1}";
        Assert.Contains(threads, config, StringComparison.Ordinal);
        return config.Replace(threads, $"\"threads\": 1, \"device\": \"{device}\"}}", StringComparison.Ordinal);
    }
}
