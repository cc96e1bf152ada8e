using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex nir export|import</c> on a network trained by the test itself.</summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class NirCommandTests
{
    [Fact]
    public void Export_WritesNirAndSpec_AndTheEngineAgreesWithTheTrainedModel()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("tiny.json", TrainCommandTests.Config(dir, epochs: 3));
        Assert.Equal(ExitCodes.Ok, Cli.Run("train", config, "--out", dir.File("out")).ExitCode);

        var nir = dir.File("model.nir");
        var export = Cli.Run("nir", "export", Path.Combine(dir.File("out"), "best.ckpt"), "--out", nir, "--engine-check", "-1");
        Assert.True(export.ExitCode == ExitCodes.Ok, export.ToString());
        Assert.True(File.Exists(nir));
        Assert.Equal(new byte[] { 0x89, (byte)'H', (byte)'D', (byte)'F' }, File.ReadAllBytes(nir)[..4]);
        using var check = JsonDocument.Parse(File.ReadAllText(dir.File("model.engine-check.json")));
        Assert.Equal(30, check.RootElement.GetProperty("samples").GetInt32());
        Assert.True(check.RootElement.GetProperty("agreement").GetDouble() >= 0.99, export.Out);

        // The spec written beside it is a valid engine network, and import writes the same one.
        Assert.Equal(ExitCodes.Ok, Cli.Run("validate", dir.File("model.spec.json")).ExitCode);
        var imported = Cli.Run("nir", "import", nir, "--out", dir.File("imported.spec.json"), "--steps", "4");
        Assert.True(imported.ExitCode == ExitCodes.Ok, imported.ToString());
        Assert.Equal(File.ReadAllText(dir.File("model.spec.json")), File.ReadAllText(dir.File("imported.spec.json")));
    }

    [Fact]
    public void Import_OfAFileThatIsNotNir_IsOneLineOfBadInput()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.nir", "not hdf5");
        var result = Cli.Run("nir", "import", bad);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("bad.nir", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Export_OfAMissingCheckpoint_NamesIt()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("nir", "export", dir.File("none.ckpt"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("none.ckpt", result.Err, StringComparison.Ordinal);
    }
}
