using System.Text.Json;

namespace Cortex.Simulation;

/// <summary>The facts of one run written to <c>summary.json</c>: sizes, rates, timings and the settings that reproduce it.</summary>
public sealed record RunSummary
{
    /// <summary>Network name.</summary>
    public required string Network { get; init; }

    /// <summary>Backend name.</summary>
    public required string Backend { get; init; }

    /// <summary>Threads used.</summary>
    public required int Threads { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Time step in ms.</summary>
    public required double DtMs { get; init; }

    /// <summary>Steps simulated.</summary>
    public required long Steps { get; init; }

    /// <summary>Simulated time in ms.</summary>
    public double DurationMs => Steps * DtMs;

    /// <summary>Total synapses.</summary>
    public required long Synapses { get; init; }

    /// <summary>Seconds spent validating and compiling.</summary>
    public required double BuildSeconds { get; init; }

    /// <summary>Seconds spent in the simulation loop.</summary>
    public required double SimulationSeconds { get; init; }

    /// <summary>Wall seconds of the loop per biological second (lower is faster; see <see cref="Simulation.RealTimeFactor"/>).</summary>
    public double RealTimeFactor => Simulation.RealTimeFactor.Of(SimulationSeconds, DurationMs * 1e-3);

    /// <summary>Per-population counts and rates.</summary>
    public required IReadOnlyList<PopulationSummary> Populations { get; init; }

    /// <summary>Mean rate over all neurons in Hz.</summary>
    public double MeanRateHz => Populations.Sum(p => p.Size) == 0 ? 0
        : Populations.Sum(p => (double)p.Spikes) / Populations.Sum(p => p.Size) / (DurationMs * 1e-3);

    /// <summary>Builds the summary of a finished run.</summary>
    public static RunSummary From(Compilation.CompiledNetwork network, SimulationResult result, string backend, int threads, double buildSeconds) => new()
    {
        Network = network.Spec.Name, Backend = backend, Threads = threads, Seed = network.Seed, DtMs = network.Dt,
        Steps = result.Steps, Synapses = network.SynapseCount, BuildSeconds = buildSeconds, SimulationSeconds = result.WallSeconds,
        Populations = [.. network.Populations.Select(p => new PopulationSummary(p.Name, p.Size, result.SpikesPerPopulation[p.Index],
            result.Steps == 0 ? 0 : result.SpikesPerPopulation[p.Index] / (double)p.Size / (result.Steps * network.Dt * 1e-3)))],
    };

    /// <summary>
    /// The summary with each recorded population's mean ISI CV (over the whole run) from <paramref name="statistics"/>, as
    /// <see cref="SpikeTrainStatistics.Compute"/> gives them.
    /// </summary>
    public RunSummary WithIrregularity(IReadOnlyList<PopulationSpikeStatistics?> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return this with { Populations = [.. Populations.Select((p, i) => p with { IsiCv = i < statistics.Count ? statistics[i]?.MeanIsiCv : null })] };
    }

    /// <summary>The summary as indented snake_case JSON.</summary>
    public string ToJson() => RunSummaryJsonWriter.Write(this);

    /// <summary>Reads a summary written by <see cref="ToJson"/>.</summary>
    public static RunSummary FromJson(string json) => JsonSerializer.Deserialize(json, RunSummaryJsonContext.Default.RunSummary)
        ?? throw new JsonException("summary.json is empty");
}

/// <summary>Spike count and mean rate of one population, and the mean ISI CV of its recorded neurons when known.</summary>
public sealed record PopulationSummary(string Name, int Size, long Spikes, double RateHz, double? IsiCv = null);
