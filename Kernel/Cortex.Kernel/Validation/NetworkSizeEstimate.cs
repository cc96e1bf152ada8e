using Cortex.Spec;

namespace Cortex.Validation;

/// <summary>
/// What a valid spec will cost before anything is built: synapses per projection (a table is indexed by a 32-bit
/// integer) and memory for the whole network, against what the machine has. A spec too large to build is refused
/// up front with the estimate, instead of running out of memory minutes into compilation.
/// </summary>
public static class NetworkSizeEstimate
{
    /// <summary>Bytes per neuron: state, parameters, input buffers and recording, measured on CUBA with room to spare.</summary>
    public const double BytesPerNeuron = 200;

    /// <summary>Bytes per synapse while the network is built (rows and the final table side by side).</summary>
    public const double BytesPerSynapse = 24;

    /// <summary>Expected synapse count of each projection, in spec order.</summary>
    public static IReadOnlyList<double> ExpectedSynapses(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sizes = spec.Populations.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => (double)g.First().Size);
        return [.. spec.Projections.Select(p =>
        {
            var sources = sizes.GetValueOrDefault(p.Source);
            var targets = sizes.GetValueOrDefault(p.Target);
            return p.Connector switch
            {
                AllToAllConnector => sources * targets,
                OneToOneConnector => sources,
                FixedProbabilityConnector f => f.P * sources * targets,
                FixedInDegreeConnector f => f.K * targets,
                FixedOutDegreeConnector f => f.K * sources,
                ExplicitConnector e => e.Connections.Count,
                FixedTotalNumberConnector f => f.N,
                BlockConnector b => b.ExpectedSynapses(),
                _ => sources * targets,
            };
        })];
    }

    /// <summary>Memory the network needs while it is built and run, in bytes.</summary>
    public static double RequiredBytes(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Populations.Sum(p => (double)p.Size) * BytesPerNeuron + ExpectedSynapses(spec).Sum() * BytesPerSynapse;
    }

    /// <summary>Memory this process may use: the machine's, or the container's limit.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Every projection with more synapses than a table holds, and the network if it needs more memory than <paramref name="availableBytes"/>.</summary>
    public static IEnumerable<SpecError> Problems(NetworkSpec spec, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var synapses = ExpectedSynapses(spec);
        var tooMany = false;
        for (var i = 0; i < synapses.Count; i++)
        {
            if (synapses[i] <= int.MaxValue) continue;
            tooMany = true;
            yield return new SpecError($"projections[{i}].connector", $"would create about {synapses[i]:G3} synapses; a projection holds at most {int.MaxValue:N0}");
        }
        if (tooMany) yield break;
        var required = RequiredBytes(spec);
        if (required > availableBytes)
        {
            var neurons = spec.Populations.Sum(p => (double)p.Size);
            yield return new SpecError("populations",
                $"the network needs about {Gigabytes(required)} of memory ({neurons:G3} neurons, {synapses.Sum():G3} synapses), " +
                $"more than the {Gigabytes(availableBytes)} available to this process");
        }
    }

    private static string Gigabytes(double bytes) => FormattableString.Invariant($"{bytes / (1L << 30):0.0} GB");
}
