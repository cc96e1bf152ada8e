using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// A checkpoint carries a SHA-256 of its contents: one with 64 bytes zeroed inside its weights, one cut short and one
/// without the trailer (as an older Cortex wrote) are refused by every command that loads one (<c>eval</c>,
/// <c>train --resume</c>, <c>nir export</c>) with one <c>error:</c> line naming the file, exit 2.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class CheckpointChecksumTests
{
    [Fact]
    public void ADamagedCheckpoint_IsRefusedByEveryCommandThatLoadsOne()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 1));
        var train = Cli.Run("train", config, "--out", dir.File("out"));
        Assert.True(train.ExitCode == ExitCodes.Ok, train.ToString());
        var good = Path.Combine(dir.File("out"), "last.ckpt");
        var bytes = File.ReadAllBytes(good);
        Assert.True(Cli.Run("eval", good).ExitCode == ExitCodes.Ok, "the undamaged checkpoint loads");

        // 64 bytes zeroed in the middle of the file (inside the model's weights): the JSON header still parses.
        var zeroed = (byte[])bytes.Clone();
        Array.Clear(zeroed, zeroed.Length / 2, 64);
        Assert.NotEqual(bytes, zeroed);
        var damaged = dir.File("zeroed.ckpt");
        File.WriteAllBytes(damaged, zeroed);
        var cut = dir.File("cut.ckpt");
        File.WriteAllBytes(cut, bytes[..^1000]);
        var withoutTrailer = dir.File("format1.ckpt");
        File.WriteAllBytes(withoutTrailer, bytes[..^40]); // the body without its trailer: what format 1 looked like

        foreach (var (file, reason) in new[] { (damaged, "the checkpoint is corrupt"), (cut, "no checksum at the end of the file"), (withoutTrailer, "no checksum at the end of the file") })
        {
            foreach (var args in new[]
            {
                new[] { "eval", file },
                ["train", config, "--resume", file, "--out", dir.File("resumed"), "--epochs", "2"],
                ["nir", "export", file, "--out", dir.File("model.nir"), "--engine-check", "-1"],
            })
            {
                var result = Cli.Run(args);
                Assert.True(result.ExitCode == ExitCodes.BadInput, $"{string.Join(' ', args)}: {result}");
                var line = Assert.Single(result.ErrorLines);
                Assert.Contains(file, line, StringComparison.Ordinal);
                Assert.Contains(reason, line, StringComparison.Ordinal);
            }
        }
    }
}
