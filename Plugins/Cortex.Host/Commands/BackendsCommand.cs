using System.CommandLine;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex backends</c>: every registered backend with the devices it can run on (id for <c>--device</c>, name,
/// memory, accelerator or not), the default first, and which backend <c>--backend auto</c> would pick.
/// </summary>
internal static class BackendsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("backends", "List backends with their devices and memory, and what '--backend auto' picks");
        command.SetAction(_ => ErrorReporting.Guard(console, () =>
        {
            using var catalog = RunPipeline.CreateRuntime(console);
            var registry = catalog.Registry;
            foreach (var backend in registry.Backends.Values.OrderBy(b => b.Name, StringComparer.Ordinal))
            {
                console.Out.WriteLine($"{backend.Name}: {backend.Description}");
                var (devices, problem) = BackendChoice.ListDevices(backend);
                if (devices.Count == 0)
                    console.Out.WriteLine($"  no device found{(problem is null ? "" : $" ({problem})")}");
                foreach (var device in devices)
                    console.Out.WriteLine($"  {device.Id,-10} {device.Name}  {Memory(device.MemoryBytes)}{(device.IsAccelerator ? "  accelerator" : "")}");
            }
            var auto = registry.Backends.TryGetValue(BackendChoice.Accelerated, out var accelerated)
                       && BackendChoice.ListDevices(accelerated).Devices.Any(d => d.IsAccelerator)
                ? BackendChoice.Accelerated
                : BackendChoice.Fallback;
            console.Out.WriteLine($"--backend auto runs on '{auto}'");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Memory in GiB (MiB below 1 GiB); "memory unknown" for 0.</summary>
    internal static string Memory(long bytes) => bytes switch
    {
        <= 0 => "memory unknown",
        < 1L << 30 => $"{bytes / (double)(1 << 20):0} MiB",
        _ => $"{bytes / (double)(1L << 30):0.0} GiB",
    };
}
