using System.Text.Json.Nodes;
using Cortex.Plugins;
using Cortex.Registry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex tasks</c> and <c>cortex task run</c>: the listing, the outputs, and every way a run can go wrong.</summary>
public sealed class TaskCommandTests
{
    private static void OneCleanErrorLine(CliResult result, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Err + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_ListsTheBanditWithItsParametersAndDefaults()
    {
        var result = Cli.Run("tasks");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("task bandit:", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"trials\s*│\s*200\s", result.Out);
        Assert.Matches(@"iti\s*│\s*250 ms\s", result.Out);
        Assert.Contains("score: fraction of the last quarter", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskRun_WritesMetricsWithASummaryScore_AndALearningCurve()
    {
        using var dir = new TempDirectory();
        var output = dir.File("bandit");
        var result = Cli.Run("task", "run", "bandit", "--episodes", "1", "--seed", "2", "--set", "trials=40", "--set", "iti=150 ms", "--out", output);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());

        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!;
        Assert.Equal("bandit", (string?)metrics["task"]);
        Assert.Equal(2UL, (ulong?)metrics["seed"]);
        Assert.Equal("cpu", (string?)metrics["backend"]);
        Assert.Equal("completed", (string?)metrics["status"]);
        Assert.Equal(40.0, (double?)metrics["parameters"]!["trials"]);
        Assert.Equal("150 ms", (string?)metrics["parameters"]!["iti"]);
        Assert.True((double?)metrics["wall_seconds"] > 0);
        var episode = Assert.Single(metrics["episodes"]!.AsArray())!;
        Assert.Equal(1, (int?)episode["episode"]);
        Assert.Equal(40, (int?)episode["steps"]);
        Assert.Equal(40, episode["curve"]!.AsArray().Count);
        var score = (double?)episode["score"];
        Assert.InRange(score!.Value, 0, 1);
        // One episode: the headline figure is that episode's score; the extras are summarised alongside.
        Assert.Equal(score, (double?)metrics["summary"]!["score"]);
        Assert.Equal((double?)episode["metrics"]!["reward_rate"], (double?)metrics["summary"]!["reward_rate"]);
        Assert.Equal((double)episode["return"]!, (double)episode["metrics"]!["reward_rate"]! * 40, 9);

        var png = File.ReadAllBytes(Path.Combine(output, "learning_curve.png"));
        Assert.True(png.Length > 1000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
        Assert.Contains($"episode 1/1: score {score.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskParameters_WrittenAsOptions_RunAsTheSameSettings()
    {
        using var dir = new TempDirectory();
        var viaSet = Cli.Run("task", "run", "bandit", "--seed", "3", "--set", "trials=30", "--set", "iti=150 ms", "--out", dir.File("set"));
        var viaOptions = Cli.Run("task", "run", "bandit", "--trials", "30", "--seed", "3", "--iti=150 ms", "--out", dir.File("options"));
        Assert.True(viaSet.ExitCode == ExitCodes.Ok, viaSet.ToString());
        Assert.True(viaOptions.ExitCode == ExitCodes.Ok, viaOptions.ToString());
        var a = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("set"), "metrics.json")))!;
        var b = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("options"), "metrics.json")))!;
        Assert.Equal(30.0, (double?)b["parameters"]!["trials"]);
        Assert.Equal("150 ms", (string?)b["parameters"]!["iti"]);
        var episodeA = a["episodes"]![0]!;
        var episodeB = b["episodes"]![0]!;
        Assert.Equal(episodeA["score"]!.ToJsonString(), episodeB["score"]!.ToJsonString());
        Assert.Equal(episodeA["curve"]!.ToJsonString(), episodeB["curve"]!.ToJsonString());
    }

    [Theory]
    [InlineData("--trials", "--trials needs a value")]
    [InlineData("extra", "unexpected argument 'extra'")]
    [InlineData("--trails=30", "trails: unknown parameter (did you mean 'trials'?)")]
    public void BadTaskParameterOptions_ExitWithBadInput_NamingThem(string token, string message)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("task", "run", "bandit", "--out", dir.File("out"), token);
        OneCleanErrorLine(result, ExitCodes.BadInput);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void AParameterWithNamedChoices_TakesTheName_AndListsTheChoicesWhenWrong()
    {
        var task = new Cortex.Cognition.StdpDigits.StdpDigitsTask();
        Assert.Equal(1, task.ResolveParameters(new Dictionary<string, string> { ["dataset"] = "Fashion" })["dataset"]);
        Assert.Equal(0, task.ResolveParameters(new Dictionary<string, string> { ["dataset"] = "digits" })["dataset"]);
        using var dir = new TempDirectory();
        var result = Cli.Run("task", "run", "stdp_digits", "--dataset", "mnist", "--out", dir.File("out"));
        OneCleanErrorLine(result, ExitCodes.BadInput);
        Assert.Contains("dataset: expected one of digits, fashion, got 'mnist'", result.Err, StringComparison.Ordinal);
        var listing = Cli.Run("tasks");
        Assert.Matches(@"dataset\s*│\s*digits\s*│\s*one of digits, fashion", listing.Out);
    }

    [Fact]
    public void UnknownTask_ExitsWithBadInput_AndSuggestsTheClosestName()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("task", "run", "bandt", "--out", dir.File("out"));
        OneCleanErrorLine(result, ExitCodes.BadInput);
        Assert.Contains("unknown task 'bandt' (did you mean 'bandit'?)", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("trils=40", "trils: unknown parameter (did you mean 'trials'?)")]
    [InlineData("trial=50", "trial: expected a time")]
    [InlineData("trials=-3", "trials: must be > 0, got -3")]
    [InlineData("trials", "--set 'trials': expected key=value")]
    public void BadSet_ExitsWithBadInput_NamingTheSetting(string setting, string message)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("task", "run", "bandit", "--set", setting, "--out", dir.File("out"));
        OneCleanErrorLine(result, ExitCodes.BadInput);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void ATaskThatThrows_StopsWithOneLineNamingTaskAndPlugin_AndKeepsTheEpisodesBefore()
    {
        using var dir = new TempDirectory();
        var plugins = dir.File("plugins");
        var path = FusePlugin.Compile(plugins);
        var output = dir.File("out");
        var result = Cli.Run("task", "run", "fuse", "--plugins", plugins, "--episodes", "4", "--out", output);

        OneCleanErrorLine(result, ExitCodes.RunFailed);
        var error = result.ErrorLines[0];
        Assert.StartsWith($"error: task 'fuse' failed in episode 3: plugin 'Fuses' ({path}): task 'fuse' threw InvalidOperationException: the fuse blew in episode 3", error, StringComparison.Ordinal);
        Assert.Contains("keeps the 2 episodes completed", error, StringComparison.Ordinal);

        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!;
        Assert.Equal("failed", (string?)metrics["status"]);
        Assert.Contains("the fuse blew in episode 3", (string?)metrics["error"], StringComparison.Ordinal);
        Assert.Equal(4, (int?)metrics["episodes_planned"]);
        Assert.Equal(2, (int?)metrics["episodes_done"]);
        var episodes = metrics["episodes"]!.AsArray();
        Assert.Equal([1, 2], episodes.Select(e => (int)e!["episode"]!));
        Assert.Equal([FusePlugin.Score(1), FusePlugin.Score(2)], episodes.Select(e => (double)e!["score"]!));
        Assert.Equal(FusePlugin.Extra, (double?)episodes[1]!["metrics"]!["extra"]);
        Assert.Equal((FusePlugin.Score(1) + FusePlugin.Score(2)) / 2, (double)metrics["summary"]!["score"]!, 12);
        Assert.True(File.Exists(Path.Combine(output, "learning_curve.png")));
    }

    [Fact]
    public void AddTask_RegistersByName_AndTwoTasksCannotShareAName()
    {
        var services = new ServiceCollection();
        services.AddTask(new Cortex.Cognition.Bandit.BanditTask());
        using var provider = services.BuildServiceProvider();
        Assert.IsType<Cortex.Cognition.Bandit.BanditTask>(new ComponentRegistry(provider).Tasks["bandit"]);

        services.AddTask(new Cortex.Cognition.Bandit.BanditTask());
        using var twice = services.BuildServiceProvider();
        var e = Assert.Throws<DuplicateComponentException>(() => new ComponentRegistry(twice));
        Assert.Contains("two tasks are named 'bandit'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A third-party task plugin, compiled in-process, whose run throws in episode 3.</summary>
    private static class FusePlugin
    {
        public const double Extra = 1.5;

        public static double Score(int episode) => 0.125 * episode;

        public static string Compile(string directory)
        {
            var source = $$"""
                using System;
                using System.Collections.Generic;
                using System.Threading;
                using Cortex.Plugins;
                using Cortex.Tasks;
                using Microsoft.Extensions.DependencyInjection;

                [assembly: CortexPlugin(typeof(Fuses.P))]

                namespace Fuses;

                public sealed class P : ICortexPlugin
                {
                    public string Name => "Fuses";
                    public void Configure(IServiceCollection services) => services.AddTask(new T());
                }

                public sealed class T : TaskModel
                {
                    public override string Name => "fuse";
                    public override string Description => "scores 0.125 per episode number, blows in episode 3";
                    public override ITaskRun Create(TaskContext context) => new R();
                }

                public sealed class R : ITaskRun
                {
                    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken)
                    {
                        if (episode == 3) throw new InvalidOperationException($"the fuse blew in episode {episode}");
                        return new EpisodeResult(episode, 0.125 * episode, 1, 2)
                        {
                            Metrics = new Dictionary<string, double> { ["extra"] = {{Extra.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
                            Curve = new[] { 0.0, 1.0 },
                        };
                    }
                    public void Dispose() { }
                }
                """;
            var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
            MetadataReference[] contracts =
            [
                MetadataReference.CreateFromFile(typeof(ICortexPlugin).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(CortexRuntime).Assembly.Location),
            ];
            var compilation = CSharpCompilation.Create("Fuses", [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
                [.. framework, .. contracts], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "Fuses.dll");
            using var stream = File.Create(path);
            var emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return path;
        }
    }
}
