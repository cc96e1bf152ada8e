using Cortex.Plugins.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Cortex.Plugins.Tests;

/// <summary>
/// A .NET assembly in a plugin folder that is no Cortex plugin (no <c>[assembly: CortexPlugin]</c>) gets one warning
/// naming it instead of being skipped without a word, unless a plugin uses it (a plugin's dependency, directly or
/// through another dependency, belongs in its folder).
/// </summary>
public sealed class StrayAssemblyTests : IDisposable
{
    private readonly TempDirectory _dir = new("cortex-strays");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ANonPluginAssemblyThatNoPluginUses_GetsOneWarningNamingIt()
    {
        var plugins = _dir.Folder("plugins");
        // A plugin with a dependency chain in its folder: UsesGains -> Gains -> Tables.
        var folder = Path.Combine(plugins, "UsesGains");
        var tables = PluginCompiler.Compile(folder, "Tables", "namespace Tables; public static class T { public static double One => 1; }", []);
        var gains = PluginCompiler.Compile(folder, "Gains", "namespace Gains; public static class G { public static double Default => Tables.T.One * 2; }",
            [MetadataReference.CreateFromFile(tables)]);
        PluginCompiler.Compile(folder, "UsesGains", TestPlugins.Neuron("UsesGains", "uses_gains", configure: "_ = Gains.G.Default;"),
            [.. PluginCompiler.Sdk, MetadataReference.CreateFromFile(gains)]);
        // Forgot the attribute: a valid assembly, but no plugin.
        var stray = PluginCompiler.Compile(Path.Combine(plugins, "Forgotten"), "Forgotten", "namespace Forgotten; public sealed class Model { }");

        using (var catalog = Catalogs.Load(plugins))
        {
            Assert.Contains(catalog.Plugins, p => p.Name == "UsesGains");
            Assert.Empty(catalog.Faults);
            var warning = Assert.Single(catalog.Warnings);
            Assert.Contains(stray, warning, StringComparison.Ordinal);
            Assert.Contains("not a Cortex plugin (no [assembly: CortexPlugin])", warning, StringComparison.Ordinal);
        }

        using var dir = new TempDirectory("cortex-strays-run");
        var result = Cli.Run("run", dir.Write("spec.json", TestPlugins.Spec("uses_gains")), "--plugins", plugins, "--out", dir.File("out"), "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(stray, Assert.Single(result.WarningLines), StringComparison.Ordinal);
        Assert.Empty(result.ErrorLines);
    }
}
