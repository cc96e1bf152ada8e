namespace Cortex.Host.Commands.Tasks;

/// <summary>The arguments of one <c>cortex task run</c>.</summary>
internal sealed record TaskRequest
{
    /// <summary>The task's registered name.</summary>
    public required string Name { get; init; }

    /// <summary>The run's master seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The device id (<c>--device</c>); null for the backend's default.</summary>
    public string? Device { get; init; }

    /// <summary>Episodes to run; null for the task's default.</summary>
    public int? Episodes { get; init; }

    /// <summary>Output folder; null for out/tasks/NAME.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The <c>--set key=value</c> arguments as given.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Backend name.</summary>
    public string Backend { get; init; } = "cpu";

    /// <summary>Worker threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The command as typed, recorded in metrics.json.</summary>
    public string CommandLine { get; init; } = "";
}
