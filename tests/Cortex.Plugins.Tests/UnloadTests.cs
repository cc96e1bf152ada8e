using System.Runtime.CompilerServices;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Host.Commands;
using Cortex.Plugins.Tests.Support;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Plugins.Tests;

/// <summary>Disposing a catalog releases each plugin's load context; loading again picks up a rebuilt plugin; --watch does both by itself.</summary>
public sealed class UnloadTests
{
    [Fact]
    public void Dispose_ReleasesThePluginLoadContext_EvenAfterARun()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Path, "Unloadable", TestPlugins.Neuron("Unloadable", "unloadable"));
        var (context, spikes) = LoadRunAndDispose(dir.Path, "unloadable");
        Assert.True(spikes > 0);
        Assert.Equal(0, RunWatch.Release([context]));
    }

    [Fact]
    public void AnObjectFromThePlugin_KeepsItsContextAlive_UntilDropped()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Path, "Held", TestPlugins.Neuron("Held", "held"));
        var held = new StrongBox<object?>();
        var context = LoadAndKeepAModel(dir.Path, held);
        Assert.Equal(1, RunWatch.Release([context])); // the check can fail: the model object pins its load context
        held.Value = null;
        Assert.Equal(0, RunWatch.Release([context]));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndKeepAModel(string folder, StrongBox<object?> held)
    {
        using var catalog = Catalogs.Load(folder);
        held.Value = catalog.Registry.NeuronModels["held"];
        return Assert.Single(catalog.LoadContexts);
    }

    [Fact]
    public void Reload_PicksUpAChangedPlugin()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Path, "Changing", TestPlugins.Neuron("Changing", "changing", gain: 1, version: "1.0.0"));
        var (first, spikesV1) = LoadRunAndDispose(dir.Path, "changing");
        Assert.Equal(0, RunWatch.Release([first]));

        // "Rebuild": same file, new code (twice the gain, so twice the spikes).
        PluginCompiler.Compile(dir.Path, "Changing", TestPlugins.Neuron("Changing", "changing", gain: 2, version: "2.0.0"));
        var (second, spikesV2) = LoadRunAndDispose(dir.Path, "changing");
        Assert.Equal(0, RunWatch.Release([second]));
        Assert.Equal(2 * spikesV1, spikesV2);
    }

    // Not inlined, so no local in the test method keeps a plugin object alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Context, long Spikes) LoadRunAndDispose(string folder, string model)
    {
        using var catalog = Catalogs.Load(folder);
        Assert.Empty(catalog.Faults);
        var network = new NetworkCompiler(catalog.Registry).Compile(SpecJson.Parse(TestPlugins.Spec(model, size: 4, duration: "10 ms")));
        var result = SimulationRunner.Run(network, catalog.Registry.GetBackend("cpu"), new BackendOptions(), [new MemorySink()]);
        return (Assert.Single(catalog.LoadContexts), result.SpikesPerPopulation[1]);
    }

    [Fact]
    public async Task Watch_RerunsWithTheRebuiltPlugin_AndReleasesTheOldContext()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        PluginCompiler.Compile(plugins, "Watched", TestPlugins.Neuron("Watched", "watched", gain: 1));
        var spec = dir.Write("spec.json", TestPlugins.Spec("watched", size: 2, duration: "10 ms"));
        var output = dir.File("out");
        using var stdout = new SynchronizedWriter();
        using var stderr = new SynchronizedWriter();
        var console = new Cortex.Host.CliConsole(stdout, stderr)
        {
            PluginSearch = new Loading.PluginSearchPath([new Loading.PluginDirectory(plugins, Loading.PluginOrigin.CommandLine)]),
        };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = new RunRequest { SpecPath = spec, OutputDirectory = output, Plot = false };
        var loop = Task.Run(() => RunWatch.LoopAsync(request, console, TimeSpan.FromMilliseconds(200), stop.Token));

        await stdout.WaitFor("watch: run 1 done", stop.Token);
        Assert.Equal(2 * 10, SpikesOf(output)); // gain 1: every 10 steps, 2 neurons, 100 steps
        // Rebuild elsewhere and swap the file in at once, so a loaded machine cannot make the watcher see half a build.
        var rebuilt = PluginCompiler.Compile(dir.Folder("staging"), "Watched", TestPlugins.Neuron("Watched", "watched", gain: 2));
        var staged = Path.Combine(plugins, "Watched.dll.new");
        File.Copy(rebuilt, staged);
        File.Move(staged, Path.Combine(plugins, Path.GetFileName(rebuilt)), overwrite: true);
        await stdout.WaitFor("watch: run 2 done", stop.Token);
        await stop.CancelAsync();
        Assert.Equal(ExitCodesView.Ok, await loop);

        Assert.Contains("released 1 of 1 plugin load context(s), reloading", stdout.Text, StringComparison.Ordinal);
        Assert.Equal(2 * 20, SpikesOf(output)); // gain 2: every 5 steps
        Assert.DoesNotContain("warning", stderr.Text, StringComparison.Ordinal);
    }

    private static long SpikesOf(string output)
    {
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        return summary.RootElement.GetProperty("populations").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "cells").GetProperty("spikes").GetInt64();
    }

    /// <summary>A writer the watch loop writes to from its own thread while the test waits for lines.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate) return ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_gate) base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_gate) base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            lock (_gate) base.WriteLine(value);
        }

        public async Task WaitFor(string text, CancellationToken cancellationToken)
        {
            while (!Text.Contains(text, StringComparison.Ordinal)) await Task.Delay(20, cancellationToken);
        }
    }
}
