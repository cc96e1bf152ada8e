namespace Cortex.Host.Commands;

/// <summary>Everything <c>cortex run</c> needs, after parsing the command line.</summary>
internal sealed record RunRequest
{
    public required string SpecPath { get; init; }
    public string Backend { get; init; } = "cpu";
    public ulong? Seed { get; init; }
    public string? Duration { get; init; }
    public int Threads { get; init; } = 1;
    public required string OutputDirectory { get; init; }
    public bool Plot { get; init; } = true;
}
