using System.Text.Json;
using Cortex.Backends;
using Cortex.Hosting;
using Cortex.Host.Commands;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex backends</c>, <c>--backend auto</c> and <c>--device</c> for run, bench and task, and the one-line errors of a
/// backend without a usable device.
/// </summary>
public sealed class BackendSelectionTests
{
    // What 'auto' must pick on this machine: the GPU backend when it is installed and lists an accelerator, else cpu. Read
    // from the backends themselves, so the tests hold on a machine with a GPU as on one without.
    private static readonly Lazy<string> AutoPick = new(() =>
    {
        using var catalog = CortexComposition.Create();
        return catalog.Registry.Backends.TryGetValue("gpu", out var gpu) && BackendChoice.ListDevices(gpu).Devices.Any(d => d.IsAccelerator) ? "gpu" : "cpu";
    });

    [Fact]
    public void Backends_lists_every_backend_with_its_devices_and_memory_and_the_auto_pick()
    {
        var result = Cli.Run("backends");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var catalog = CortexComposition.Create();
        foreach (var backend in catalog.Registry.Backends.Values)
        {
            Assert.Contains($"{backend.Name}: {backend.Description}", result.Out, StringComparison.Ordinal);
            foreach (var device in backend.Devices())
                Assert.Contains($"  {device.Id,-10} {device.Name}  {BackendsCommand.Memory(device.MemoryBytes)}", result.Out, StringComparison.Ordinal);
        }
        // The host processor's memory is the runtime's limit, in GiB with one decimal.
        var host = BackendDevice.HostProcessor();
        Assert.Contains($"  cpu        {host.Name}  {host.MemoryBytes / (double)(1L << 30):0.0} GiB", result.Out, StringComparison.Ordinal);
        Assert.Contains($"--backend auto runs on '{AutoPick.Value}'", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "memory unknown")]
    [InlineData(512L << 20, "512 MiB")]
    [InlineData(80L << 30, "80.0 GiB")]
    public void Memory_is_shown_in_the_largest_fitting_binary_unit(long bytes, string shown) =>
        Assert.Equal(shown, BackendsCommand.Memory(bytes));

    [Fact]
    public void Run_with_backend_auto_says_in_one_line_what_it_picked()
    {
        using var dir = new TempDirectory();
        var output = dir.File("out");
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small(duration: "50 ms")), "--backend", "auto", "--out", output, "--no-plot");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var notices = result.Err.Split('\n').Where(l => l.StartsWith("notice: --backend auto", StringComparison.Ordinal)).ToList();
        Assert.Single(notices);
        Assert.Contains($"'{AutoPick.Value}'", notices[0], StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal(AutoPick.Value, summary.RootElement.GetProperty("backend").GetString());
    }

    [Fact]
    public void Run_with_a_device_the_backend_does_not_have_is_one_error_line_naming_it_and_its_devices()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small(duration: "20 ms")), "--backend", "cpu", "--device", "cuda:3", "--out", dir.File("out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("backend 'cpu' has no device 'cuda:3'", error, StringComparison.Ordinal);
        Assert.Contains("its devices: cpu", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")), "nothing should run");
    }

    [Fact]
    public void Run_on_the_host_device_by_id_gives_the_same_spikes_as_without()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.json", Specs.Small(duration: "50 ms"));
        var plain = Cli.Run("run", spec, "--out", dir.File("a"), "--no-plot");
        var byId = Cli.Run("run", spec, "--device", "cpu", "--out", dir.File("b"), "--no-plot");
        Assert.True(plain.ExitCode == ExitCodes.Ok, plain.ToString());
        Assert.True(byId.ExitCode == ExitCodes.Ok, byId.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), "spikes.parquet")), File.ReadAllBytes(Path.Combine(dir.File("b"), "spikes.parquet")));
    }

    [Fact]
    public void Backend_gpu_without_a_usable_device_is_one_error_line_naming_what_was_looked_for()
    {
        using var catalog = CortexComposition.Create();
        using var dir = new TempDirectory();
        var result = Cli.Run("run", dir.Write("small.json", Specs.Small(duration: "20 ms")), "--backend", "gpu", "--out", dir.File("out"));
        if (!catalog.Registry.Backends.TryGetValue("gpu", out var gpu))
        {
            // Not built in here: the unknown backend is named with the ones there are.
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Contains("unknown backend 'gpu'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
            return;
        }
        if (gpu.Devices().Any(d => d.IsAccelerator)) return; // A machine with a GPU runs it; the error is for machines without.
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("CUDA", error, StringComparison.Ordinal);
        Assert.Contains("OpenCL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_unavailable_exception_is_bad_input_in_one_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error);
        var code = ErrorReporting.Guard(console, () => throw new BackendUnavailableException("gpu", "backend 'gpu' found no CUDA or OpenCL device; use --device cpu or --backend cpu"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: backend 'gpu' found no CUDA or OpenCL device; use --device cpu or --backend cpu", error.ToString().Trim());
    }

    [Fact]
    public void Task_with_a_device_the_backend_does_not_have_stops_before_the_first_episode()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("task", "run", "bandit", "--episodes", "1", "--set", "trials=5", "--device", "opencl:9", "--out", dir.File("t"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("backend 'cpu' has no device 'opencl:9'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_cuba_reports_the_device_columns_and_takes_backend_auto()
    {
        var result = Cli.Run("bench", "cuba", "--neurons", "400", "--duration", "20 ms", "--backend", "auto");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("device MB", result.Out, StringComparison.Ordinal);
        Assert.Contains($"--backend auto", result.Err, StringComparison.Ordinal);
        // The CPU backend runs on the host: no device memory of its own.
        if (AutoPick.Value == "cpu") Assert.Contains("host", result.Out, StringComparison.Ordinal);
    }
}
