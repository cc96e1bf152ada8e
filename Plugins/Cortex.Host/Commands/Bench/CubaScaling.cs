using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// The CUBA benchmark network of <c>examples/cuba.json</c> scaled to N neurons: 80 % excitatory,
/// connection probability 0.02 up to 4,000 neurons and 80/N above, so the in-degree stays ≈ 80
/// (the same scaling as the Brian2 anchor numbers).
/// </summary>
internal static class CubaScaling
{
    public static NetworkSpec Scale(NetworkSpec cuba, int neurons, ulong seed, Quantity duration)
    {
        if (neurons < 10) throw new UsageException($"--neurons must be at least 10, got {neurons}");
        var excitatory = neurons * 4 / 5;
        var p = Math.Min(0.02, 80.0 / neurons);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal) { ["exc"] = excitatory, ["inh"] = neurons - excitatory };
        if (!cuba.Populations.Select(x => x.Name).Order(StringComparer.Ordinal).SequenceEqual(sizes.Keys.Order(StringComparer.Ordinal)))
            throw new UsageException("the CUBA template must have exactly the populations 'exc' and 'inh'");
        return cuba with
        {
            Name = $"cuba-{neurons}",
            Simulation = cuba.Simulation with { Seed = seed, Duration = duration },
            Populations = [.. cuba.Populations.Select(x => x with { Size = sizes[x.Name] })],
            Projections = [.. cuba.Projections.Select(x => x with { Connector = new FixedProbabilityConnector(p) })],
            Probes = [new SpikeProbe { Population = "exc" }, new SpikeProbe { Population = "inh" }],
        };
    }
}
