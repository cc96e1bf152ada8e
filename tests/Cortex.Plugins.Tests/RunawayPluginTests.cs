using System.Diagnostics;
using System.Globalization;
using Cortex.Plugins.Tests.Support;
using Cortex.Recording;

namespace Cortex.Plugins.Tests;

/// <summary>
/// A plugin's model that never returns from a step, or allocates without bound, in a real <c>cortex run</c> process:
/// the first SIGINT still ends the hung run (recordings closed with everything handed over, exit 130) and the
/// allocating run ends with one <c>error:</c> line and exit 3 (no CLR abort from the blame handler); both keep the spikes
/// recorded before, which match those of the same run in which the model behaves.
/// </summary>
public sealed class RunawayPluginTests : IClassFixture<RunawayPluginTests.RunawayPlugins>
{
    // The model misbehaves at its 250th step (t = 24.9 ms). A session hands its first 100 steps over at once (later ones
    // by rows or wall time), so at least those are kept even by the run that hangs.
    private const int Fuse = 250;
    private const double HandedOverMs = 10;
    private readonly RunawayPlugins _plugins;

    public RunawayPluginTests(RunawayPlugins plugins) => _plugins = plugins;

    public sealed class RunawayPlugins : IDisposable
    {
        private readonly TempDirectory _dir = new("cortex-runaway");

        public RunawayPlugins()
        {
            Folder = _dir.Folder("plugins");
            const string Burn = "throw new InvalidOperationException($\"fuse burnt out after {p.Fuse} steps\");";
            PluginCompiler.Compile(Path.Combine(Folder, "Hangs"), "Hangs", TestPlugins.Neuron("Hangs", "hangs",
                extra: "public static class Runaway { public static void Hang() { System.IO.File.WriteAllText(Environment.GetEnvironmentVariable(\"CORTEX_TEST_HANG_MARKER\")!, \"hanging\"); while (true) { System.Threading.Thread.SpinWait(1000); } } }")
                .Replace(Burn, "Runaway.Hang();", StringComparison.Ordinal));
            PluginCompiler.Compile(Path.Combine(Folder, "Hogs"), "Hogs", TestPlugins.Neuron("Hogs", "hogs",
                extra: "public static class Runaway { public static void Hog() { var keep = new List<byte[]>(); while (true) { keep.Add(new byte[1 << 20]); } } }")
                .Replace(Burn, "Runaway.Hog();", StringComparison.Ordinal));
        }

        public string Folder { get; }

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public async Task AModelStuckInAStep_IsStoppedByTheFirstSignal_WithTheRecordingsClosed()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("spec.json", TestPlugins.Spec("hangs", duration: "1000 s", parameters: $$"""{ "fuse": {{Fuse}} }"""));
        var output = dir.File("out");
        // The model writes this file when it starts to hang.
        var marker = dir.File("hanging");
        using var process = Start(dir, ["run", spec, "--plugins", _plugins.Folder, "--out", output, "--no-plot"], ("CORTEX_TEST_HANG_MARKER", marker));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(SpinWait.SpinUntil(() => File.Exists(marker) || process.HasExited, TimeSpan.FromSeconds(90)) && File.Exists(marker),
            $"the model never hung (exit {(process.HasExited ? process.ExitCode : "-")})");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();

        var err = await WaitForExit(process, stderr);
        Assert.True(process.ExitCode == ExitCodesView.Interrupted, $"exit {process.ExitCode}\n{err}\n{await stdout}");
        Assert.Contains("stopped: the step in progress did not return within", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        CheckKeptSpikes(dir, output);
    }

    [Fact]
    public async Task AModelThatAllocatesWithoutBound_EndsWithOneErrorLine_Exit3_KeepingTheSpikes()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("spec.json", TestPlugins.Spec("hogs", duration: "1000 s", parameters: $$"""{ "fuse": {{Fuse}} }"""));
        var output = dir.File("out");
        // A small GC heap limit, as a container's memory limit gives: the allocation fails long before the machine runs out.
        using var process = Start(dir, ["run", spec, "--plugins", _plugins.Folder, "--out", output, "--no-plot"], ("DOTNET_GCHeapHardLimit", "0x18000000"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var err = await WaitForExit(process, process.StandardError.ReadToEndAsync());
        Assert.True(process.ExitCode == ExitCodesView.RunFailed, $"exit {process.ExitCode}\n{err}\n{await stdout}");
        var errorLines = err.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errorLines);
        Assert.Contains("OutOfMemory", error.Replace("out of memory", "OutOfMemory", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal CLR error", err, StringComparison.Ordinal);
        CheckKeptSpikes(dir, output);
    }

    private static Process Start(TempDirectory dir, string[] args, params (string Name, string Value)[] environment)
    {
        // A background job of a non-interactive shell starts with SIGINT ignored; python resets it to the default and
        // becomes the CLI (exec keeps the process id), as a terminal would start it.
        const string ResetSigint = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", ResetSigint, "dotnet", Path.Combine(AppContext.BaseDirectory, "cortex.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CORTEX_HOME"] = dir.Folder("home");
        start.Environment.Remove("CORTEX_PLUGINS");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static async Task<string> WaitForExit(Process process, Task<string> stderr)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the run did not end within 90 s:\n{await stderr}");
        }
        return await stderr;
    }

    // Everything handed to the recorder before the model misbehaved is in the file, exactly as in the same run in which
    // the model behaves (fuse 0), and nothing from after the step that never returned.
    private void CheckKeptSpikes(TempDirectory dir, string output)
    {
        var kept = ParquetRecordingReader.ReadSpikeRows(output);
        Assert.Contains(kept, s => s.Population == "cells");
        Assert.All(kept, s => Assert.True(s.TimeMs < Fuse * 0.1, $"spike at {s.TimeMs} ms, after the step that never returned"));

        var reference = dir.File("reference");
        var result = Cli.Run("run", dir.Write("reference.json", TestPlugins.Spec("hangs", duration: "30 ms")), "--plugins", _plugins.Folder, "--out", reference, "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = ParquetRecordingReader.ReadSpikeRows(reference).Where(s => s.TimeMs < Fuse * 0.1).ToList();
        Assert.Equal(expected.Where(s => s.TimeMs < HandedOverMs), kept.Where(s => s.TimeMs < HandedOverMs));
        Assert.Equal(expected.Take(kept.Count), kept); // the rest, if any, is a prefix of what followed
    }
}
