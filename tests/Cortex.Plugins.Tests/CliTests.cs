using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;

namespace Cortex.Plugins.Tests;

/// <summary><c>cortex plugins</c> and the other commands with <c>--plugins</c>; the watcher that <c>--watch</c> uses.</summary>
public sealed class CliTests
{
    [Fact]
    public void Plugins_ListsTheBuiltInsWithEveryComponentByKind()
    {
        var result = Cli.Run("plugins");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Cortex plugin SDK {SdkVersion.Text}", result.Out, StringComparison.Ordinal);
        // Each kind on its own line, in registration order, as the catalog holds them.
        using var catalog = Catalogs.Load();
        string Listed(string plugin, ComponentKind kind) =>
            string.Join(", ", catalog.Plugins.Single(p => p.Name == plugin).Components.Where(c => c.Kind == kind).Select(c => c.Name));
        Assert.StartsWith("delta, exp_current, exp_conductance, pulse_current", Listed("Cortex.Modules", ComponentKind.SynapseModel), StringComparison.Ordinal);
        Assert.Contains($"Cortex.Modules 1.0.0 (built-in, SDK {SdkVersion.Text})\n  path: {typeof(Cortex.Modules.ModulesPlugin).Assembly.Location}\n" +
                        $"  neuron models: {Listed("Cortex.Modules", ComponentKind.NeuronModel)}\n  synapse models: {Listed("Cortex.Modules", ComponentKind.SynapseModel)}\n" +
                        $"  plasticity rules: {Listed("Cortex.Modules", ComponentKind.PlasticityRule)}",
            result.Out, StringComparison.Ordinal);
        Assert.Contains("  circuits: wta", result.Out, StringComparison.Ordinal);
        Assert.Contains("bandit", Listed("Cortex.Cognition", ComponentKind.Task).Split(", "));
        Assert.Contains($"  tasks: {Listed("Cortex.Cognition", ComponentKind.Task)}\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("Cortex.Kernel 1.0.0 (built-in", result.Out, StringComparison.Ordinal);
        Assert.Contains("  backends: reference", result.Out, StringComparison.Ordinal);
        Assert.Contains("  backends: cpu", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsJson_GivesNameVersionPathAndComponentsForScripts()
    {
        using var dir = new TempDirectory();
        var path = PluginCompiler.Compile(dir.Path, "Listed", TestPlugins.Neuron("Listed", "listed", version: "2.3.4"));
        var result = Cli.Run("plugins", "--json", "--plugins", dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.Equal(SdkVersion.Text, json.RootElement.GetProperty("sdk_version").GetString());
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToList();
        Assert.Equal(["Cortex.Kernel", "Cortex.Modules", "Cortex.Hardware.Cpu", "Cortex.Hardware.Gpu", "Cortex.BrainRegions", "Cortex.Cognition", "Listed"], plugins.Select(p => p.GetProperty("name").GetString()));
        var listed = plugins[6];
        Assert.Equal("2.3.4", listed.GetProperty("version").GetString());
        Assert.Equal(SdkVersion.Text, listed.GetProperty("sdk_version").GetString());
        Assert.Equal(path, listed.GetProperty("path").GetString());
        Assert.Equal("--plugins", listed.GetProperty("origin").GetString());
        Assert.Equal(["listed"], listed.GetProperty("components").GetProperty("neuron_models").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("stdp", plugins[1].GetProperty("components").GetProperty("plasticity_rules").EnumerateArray().First().GetString());
        Assert.Equal(["wta", "microcircuit", "whole_brain", "basal_ganglia", "thalamocortical", "ca3"],
            plugins[4].GetProperty("components").GetProperty("circuits").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("bandit", plugins[5].GetProperty("components").GetProperty("tasks").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(json.RootElement.GetProperty("refused").EnumerateArray());
    }

    [Fact]
    public void ModelsAndValidate_SeePluginModels()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        PluginCompiler.Compile(plugins, "Seen", TestPlugins.Neuron("Seen", "seen"));
        var models = Cli.Run("models", "--plugins", plugins);
        Assert.True(models.ExitCode == 0, models.ToString());
        Assert.Contains("neuron seen: test model seen v1.0.0", models.Out, StringComparison.Ordinal);
        var spec = dir.Write("spec.json", TestPlugins.Spec("seen"));
        Assert.Equal(0, Cli.Run("validate", spec, "--plugins", plugins).ExitCode);
        Assert.Equal(ExitCodesView.BadInput, Cli.Run("validate", spec).ExitCode); // without the plugin: unknown model
    }

    [Fact]
    public void MissingPluginsFolder_IsAWarningAndTheCommandCarriesOn()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("models", "--plugins", dir.File("nowhere"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"warning: plugin configuration ({dir.File("nowhere")}): --plugins: the folder does not exist", Assert.Single(result.WarningLines).TrimEnd());
    }

    [Fact]
    public async Task Watcher_ReportsABurstOfWritesOnce_AfterTheyStop()
    {
        using var dir = new TempDirectory();
        var quiet = TimeSpan.FromMilliseconds(500);
        using var watcher = new DebouncedWatcher([dir.Path], [], quiet);
        var next = watcher.NextChangeAsync(CancellationToken.None);
        File.WriteAllText(dir.File("notes.txt"), "ignored: not a .dll");
        for (var i = 0; i < 20; i++) File.WriteAllText(dir.File("A.dll"), $"write {i}"); // a build writing its output
        var lastWrite = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(dir.File("A.dll"), await next.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(lastWrite.Elapsed >= quiet * 0.9, $"reported {lastWrite.Elapsed.TotalMilliseconds:0} ms after the last write");
        var after = watcher.NextChangeAsync(CancellationToken.None);
        await Task.Delay(quiet * 2);
        Assert.False(after.IsCompleted); // one burst, one report
        File.WriteAllText(dir.File("A.dll"), "rebuilt");
        Assert.Equal(dir.File("A.dll"), await after.WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
