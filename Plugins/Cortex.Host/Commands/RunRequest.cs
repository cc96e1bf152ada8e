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

    /// <summary>What the builder of the network knows about where its populations sit (regions, source), for layout.parquet.</summary>
    public IReadOnlyDictionary<string, Cortex.Recording.PopulationPlacement>? Placements { get; init; }

    /// <summary>Connections between regions to draw (e.g. a connectome's weights); null: from the projections.</summary>
    public IReadOnlyList<Cortex.Recording.ProjectionBundle>? Bundles { get; init; }
}
