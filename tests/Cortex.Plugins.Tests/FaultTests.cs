using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Cortex.Plugins.Tests;

/// <summary>
/// Each fault class gets one message naming the plugin's path and the reason; the plugins next to it still load, and
/// the host's exit code is the command's own (run: 0; plugins: 4 when anything was refused).
/// </summary>
public sealed class FaultTests : IClassFixture<FaultTests.FaultyFolder>
{
    private readonly FaultyFolder _folder;

    public FaultTests(FaultyFolder folder) => _folder = folder;

    /// <summary>One folder holding a good plugin and one plugin per fault class, compiled once for all tests here.</summary>
    public sealed class FaultyFolder : IDisposable
    {
        private readonly TempDirectory _dir = new("cortex-faults");

        public FaultyFolder()
        {
            Plugins = _dir.Folder("plugins");
            Good = PluginCompiler.Compile(Path.Combine(Plugins, "Good"), "Good", TestPlugins.Neuron("Good", "good"));
            Throwing = PluginCompiler.Compile(Path.Combine(Plugins, "Throwing"), "Throwing",
                TestPlugins.Neuron("Throwing", "throwing", constructor: "throw new InvalidOperationException(\"no licence for this machine\");"));
            Configure = PluginCompiler.Compile(Path.Combine(Plugins, "BadConfigure"), "BadConfigure",
                TestPlugins.Neuron("BadConfigure", "bad_configure", configure: "throw new ArgumentException(\"setting 'gain_table' is missing\");"));

            // Needs Helper.dll, which is compiled elsewhere and not copied next to it.
            var helper = PluginCompiler.Compile(_dir.Folder("helper"), "Helper", "namespace Helper; public static class Gains { public static double Default => 2; }", []);
            NeedsHelper = PluginCompiler.Compile(Path.Combine(Plugins, "NeedsHelper"), "NeedsHelper",
                TestPlugins.Neuron("NeedsHelper", "needs_helper", configure: "_ = Helper.Gains.Default;"),
                [.. PluginCompiler.Sdk, MetadataReference.CreateFromFile(helper)]);

            // Built against a (fake) SDK of the next major version.
            FromTheFuture = PluginCompiler.Compile(Path.Combine(Plugins, "FromTheFuture"), "FromTheFuture", """
                [assembly: Cortex.Plugins.CortexPlugin(typeof(Future.P))]
                namespace Future;
                public sealed class P : Cortex.Plugins.ICortexPlugin { public string Name => "FromTheFuture"; public void Configure(object services) { } }
                """, [PluginCompiler.FakeSdk(_dir.Folder("next-sdk"), SdkVersion.Major + 1)]);

            // Two plugins registering a neuron model with the same name, and one reusing a built-in name.
            TwinA = PluginCompiler.Compile(Path.Combine(Plugins, "TwinA"), "TwinA", TestPlugins.Neuron("TwinA", "twin"));
            TwinB = PluginCompiler.Compile(Path.Combine(Plugins, "TwinB"), "TwinB", TestPlugins.Neuron("TwinB", "twin"));
            Lif = PluginCompiler.Compile(Path.Combine(Plugins, "MyLif"), "MyLif", TestPlugins.Neuron("MyLif", "lif"));

            Garbage = Path.Combine(Directory.CreateDirectory(Path.Combine(Plugins, "Garbage")).FullName, "Garbage.dll");
            File.WriteAllText(Garbage, "this is not an assembly");
        }

        public string Plugins { get; }
        public string Good { get; }
        public string Throwing { get; }
        public string Configure { get; }
        public string NeedsHelper { get; }
        public string FromTheFuture { get; }
        public string TwinA { get; }
        public string TwinB { get; }
        public string Lif { get; }
        public string Garbage { get; }

        public void Dispose() => _dir.Dispose();
    }

    private static PluginFault Single(PluginCatalog catalog, string path)
    {
        var faults = catalog.Faults.Where(f => f.Path == path).ToList();
        Assert.True(faults.Count == 1, $"expected one fault for {path}, got: {string.Join(" | ", catalog.Faults.Select(f => f.Message))}");
        return faults[0];
    }

    [Fact]
    public void EveryFaultClass_IsOneMessageWithPathAndReason_AndTheRestLoad()
    {
        using var catalog = Catalogs.Load(_folder.Plugins);

        Assert.Equal(["Good", "TwinA"], catalog.Plugins.Where(p => p.Origin != PluginOrigin.BuiltIn).Select(p => p.Name));
        Assert.True(catalog.Registry.NeuronModels.ContainsKey("good"));
        Assert.Equal(7, catalog.Faults.Count);

        var throwing = Single(catalog, _folder.Throwing);
        Assert.Equal(PluginFaultKind.LoadFailed, throwing.Kind);
        Assert.Equal($"plugin {_folder.Throwing}: creating TestPlugin.P threw InvalidOperationException: no licence for this machine; skipped", throwing.Message);

        var configure = Single(catalog, _folder.Configure);
        Assert.Equal(PluginFaultKind.ConfigureFailed, configure.Kind);
        Assert.Equal($"plugin 'BadConfigure' ({_folder.Configure}): Configure threw ArgumentException: setting 'gain_table' is missing; skipped", configure.Message);

        var missing = Single(catalog, _folder.NeedsHelper);
        Assert.Equal(PluginFaultKind.MissingDependency, missing.Kind);
        Assert.StartsWith($"plugin {_folder.NeedsHelper}: missing dependency assembly 'Helper, Version=0.0.0.0': it is neither in {Path.GetDirectoryName(_folder.NeedsHelper)} nor part of the host", missing.Message, StringComparison.Ordinal);

        var sdk = Single(catalog, _folder.FromTheFuture);
        Assert.Equal(PluginFaultKind.SdkMismatch, sdk.Kind);
        Assert.Equal($"plugin {_folder.FromTheFuture}: built against Cortex plugin SDK {SdkVersion.Major + 1}.0.0, newer than this host's SDK {SdkVersion.Text}; " +
                     $"update Cortex or rebuild it against SDK {SdkVersion.Major}.{SdkVersion.Minor}; skipped", sdk.Message);

        var twin = Single(catalog, _folder.TwinB);
        Assert.Equal(PluginFaultKind.DuplicateName, twin.Kind);
        Assert.Equal($"plugin 'TwinB' ({_folder.TwinB}): neuron model 'twin' is already registered by plugin 'TwinA' ({_folder.TwinA}); skipped", twin.Message);

        var lif = Single(catalog, _folder.Lif);
        Assert.Equal(PluginFaultKind.DuplicateName, lif.Kind);
        Assert.Contains($"neuron model 'lif' is already registered by plugin 'Cortex.Modules' ({typeof(Cortex.Modules.ModulesPlugin).Assembly.Location})", lif.Message, StringComparison.Ordinal);
        Assert.Equal("test model twin v1.0.0", catalog.Registry.NeuronModels["twin"].Description);
        Assert.IsType<Cortex.Modules.Neurons.Lif>(catalog.Registry.NeuronModels["lif"]);

        var garbage = Single(catalog, _folder.Garbage);
        Assert.Equal(PluginFaultKind.NotReadable, garbage.Kind);
        Assert.StartsWith($"plugin {_folder.Garbage}: not a readable .NET assembly", garbage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsCommand_ListsTheGoodAndTheRefused_AndExitsWith4()
    {
        var result = Cli.Run("plugins", "--plugins", _folder.Plugins);
        Assert.True(result.ExitCode == ExitCodesView.PluginsRefused, result.ToString());
        Assert.Contains($"Good 1.0.0 (--plugins, SDK {SdkVersion.Text})", result.Out, StringComparison.Ordinal);
        Assert.Contains("refused (7):", result.Out, StringComparison.Ordinal);
        foreach (var path in new[] { _folder.Throwing, _folder.Configure, _folder.NeedsHelper, _folder.FromTheFuture, _folder.TwinB, _folder.Lif, _folder.Garbage })
            Assert.Single(result.Out.Split('\n'), line => line.Contains(path, StringComparison.Ordinal) && line.TrimEnd().EndsWith("skipped", StringComparison.Ordinal));
        Assert.Empty(result.Err);
    }

    [Fact]
    public void Run_WarnsOncePerRefusedPlugin_AndRunsWithTheGoodOne()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("spec.json", TestPlugins.Spec("good")), "--plugins", _folder.Plugins, "--out", dir.File("out"), "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(7, result.WarningLines.Count);
        Assert.Empty(result.ErrorLines);
        Assert.Contains(result.WarningLines, l => l.Contains(_folder.TwinB, StringComparison.Ordinal));
        Assert.True(File.Exists(dir.File("out", "spikes.parquet")));
    }

    [Fact]
    public void Run_OfAModelFromARefusedPlugin_SaysSoInItsError()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("spec.json", TestPlugins.Spec("bad_configure")), "--plugins", _folder.Plugins, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodesView.BadInput, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.Contains("unknown neuron model 'bad_configure'", result.Err, StringComparison.Ordinal);
        Assert.Contains("(7 plugins were refused; see the warnings above)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsJson_HasTheRefusedWithKindAndReason()
    {
        var result = Cli.Run("plugins", "--json", "--plugins", _folder.Plugins);
        Assert.Equal(ExitCodesView.PluginsRefused, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var refused = json.RootElement.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(7, refused.Count);
        Assert.Contains(refused, r => r.GetProperty("kind").GetString() == "sdk_mismatch" && r.GetProperty("path").GetString() == _folder.FromTheFuture);
        Assert.Contains(refused, r => r.GetProperty("kind").GetString() == "missing_dependency" && r.GetProperty("reason").GetString()!.Contains("'Helper", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.GetProperty("kind").GetString() == "duplicate_name" && r.GetProperty("plugin").GetString() == "TwinB");
    }
}

/// <summary>The host's exit codes, as the tests see them.</summary>
internal static class ExitCodesView
{
    public const int Ok = Cortex.Host.ExitCodes.Ok;
    public const int BadInput = Cortex.Host.ExitCodes.BadInput;
    public const int RunFailed = Cortex.Host.ExitCodes.RunFailed;
    public const int PluginsRefused = Cortex.Host.ExitCodes.PluginsRefused;
    public const int Interrupted = Cortex.Host.ExitCodes.Interrupted;
}
