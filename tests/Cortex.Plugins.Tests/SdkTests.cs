using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Cortex.Plugins.Tests.Support;

namespace Cortex.Plugins.Tests;

/// <summary>The SDK is a small contracts assembly a plugin author references alone: versioned, documented, packable.</summary>
public sealed class SdkTests
{
    private static readonly Assembly Sdk = typeof(ICortexPlugin).Assembly;

    [Fact]
    public void SdkVersion_MatchesTheAssemblyVersionPluginsRecord()
    {
        var version = Sdk.GetName().Version!;
        Assert.Equal(SdkVersion.Text, version.ToString(3));
        Assert.Equal(SdkVersion.Major, version.Major);
        Assert.Equal(SdkVersion.Minor, version.Minor);
        Assert.Equal(version, SdkVersion.Current);
    }

    [Fact]
    public void Sdk_DependsOnNothingButTheFrameworkAndDIAbstractions()
    {
        var references = Sdk.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name is "System.Runtime" or "System.Collections" or "System.Linq" or "Microsoft.Extensions.DependencyInjection.Abstractions"
                || name.StartsWith("System.", StringComparison.Ordinal), name));
        Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions", references);
    }

    [Fact]
    public void EveryPublicSdkType_HasAnXmlDocComment()
    {
        var documented = XDocument.Load(Path.ChangeExtension(Sdk.Location, ".xml")).Descendants("member")
            .Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = Sdk.GetExportedTypes().Select(t => "T:" + t.FullName!.Replace('+', '.')).Where(n => !documented.Contains(n)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void PluginTypeWithTheWrongShape_IsRefusedNotCrashed()
    {
        using var dir = new TempDirectory();
        var path = PluginCompiler.Compile(dir.Path, "Odd", """
            [assembly: Cortex.Plugins.CortexPlugin(typeof(Odd.NotAPlugin))]
            namespace Odd;
            public sealed class NotAPlugin { }
            """);
        using var catalog = Catalogs.Load(dir.Path);
        var fault = Assert.Single(catalog.Faults);
        Assert.Equal($"plugin {path}: Odd.NotAPlugin is named by [CortexPlugin] but does not implement ICortexPlugin; skipped", fault.Message);
    }

    [Fact]
    public void PluginBuiltForSdk1_IsRefusedWithOneLinePointingToTheMigrationNotes()
    {
        Assert.Equal(2, SdkVersion.Major); // this release changed the model contracts; the message below names SDK 1 → 2
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        var path = PluginCompiler.Compile(plugins, "OldNeurons", """
            [assembly: Cortex.Plugins.CortexPlugin(typeof(Old.P))]
            namespace Old;
            public sealed class P : Cortex.Plugins.ICortexPlugin { public string Name => "OldNeurons"; public void Configure(object services) { } }
            """, [PluginCompiler.FakeSdk(dir.Folder("sdk1"), 1)]);
        var expected = $"plugin {path}: built for Cortex SDK 1.0; this host has SDK {SdkVersion.Major}.{SdkVersion.Minor} — rebuild it against SDK {SdkVersion.Major} " +
                       "(see Plugins/README.md, \"Migrating from SDK 1\"); skipped";

        using (var catalog = Catalogs.Load(plugins))
        {
            var fault = Assert.Single(catalog.Faults);
            Assert.Equal(Loading.PluginFaultKind.SdkMismatch, fault.Kind);
            Assert.Equal(expected, fault.Message);
        }
        var run = Cli.Run("validate", dir.Write("spec.json", TestPlugins.Spec("lif")), "--plugins", plugins);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["warning: " + expected], run.WarningLines);
    }

    [Fact]
    public void MigrationNotes_TheRefusalPointsTo_EndThePluginGuide()
    {
        var guide = File.ReadAllText(Repo.PathOf("Plugins", "README.md"));
        var section = guide.LastIndexOf("\n## Migrating from SDK 1\n", StringComparison.Ordinal);
        Assert.True(section > 0, "Plugins/README.md has no \"## Migrating from SDK 1\" section");
        Assert.DoesNotContain("\n## ", guide[(section + 1)..], StringComparison.Ordinal); // the last section
        Assert.Contains("in NeuronInput input", guide[section..], StringComparison.Ordinal);
    }

    [Fact]
    public void PluginBuiltAgainstANewerMinorSdk_IsRefusedWithWhatToDo()
    {
        var problem = Loading.PluginCatalog.SdkProblem(new Version(SdkVersion.Major, SdkVersion.Minor + 1, 0, 0));
        Assert.Equal($"built against Cortex plugin SDK {SdkVersion.Major}.{SdkVersion.Minor + 1}.0, newer than this host's SDK {SdkVersion.Text}; " +
                     $"update Cortex or rebuild it against SDK {SdkVersion.Major}.{SdkVersion.Minor}", problem);
        Assert.Null(Loading.PluginCatalog.SdkProblem(new Version(SdkVersion.Major, 0, 0, 0)));
    }
}

/// <summary>The SDK package that <c>dotnet pack</c> makes (packed once by the build fixture).</summary>
[Collection(BuiltPluginsGroup.Name)]
public sealed class SdkPackageTests
{
    private readonly BuiltPlugins _built;

    public SdkPackageTests(BuiltPlugins built) => _built = built;

    [Fact]
    public void Pack_MakesAPackageWithTheAssemblyItsDocsAndItsOneDependency()
    {
        var package = Assert.Single(Directory.GetFiles(_built.Feed, "*.nupkg"));
        Assert.Equal($"Cortex.Plugins.Abstractions.{SdkVersion.Text}.nupkg", Path.GetFileName(package));
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/Cortex.Plugins.Abstractions.dll", entries);
        Assert.Contains("lib/net10.0/Cortex.Plugins.Abstractions.xml", entries);
        Assert.Contains("README.md", entries);
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Equal(["Microsoft.Extensions.DependencyInjection.Abstractions"], dependencies);
    }
}
