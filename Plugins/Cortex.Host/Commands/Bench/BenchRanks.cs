using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Mpi;
using Cortex.Host.Commands.Mpi;
using Cortex.Partitioning;
using Cortex.Spec;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench</c> under <c>mpirun -n R</c>: every rank compiles and runs its part of the network (the same partition
/// as <c>cortex run</c>), and the figures a benchmark reports are agreed over the ranks. Time is the slowest rank's,
/// because an epoch ends only when every rank has exchanged; memory is gathered per rank, because each rank is a
/// process of its own; counts are summed. Only rank 0 prints and writes files.
/// </summary>
internal sealed class BenchRanks
{
    private BenchRanks(MpiWorld world) => World = world;

    /// <summary>The MPI world of this process.</summary>
    public MpiWorld World { get; }

    /// <summary>Rank count.</summary>
    public int Size => World.Size;

    /// <summary>Whether this rank prints and writes the results.</summary>
    public bool IsRoot => World.Rank == 0;

    /// <summary>The ranks when this process was started by mpirun with more than one rank; null for a plain run.</summary>
    public static BenchRanks? Detect() => DistributedRun.World() is { } world ? new BenchRanks(world) : null;

    /// <summary>A console that prints on rank 0 only (errors still reach every rank's stderr).</summary>
    public CliConsole RootConsole(CliConsole console) => IsRoot ? console : new CliConsole(TextWriter.Null, console.Error);

    /// <summary>
    /// This rank's part of the network: its neurons and the synapses onto them, drawn from the one-process streams, with
    /// delays and 16-bit weight ranges agreed over ranks (as <c>cortex run</c> does).
    /// </summary>
    public CompiledNetwork Compile(NetworkCompiler compiler, NetworkSpec spec, int threads) =>
        compiler.Compile(spec, World.Selection(), threads);

    /// <summary>The inner backend run on every rank, exchanging spikes once per min-delay epoch.</summary>
    public IBackend Wrap(IBackend inner) => new MpiBackend(inner, World);

    /// <summary>Seconds this rank has spent inside MPI collectives so far, waiting included.</summary>
    public double CommunicationSeconds => World.CommunicationSeconds;

    /// <summary>Waits for every rank, so a timed section starts together.</summary>
    public void Barrier() => World.Barrier();

    /// <summary>The element-wise maximum over ranks.</summary>
    public double[] Max(params double[] values) => World.Max(values);

    /// <summary>The element-wise sum over ranks.</summary>
    public long[] Sum(params long[] values) => World.Sum(values);

    /// <summary>The element-wise sum over ranks of non-negative figures (carried as fixed point, 1e-6 resolution).</summary>
    public double[] Sum(params double[] values) => [.. World.Sum([.. values.Select(v => (long)Math.Round(v * 1e6))]).Select(v => v / 1e6)];

    /// <summary>Every rank's value, by rank.</summary>
    public double[] PerRank(double value) => [.. World.AllGatherV([(float)value], out _).Select(v => (double)v)];

    /// <summary>
    /// The exchange volume of a distributed session over all ranks: bytes every rank sent (4 per int) summed, and the
    /// number of exchanges; Allgatherv hands each rank all of them, so their quotient is what one rank receives per exchange.
    /// </summary>
    public (long BytesSent, long Exchanges) ExchangeVolume(ISimulationSession session)
    {
        var (ints, exchanges) = session is IExchangeStatistics statistics ? (statistics.IntsSent, statistics.Exchanges) : (0L, 0L);
        var sums = World.Sum([ints * sizeof(int)]);
        return (sums[0], World.Max([exchanges])[0]);
    }
}
