using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// The learning commands stopped by Ctrl+C or SIGTERM right after their first epoch (<see cref="SignalOnLine"/>): each
/// ends before the next epoch, keeps what it has written (results so far, model files), says so in one <c>stopped:</c>
/// line and exits with the signal's code (130, 143), as <c>cortex run</c> does.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class StoppedLearningCommandTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT, ExitCodes.Interrupted)]
    [InlineData(PosixSignal.SIGTERM, ExitCodes.Terminated)]
    public void Gcn_StoppedAfterItsFirstEpoch_WritesGcnJsonForThatEpoch_AndExitsWithTheSignalsCode(PosixSignal signal, int exitCode)
    {
        using var dir = new TempDirectory();
        var config = dir.Write("sbm.json", GcnCommandTests.GraphConfig);
        var (stopped, output) = Stop(["gcn", config, "--out", dir.File("stopped"), "--epochs", "5"], "epoch 1/5", signal);

        Assert.True(stopped.ExitCode == exitCode, stopped.ToString());
        Assert.DoesNotContain("epoch 2/5", stopped.Out, StringComparison.Ordinal);
        var gcnJson = Path.Combine(dir.File("stopped"), "gcn.json");
        AssertOneStopLine(stopped, $"the GCN baseline was stopped after epoch 1 of 5; {gcnJson} holds");
        using var report = JsonDocument.Parse(File.ReadAllText(gcnJson));
        var root = report.RootElement;
        Assert.Equal(5, root.GetProperty("epochs").GetInt32());
        Assert.Equal(1, root.GetProperty("epochs_done").GetInt32());
        Assert.True(root.GetProperty("stopped").GetBoolean());

        // Same seed: the model stopped after one epoch is the model of a one-epoch run.
        var once = Cli.Run("gcn", config, "--out", dir.File("once"), "--epochs", "1");
        Assert.True(once.ExitCode == ExitCodes.Ok, once.ToString());
        using var oneEpoch = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("once"), "gcn.json")));
        Assert.False(oneEpoch.RootElement.GetProperty("stopped").GetBoolean());
        foreach (var key in new[] { "train_accuracy", "test_accuracy", "final_loss" })
            Assert.Equal(oneEpoch.RootElement.GetProperty(key).GetDouble(), root.GetProperty(key).GetDouble());
        Assert.True(output.Signalled);
    }

    [Fact]
    public void SparseBackwardBench_StoppedAfterItsFirstEpoch_WritesTheTimesSoFar_AndExits130()
    {
        using var dir = new TempDirectory();
        var json = dir.File("bench.json");
        var (stopped, _) = Stop(["bench", "sparse-backward", dir.Write("sparse.json", SparseBackwardBenchCommandTests.SparseConfig), "--epochs", "3", "--out", json], "epoch 1/3");

        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.ToString());
        Assert.DoesNotContain("epoch 2/3", stopped.Out, StringComparison.Ordinal);
        AssertOneStopLine(stopped, $"the benchmark was stopped after 1 of 3 epochs; the times above cover the batches trained until then and are in {json}");
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(report.RootElement.GetProperty("stopped").GetBoolean());
        var result = report.RootElement.GetProperty("result");
        Assert.Equal(3, result.GetProperty("epochs").GetInt32());
        Assert.Equal(1, result.GetProperty("epochs_done").GetInt32());
        foreach (var arm in new[] { "sparse", "dense" })
        {
            Assert.True(result.GetProperty(arm).GetProperty("median_backward_ms").GetDouble() > 0, stopped.ToString());
            // The accuracy is the one epoch tested, as printed on that epoch's line.
            Assert.InRange(result.GetProperty(arm).GetProperty("final_test_accuracy").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public void Train_StoppedAfterItsFirstEpoch_KeepsThatEpochsMetricsAndCheckpoint_AndSaysHowToResume()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 3));
        var output = dir.File("out");
        var (stopped, _) = Stop(["train", config, "--out", output], "epoch 1/3");

        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.ToString());
        Assert.DoesNotContain("epoch 2/3", stopped.Out, StringComparison.Ordinal);
        var last = Path.Combine(output, "last.ckpt");
        AssertOneStopLine(stopped, $"training was stopped during epoch 2; the 1 epoch completed are in {output} "
                                   + $"(metrics.json, learning_curve.png, last.ckpt, best.ckpt); continue with cortex train {config} --resume {last} --out {output}");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(1, metrics.RootElement.GetProperty("epochs_done").GetInt32());
        Assert.Equal(1, metrics.RootElement.GetProperty("epochs").GetArrayLength());

        // The checkpoint it kept continues the run.
        var resumed = Cli.Run("train", config, "--out", dir.File("resumed"), "--resume", last);
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.ToString());
        Assert.Contains("resuming after epoch 1", resumed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EventPropTrain_StoppedAfterItsFirstEpoch_KeepsMetricsCurveAndModel()
    {
        using var dir = new TempDirectory();
        var classifier = TrainCommandTests.Config(dir, epochs: 3);
        var config = dir.Write("eventprop.json", EventPropConfig(JsonDocument.Parse(classifier).RootElement.GetProperty("data").GetProperty("path").GetString()!));
        var output = dir.File("out");
        var (stopped, _) = Stop(["train", config, "--out", output], "epoch 1/3");

        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.ToString());
        Assert.DoesNotContain("epoch 2/3", stopped.Out, StringComparison.Ordinal);
        AssertOneStopLine(stopped, $"training was stopped during epoch 2; the 1 epoch completed are in {output} "
                                   + "(metrics.json, learning_curve.png, last.eventprop.json, best.eventprop.json)");
        Assert.DoesNotContain("--resume", stopped.Err, StringComparison.Ordinal);
        foreach (var file in new[] { "metrics.json", "learning_curve.png", "last.eventprop.json", "best.eventprop.json" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing\n{stopped}");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal("eventprop", metrics.RootElement.GetProperty("trainer").GetString());
        Assert.Equal(1, metrics.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void Eval_SignalledBeforeItsFirstBatch_WritesNoPartialAccuracy_AndExits143()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));
        var output = dir.File("out");
        var train = Cli.Run("train", config, "--out", output);
        Assert.True(train.ExitCode == ExitCodes.Ok, train.ToString());
        var checkpoint = Path.Combine(output, "last.ckpt");

        using var signals = new StringWriter();
        using var interruption = new Interruption(signals);
        interruption.Receive(PosixSignal.SIGTERM);
        var eval = Cli.Run(interruption, "eval", checkpoint);

        Assert.True(eval.ExitCode == ExitCodes.Terminated, eval.ToString());
        AssertOneStopLine(eval, $"the evaluation of {checkpoint} was stopped before its end; eval.json is written only by a complete one");
        Assert.False(File.Exists(Path.Combine(output, "eval.json")));
    }

    [Fact]
    public void PatternCompletion_StoppedWhenTheControlStarts_SaysNothingWasWritten_AndExits130()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out");
        var (stopped, _) = Stop(["train", dir.Write("patterns.json", PatternCompletionCommandTests.Config()), "--out", output], "non-plastic control");

        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.ToString());
        AssertOneStopLine(stopped, $"pattern-completion training was stopped while training the non-plastic control; metrics.json and learning_curve.png are written only at the end, so nothing was written to {output}");
        Assert.False(File.Exists(Path.Combine(output, "metrics.json")));
    }

    [Fact]
    public void NirExportEngineCheck_Signalled_KeepsTheNirAndSpec_WritesNoPartialCheck()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));
        Assert.Equal(ExitCodes.Ok, Cli.Run("train", config, "--out", dir.File("out")).ExitCode);
        var nir = dir.File("model.nir");

        using var signals = new StringWriter();
        using var interruption = new Interruption(signals);
        interruption.Receive(PosixSignal.SIGINT);
        var export = Cli.Run(interruption, "nir", "export", Path.Combine(dir.File("out"), "last.ckpt"), "--out", nir, "--engine-check", "-1");

        Assert.True(export.ExitCode == ExitCodes.Interrupted, export.ToString());
        AssertOneStopLine(export, $"the engine check was stopped before its end; {nir} and {dir.File("model.spec.json")} are complete, {dir.File("model.engine-check.json")} was not written");
        Assert.Equal(ExitCodes.Ok, Cli.Run("validate", dir.File("model.spec.json")).ExitCode);
        Assert.False(File.Exists(dir.File("model.engine-check.json")));
    }

    private static (CliResult Result, SignalOnLine Output) Stop(string[] args, string line, PosixSignal signal = PosixSignal.SIGINT)
    {
        using var signals = new StringWriter();
        using var interruption = new Interruption(signals);
        var output = new SignalOnLine(interruption, line, signal);
        var result = Cli.Run(interruption, output, args);
        Assert.True(output.Signalled, $"no line starting with '{line}'\n{result}");
        return (result, output);
    }

    private static void AssertOneStopLine(CliResult result, string expected)
    {
        var stops = result.Err.Split('\n').Where(l => l.StartsWith("stopped:", StringComparison.Ordinal)).ToList();
        Assert.True(stops.Count == 1, result.ToString());
        Assert.StartsWith($"stopped: {expected}", stops[0], StringComparison.Ordinal);
        Assert.Empty(result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    private static string EventPropConfig(string digitsPath) => $$"""
        {
          "data": {"dataset": "digits", "path": "{{digitsPath}}", "seed": 0},
          "model": {"input_shape": [1, 8, 8], "encoder": {"type": "latency", "mode": "linear", "threshold": 0.1}, "input_window": 10, "duration": 30,
                    "layers": [{"type": "flatten"}, {"type": "linear", "out": 20, "init_mean": 0.4, "init_std": 0.4}, {"type": "lif", "tau_mem": 20, "tau_syn": 5, "threshold": 1},
                               {"type": "linear", "out": 10, "init_mean": 0.5, "init_std": 0.25}, {"type": "lif", "tau_mem": 20, "tau_syn": 5, "threshold": 1}]},
          "train": {"trainer": "eventprop", "epochs": 3, "batch_size": 25, "optimizer": {"type": "adam", "lr": 0.005}, "loss": "first_spike", "seed": 1, "threads": 1}
        }
        """;
}
