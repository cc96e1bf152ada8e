using System.Text.RegularExpressions;
using Cortex.Plugins.Tests.Support;
using Xunit.Abstractions;

namespace Cortex.Plugins.Tests;

/// <summary><c>dotnet new cortex-plugin</c> → dotnet build → its own tests pass → the host discovers it and runs a spec using its model.</summary>
[Collection(BuiltPluginsGroup.Name)]
public sealed partial class TemplateTests
{
    private readonly BuiltPlugins _built;
    private readonly ITestOutputHelper _output;

    public TemplateTests(BuiltPlugins built, ITestOutputHelper output)
    {
        _built = built;
        _output = output;
    }

    [Fact]
    public void GeneratedProject_BuildsAndItsOwnTestsPass()
    {
        _output.WriteLine($"pack SDK + install template + dotnet new + build sample and generated project + their tests: {_built.Seconds:0.0} s ({_built.Steps})");
        _output.WriteLine(_built.BuildLog.Split('\n')[^1]);
        Assert.Matches(PassedLine(), _built.TemplateTestLog);
        Assert.True(File.Exists(Path.Combine(_built.TemplatePlugin, "AuthorPlugin.dll")));
        Assert.False(File.Exists(Path.Combine(_built.TemplatePlugin, "Cortex.Plugins.Abstractions.dll")), "the SDK must come from the host");
        Assert.InRange(File.ReadAllLines(Path.Combine(_built.Template, "AuthorPlugin", "MyNeuron.cs")).Length, 1, 30);
        Assert.Contains($"value=\"{_built.Feed}\"", File.ReadAllText(Path.Combine(_built.Template, "nuget.config")), StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedPlugin_IsDiscovered_AndRunsItsSpecAtTheClosedFormRate()
    {
        var list = Cli.Run("plugins", "--plugins", _built.TemplatePlugin);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"AuthorPlugin 0.1.0 (--plugins, SDK {SdkVersion.Text})", list.Out, StringComparison.Ordinal);
        Assert.Contains("  neuron models: my_neuron", list.Out, StringComparison.Ordinal);

        using var dir = new TempDirectory();
        var output = dir.File("out");
        var run = Cli.Run("run", Path.Combine(_built.Template, "spec.json"), "--plugins", _built.TemplatePlugin, "--out", output, "--no-plot");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        // 0.25 nA into R = 80 MΩ: T = 20 ms · ln(20 / (20 − 15)) = 27.7 ms, rounded up to whole 0.1 ms steps.
        var expected = 1000 / (Math.Ceiling(20 * Math.Log(20.0 / 5) / 0.1) * 0.1);
        Assert.Equal(expected, summary.RootElement.GetProperty("mean_rate_hz").GetDouble(), 1.0);
    }

    [Fact]
    public void ModelOption_NamesTheClassAndItsFilesInPascalCase()
    {
        var plugin = Path.Combine(_built.RenamedTemplate, "RenamedPlugin");
        var tests = Path.Combine(_built.RenamedTemplate, "RenamedPlugin.Tests");
        Assert.Equal(["HabituatingLif.cs", "Plugin.cs"], Directory.GetFiles(plugin, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["HabituatingLifTests.cs"], Directory.GetFiles(tests, "*.cs").Select(Path.GetFileName));
        var model = File.ReadAllText(Path.Combine(plugin, "HabituatingLif.cs"));
        Assert.Contains("public sealed class HabituatingLif : NeuronModel<", model, StringComparison.Ordinal);
        Assert.Contains("Name => \"habituating_lif\"", model, StringComparison.Ordinal);
        Assert.Contains("public sealed class HabituatingLifTests", File.ReadAllText(Path.Combine(tests, "HabituatingLifTests.cs")), StringComparison.Ordinal);
        Assert.Contains("\"model\": \"habituating_lif\"", File.ReadAllText(Path.Combine(_built.RenamedTemplate, "spec.json")), StringComparison.Ordinal);
        Assert.DoesNotContain("MyNeuron", string.Concat(Directory.GetFiles(_built.RenamedTemplate, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => f + File.ReadAllText(f))), StringComparison.Ordinal);

        // It builds (the fixture built it), and the host finds the renamed class under the model's name.
        using var catalog = Catalogs.Load(_built.RenamedTemplatePlugin);
        Assert.Empty(catalog.Faults);
        Assert.Equal("RenamedPlugin.HabituatingLif", catalog.Registry.NeuronModels["habituating_lif"].GetType().FullName);
    }

    [GeneratedRegex(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+3,")]
    private static partial Regex PassedLine();
}
