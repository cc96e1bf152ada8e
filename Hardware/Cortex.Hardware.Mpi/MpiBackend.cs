using Cortex.Backends;
using Cortex.Compilation;

namespace Cortex.Hardware.Mpi;

/// <summary>
/// Runs this rank's part of a partitioned network (<see cref="CompiledNetwork.Partition"/>) on an inner backend that
/// implements <see cref="IRankSession"/> (the CPU backend does), exchanging spikes with the other ranks through MPI.
/// </summary>
public sealed class MpiBackend(IBackend inner, MpiWorld world) : IBackend
{
    /// <inheritdoc />
    public string Name => $"mpi+{inner.Name}";

    /// <inheritdoc />
    public string Description => $"{inner.Name} on each of {world.Size} MPI ranks, spikes exchanged once per min-delay epoch";

    /// <summary>The MPI world the sessions exchange over.</summary>
    public MpiWorld World => world;

    /// <inheritdoc />
    public IReadOnlyList<string> Unsupported(CompiledNetwork network) => inner.Unsupported(network);

    /// <inheritdoc />
    public ISimulationSession Open(CompiledNetwork network, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Partition is { } partition && (partition.Ranks != world.Size || partition.Rank != world.Rank))
            throw new ArgumentException($"the network was compiled for rank {partition.Rank} of {partition.Ranks}, this is rank {world.Rank} of {world.Size}");
        var session = inner.Open(network, options);
        if (session is not IRankSession rank)
        {
            session.Dispose();
            throw new UnsupportedComponentException(inner.Name, ["one rank of several (the backend has no split step; use --backend cpu)"]);
        }
        return new MpiSession(rank, network, world);
    }
}
