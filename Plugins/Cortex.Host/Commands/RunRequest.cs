using Cortex.Compilation;
using Cortex.Recording;

namespace Cortex.Host.Commands;

/// <summary>Everything <c>cortex run</c> needs, after parsing the command line.</summary>
internal sealed record RunRequest
{
    public required string SpecPath { get; init; }
    public string Backend { get; init; } = "cpu";

    /// <summary>The device id (<c>--device</c>); null for the backend's default.</summary>
    public string? Device { get; init; }
    public ulong? Seed { get; init; }
    public string? Duration { get; init; }
    public int Threads { get; init; } = 1;
    public required string OutputDirectory { get; init; }
    public bool Plot { get; init; } = true;

    /// <summary>Where to write the final weights of the plastic projections (<c>--save-weights</c>); null: not written.</summary>
    public string? SaveWeights { get; init; }

    /// <summary>Sinks that receive the run's recording beside its files (the live viewer's); the run completes and disposes them.</summary>
    public IReadOnlyList<IRecordingSink> ExtraSinks { get; init; } = [];

    /// <summary>Called with the compiled network just before the simulation starts (the live viewer builds its scene from it).</summary>
    public Action<CompiledNetwork>? Compiled { get; init; }

    /// <summary>What the builder of the network knows about where its populations sit (regions, source), for layout.parquet.</summary>
    public IReadOnlyDictionary<string, Cortex.Recording.PopulationPlacement>? Placements { get; init; }

    /// <summary>Connections between regions to draw (e.g. a connectome's weights); null: from the projections.</summary>
    public IReadOnlyList<Cortex.Recording.ProjectionBundle>? Bundles { get; init; }
}
