using System.CommandLine;
using Cortex.Backends;
using Cortex.Registry;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>--backend</c> and <c>--device</c> for run, bench and task: <c>auto</c> picks the GPU backend when it lists an
/// accelerator and otherwise <c>cpu</c>, saying so in one line; a device id is checked against the backend's own list.
/// </summary>
internal static class BackendChoice
{
    /// <summary>The <c>--backend</c> value that picks the fastest backend present.</summary>
    public const string Auto = "auto";

    /// <summary>The backend <see cref="Auto"/> prefers when it has an accelerator.</summary>
    public const string Accelerated = "gpu";

    /// <summary>The backend <see cref="Auto"/> falls back to.</summary>
    public const string Fallback = "cpu";

    /// <summary>The id of the host processor (and of ILGPU's CPU accelerator, which a GPU backend runs only when asked by it).</summary>
    public const string HostDevice = "cpu";

    /// <summary>The <c>--device</c> option.</summary>
    public static Option<string?> DeviceOption() => new("--device")
    {
        Description = "Device to run on, by id from 'cortex backends' (e.g. cuda:0; 'cpu' runs the GPU backend on ILGPU's CPU accelerator, for tests only)",
    };

    /// <summary>The description of <c>--backend</c>.</summary>
    public const string BackendDescription = "Backend name (see 'cortex backends'), or 'auto': the GPU when one is present, else cpu";

    /// <summary>The backend named <paramref name="name"/>, resolving <see cref="Auto"/>.</summary>
    /// <exception cref="UnknownComponentException">No backend has that name.</exception>
    public static IBackend Resolve(ComponentRegistry registry, string name, CliConsole console)
    {
        if (!string.Equals(name, Auto, StringComparison.Ordinal)) return registry.GetBackend(name);
        if (!registry.Backends.TryGetValue(Accelerated, out var accelerated))
        {
            console.Notice($"--backend auto: no '{Accelerated}' backend is installed; running on '{Fallback}'");
            return registry.GetBackend(Fallback);
        }
        var (devices, problem) = ListDevices(accelerated);
        if (devices.FirstOrDefault(d => d.IsAccelerator) is { } device)
        {
            console.Notice($"--backend auto: running on '{Accelerated}' ({device.Id}, {device.Name})");
            return accelerated;
        }
        console.Notice($"--backend auto: '{Accelerated}' found no GPU{(problem is null ? "" : $" ({problem})")}; running on '{Fallback}'");
        return registry.GetBackend(Fallback);
    }

    /// <summary>The options for <paramref name="backend"/>, checking <paramref name="device"/> against its devices.</summary>
    /// <exception cref="UsageException">The backend lists no device with that id.</exception>
    public static BackendOptions Options(IBackend backend, int threads, string? device)
    {
        if (device is null || string.Equals(device, HostDevice, StringComparison.Ordinal)) return new BackendOptions { Threads = threads, Device = device };
        var (devices, problem) = ListDevices(backend);
        if (!devices.Any(d => string.Equals(d.Id, device, StringComparison.Ordinal)))
        {
            var listed = devices.Count == 0 ? $"none{(problem is null ? "" : $": {problem}")}" : string.Join(", ", devices.Select(d => d.Id));
            throw new UsageException($"--device: backend '{backend.Name}' has no device '{device}' (its devices: {listed}; see 'cortex backends')");
        }
        return new BackendOptions { Threads = threads, Device = device };
    }

    /// <summary>
    /// The backend's devices, or none with the reason when listing them failed (a broken driver must not stop
    /// <c>cortex backends</c> or <c>auto</c>).
    /// </summary>
    public static (IReadOnlyList<BackendDevice> Devices, string? Problem) ListDevices(IBackend backend)
    {
        try
        {
            return (backend.Devices(), null);
        }
#pragma warning disable CA1031 // Any failure of a device driver means "no device" here; the reason is shown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ([], $"{e.GetType().Name}: {e.Message}");
        }
    }
}
