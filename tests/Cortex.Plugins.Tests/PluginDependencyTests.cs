using System.Runtime.CompilerServices;
using Cortex.Host.Commands;
using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Cortex.Plugins.Tests;

/// <summary>
/// A plugin that references another plugin binds to that plugin's one loaded copy: same types, same statics, its
/// components registered once, and the copy the dependent plugin ships in its own folder is not refused as a duplicate.
/// </summary>
public sealed class PluginDependencyTests
{
    // Plugin "Base" (assembly Base) registers neuron model base_model and, in Configure, sets a static.
    private static string CompileBase(string folder, string constructor = "", string version = "1.0.0") => PluginCompiler.Compile(folder, "Base",
        TestPlugins.Neuron("Base", "base_model", version: version, constructor: constructor, configure: "Shared.ConfiguredBy = \"Base\";", extra: """
            public static class Shared { public static string? ConfiguredBy; }
            public sealed record Note(string Text);
            """));

    // Plugin "Derived" registers a Note (a type of Base) saying what Base's static held when Derived was configured.
    private static string CompileDerived(string folder, string basePath) => PluginCompiler.Compile(folder, "Derived", """
        using Cortex.Plugins;
        using Microsoft.Extensions.DependencyInjection;

        [assembly: CortexPlugin(typeof(Derived.P))]

        namespace Derived;

        public sealed class P : ICortexPlugin
        {
            public string Name => "Derived";
            public void Configure(IServiceCollection services) =>
                services.AddSingleton(new TestPlugin.Note($"Base was configured by {TestPlugin.Shared.ConfiguredBy ?? "nobody"}"));
        }
        """, [.. PluginCompiler.Sdk, MetadataReference.CreateFromFile(basePath)]);

    /// <summary>Both loaded, no fault, Base once, and Derived's Note is of Base's loaded type and saw Base's static.</summary>
    private static void AssertShared(PluginCatalog catalog, string basePath)
    {
        Assert.True(catalog.Faults.Count == 0, string.Join("\n", catalog.Faults.Select(f => f.Message)));
        var discovered = catalog.Plugins.Where(p => p.Origin != PluginOrigin.BuiltIn).ToList();
        Assert.Equal(["Base", "Derived"], discovered.Select(p => p.Name));
        Assert.Equal(basePath, discovered[0].Assembly.Path);
        Assert.True(catalog.Registry.NeuronModels.ContainsKey("base_model"));
        var noteType = discovered[0].Plugin.GetType().Assembly.GetType("TestPlugin.Note", throwOnError: true)!;
        var note = catalog.Runtime.Services.GetService(noteType); // null if Derived had bound a copy of Base of its own
        Assert.NotNull(note);
        Assert.Equal("Base was configured by Base", noteType.GetProperty("Text")!.GetValue(note));
        Assert.Equal(2, catalog.LoadContexts.Count);
    }

    [Fact]
    public void InOneFolder_DerivedBindsToTheLoadedBase()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        var basePath = CompileBase(plugins);
        CompileDerived(plugins, basePath);
        using var catalog = Catalogs.Load(plugins);
        AssertShared(catalog, basePath);
    }

    [Fact]
    public void InSeparateFolders_TheCopyDerivedShipsIsNotADuplicate()
    {
        using var dir = new TempDirectory();
        var basePath = CompileBase(dir.Folder("a", "Base"));
        var derived = dir.Folder("b", "Derived");
        CompileDerived(derived, basePath);
        File.Copy(basePath, Path.Combine(derived, "Base.dll")); // as a build output with a reference to Base has it
        using (var catalog = Catalogs.Load(dir.File("a"), dir.File("b"))) AssertShared(catalog, basePath);

        // Searched the other way round, the Base installed on its own still wins, and still loads first.
        using (var catalog = Catalogs.Load(dir.File("b"), dir.File("a"))) AssertShared(catalog, basePath);

        var list = Cli.Run("plugins", "--plugins", dir.File("a"), "--plugins", dir.File("b"));
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("Derived 0.0.0 (--plugins", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void APluginInstalledTwice_IsStillADuplicate()
    {
        using var dir = new TempDirectory();
        var first = CompileBase(dir.Folder("a", "Base"));
        var second = CompileBase(dir.Folder("b", "Base"));
        using var catalog = Catalogs.Load(dir.File("a"), dir.File("b"));
        var fault = Assert.Single(catalog.Faults);
        Assert.Equal(PluginFaultKind.DuplicateName, fault.Kind);
        Assert.Equal($"plugin {second}: an assembly named 'Base' is already loaded from {first}; skipped", fault.Message);
    }

    [Fact]
    public void APluginWhoseDependencyWasRefused_IsRefusedSayingSo()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        var basePath = CompileBase(plugins, constructor: "throw new InvalidOperationException(\"no licence\");");
        var derivedPath = CompileDerived(plugins, basePath);
        using var catalog = Catalogs.Load(plugins);
        Assert.Equal(2, catalog.Faults.Count);
        Assert.Contains("creating TestPlugin.P threw InvalidOperationException: no licence", catalog.Faults[0].Message, StringComparison.Ordinal);
        Assert.Equal(PluginFaultKind.MissingDependency, catalog.Faults[1].Kind);
        Assert.Equal($"plugin {derivedPath}: it references plugin assembly 'Base' ({basePath}), which was refused; skipped", catalog.Faults[1].Message);
    }

    [Fact]
    public void APluginBuiltAgainstANewerDependency_IsRefusedRatherThanBoundToTheOlderOne()
    {
        using var dir = new TempDirectory();
        var installed = CompileBase(dir.Folder("a", "Base"), version: "1.0.0");
        var derived = dir.Folder("b", "Derived");
        var newer = CompileBase(derived, version: "2.0.0"); // Derived ships, and was built against, Base 2.0
        var derivedPath = CompileDerived(derived, newer);
        using var catalog = Catalogs.Load(dir.File("a"), dir.File("b"));
        var fault = Assert.Single(catalog.Faults);
        Assert.Equal(PluginFaultKind.MissingDependency, fault.Kind);
        Assert.Equal($"plugin {derivedPath}: it was built against plugin assembly 'Base' 2.0.0.0, but 1.0.0.0 is loaded ({installed}); " +
                     "install Base 2.0.0.0 or newer; skipped", fault.Message);
        Assert.Equal(installed, Assert.Single(catalog.Plugins, p => p.Name == "Base").Assembly.Path);
    }

    [Fact]
    public void ACopyOfABuiltInBesideAPlugin_BindsToTheHostsBuiltIn()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        var modules = typeof(Cortex.Modules.ModulesPlugin).Assembly.Location;
        File.Copy(modules, Path.Combine(plugins, "Cortex.Modules.dll"));
        PluginCompiler.Compile(plugins, "UsesModules", """
            [assembly: Cortex.Plugins.CortexPlugin(typeof(UsesModules.P))]
            namespace UsesModules;
            public sealed class P : Cortex.Plugins.ICortexPlugin
            {
                public string Name => "UsesModules";
                public void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                    Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new Cortex.Modules.ModulesPlugin());
            }
            """, [.. PluginCompiler.Sdk, MetadataReference.CreateFromFile(modules)]);
        using var catalog = Catalogs.Load(plugins);
        Assert.Empty(catalog.Faults);
        Assert.Single(catalog.Plugins, p => p.Name == "Cortex.Modules");
        Assert.NotNull(catalog.Runtime.Services.GetService(typeof(Cortex.Modules.ModulesPlugin)));
    }

    [Fact]
    public void Dispose_ReleasesBothLoadContexts()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        CompileDerived(plugins, CompileBase(plugins));
        var contexts = LoadAndDispose(plugins);
        Assert.Equal(2, contexts.Count);
        Assert.Equal(0, RunWatch.Release(contexts));
    }

    // Not inlined, so no local in the test keeps a plugin object alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> LoadAndDispose(string folder)
    {
        using var catalog = Catalogs.Load(folder);
        Assert.Empty(catalog.Faults);
        var noteType = catalog.Plugins.Single(p => p.Name == "Base").Plugin.GetType().Assembly.GetType("TestPlugin.Note", throwOnError: true)!;
        Assert.NotNull(catalog.Runtime.Services.GetService(noteType)); // Derived's object, of Base's type, made and dropped
        return [.. catalog.LoadContexts];
    }
}
