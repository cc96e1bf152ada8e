using Cortex.Plugins.Tests.Support;
using Cortex.Recording;

namespace Cortex.Plugins.Tests;

/// <summary>A plugin model that throws during a run stops that run with one line naming the plugin and model (exit 3), keeping what was recorded.</summary>
public sealed class RunFailureTests : IClassFixture<RunFailureTests.FusePlugin>
{
    private readonly FusePlugin _plugin;

    public RunFailureTests(FusePlugin plugin) => _plugin = plugin;

    public sealed class FusePlugin : IDisposable
    {
        private readonly TempDirectory _dir = new("cortex-fuse");

        public FusePlugin()
        {
            Folder = _dir.Folder("plugins");
            Path = PluginCompiler.Compile(Folder, "Fuses", TestPlugins.Neuron("Fuses", "fuse"));
        }

        public string Folder { get; }
        public string Path { get; }

        public void Dispose() => _dir.Dispose();
    }

    [Theory]
    [InlineData("reference", 1, 3)]
    [InlineData("cpu", 1, 3)]
    [InlineData("reference", 2, 9000)]
    [InlineData("cpu", 2, 140_000)] // big enough for the CPU backend's worker threads (≥ 131,072 neurons), which rethrow on the caller's thread
    public void ModelThatThrows_StopsTheRunWithOneLineNamingPluginAndModel_KeepingTheSpikes(string backend, int threads, int size)
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("spec.json", TestPlugins.Spec("fuse", size, duration: "100 ms", parameters: """{ "fuse": 500 }"""));
        var output = dir.File("out");
        var result = Cli.Run("run", spec, "--plugins", _plugin.Folder, "--backend", backend, "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output);

        Assert.True(result.ExitCode == ExitCodesView.RunFailed, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Equal($"error: plugin 'Fuses' ({_plugin.Path}): neuron model 'fuse' threw InvalidOperationException: fuse burnt out after 500 steps; " +
                     $"the run stopped and what was recorded before is in {output}", error.TrimEnd());
        Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);

        // Recorded before the failure: the LIF population fires every few ms from the start; the fuse blows at step 499.
        var spikes = ParquetRecordingReader.ReadSpikeRows(Path.Combine(output, "spikes.parquet"));
        Assert.NotEmpty(spikes);
        Assert.Contains(spikes, s => s.Population == "cells");
        Assert.All(spikes, s => Assert.True(s.TimeMs < 50));
        Assert.Contains(spikes, s => s.TimeMs >= 40);
    }

    [Fact]
    public void ModelThatThrowsInPrepare_IsNamedToo()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        var path = PluginCompiler.Compile(plugins, "BadPrepare", TestPlugins.Neuron("BadPrepare", "bad_prepare").Replace(
            "=> new((float)p[\"gain\"], (long)p[\"fuse\"]);", "=> new((float)p[\"gain\"], (long)p[\"no_such_parameter\"]);", StringComparison.Ordinal));
        var result = Cli.Run("run", dir.Write("spec.json", TestPlugins.Spec("bad_prepare")), "--plugins", plugins, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodesView.RunFailed, result.ToString());
        Assert.StartsWith($"error: plugin 'BadPrepare' ({path}): neuron model 'bad_prepare' threw KeyNotFoundException: parameter 'no_such_parameter' is not defined by this model",
            Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
