using Cortex.Compilation;

namespace Cortex.Backends;

/// <summary>
/// A session that runs one rank's part of a network spread over several processes, while every
/// <see cref="ISimulationSession"/> call keeps its one-process meaning (global neuron ids, whole projections, one snapshot
/// of the whole network). Every rank makes the same calls in the same order (SPMD, as NEST runs), so a call that needs
/// the other ranks' parts is a collective. This interface adds what a caller needs to know about the whole network that
/// the rank's own <see cref="CompiledNetwork"/> (its part) cannot tell.
/// </summary>
public interface IDistributedSession
{
    /// <summary>This process's rank.</summary>
    int Rank { get; }

    /// <summary>Number of ranks.</summary>
    int Ranks { get; }

    /// <summary>Synapses of projection <paramref name="projection"/> over all ranks: the length of <see cref="ISimulationSession.GetWeights"/>.</summary>
    int SynapseCount(int projection);

    /// <summary>
    /// The whole projection as one process compiles it (rows by source, global targets, delays) with its current weights
    /// (a collective).
    /// </summary>
    SynapseTable WholeTable(int projection);
}
