using System.Diagnostics;
using Cortex.Hardware.Mpi.Native;

namespace Cortex.Hardware.Mpi;

/// <summary>
/// MPI_COMM_WORLD for this process: rank, size, and the few collectives a distributed run needs. Every collective is
/// started non-blocking and polled, so that a rank that died (killed, out of memory) ends the others' wait with an
/// <see cref="MpiException"/> after <see cref="Timeout"/> instead of a hang, and a stop request (Ctrl+C, SIGTERM from
/// mpirun) ends it at once; the caller then completes its recordings. Errors return codes (MPI_ERRORS_RETURN) rather
/// than aborting inside MPI. One instance per process; not thread-safe (collectives are called from the simulation thread).
/// </summary>
public sealed unsafe class MpiWorld : IDisposable
{
    // The host's exit code for bad input (ExitCodes.BadInput): the same on every rank, so no rank waits for another.
    private const int BadInputExitCode = 2;

    private static MpiWorld? _instance;
    private bool _disposed;
    // Where each rank's block starts in a gathered array; reused, because the spike exchange gathers every epoch.
    private readonly int[] _displacements;

    private MpiWorld(int rank, int size)
    {
        Rank = rank;
        Size = size;
        _displacements = new int[size];
    }

    /// <summary>This process's rank.</summary>
    public int Rank { get; }

    /// <summary>Number of ranks.</summary>
    public int Size { get; }

    /// <summary>How long a collective may wait for the other ranks before the run is declared broken.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout();

    /// <summary>Ends a wait early (the host's stop request).</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>Seconds spent inside collectives so far (the communication share of a run).</summary>
    public double CommunicationSeconds { get; private set; }

    /// <summary>Initialises MPI once per process (later calls return the same world).</summary>
    /// <exception cref="MpiException">Open MPI is not installed or MPI_Init failed.</exception>
    public static MpiWorld Initialize()
    {
        if (_instance is { } existing) return existing;
        if (!OpenMpi.TryLoad(out var problem)) throw new MpiException(problem);
        int initialized;
        OpenMpi.Initialized(&initialized);
        if (initialized == 0 && OpenMpi.Init(null, 0) != 0) throw new MpiException("MPI_Init failed");
        OpenMpi.CommSetErrhandler(OpenMpi.CommWorld, OpenMpi.ErrorsReturn);
        int rank, size;
        Check(OpenMpi.CommRank(OpenMpi.CommWorld, &rank), "MPI_Comm_rank");
        Check(OpenMpi.CommSize(OpenMpi.CommWorld, &size), "MPI_Comm_size");
        _instance = new MpiWorld(rank, size);
        return _instance;
    }

    /// <summary>Every rank's <paramref name="value"/>, by rank.</summary>
    public int[] AllGather(int value)
    {
        var result = new int[Size];
        fixed (int* r = result)
        {
            nint request;
            Check(OpenMpi.Iallgather(&value, 1, OpenMpi.Int, r, 1, OpenMpi.Int, OpenMpi.CommWorld, &request), "MPI_Iallgather");
            Wait(&request, "gathering counts");
        }
        return result;
    }

    /// <summary>Concatenates every rank's <paramref name="local"/> into <paramref name="into"/> (sized by the caller from <paramref name="counts"/>).</summary>
    public void AllGatherV(ReadOnlySpan<int> local, int[] counts, int[] into)
    {
        var displacements = Displacements(counts);
        fixed (int* s = local)
        fixed (int* r = into)
        fixed (int* c = counts)
        fixed (int* d = displacements)
        {
            nint request;
            Check(OpenMpi.Iallgatherv(s, local.Length, OpenMpi.Int, r, c, d, OpenMpi.Int, OpenMpi.CommWorld, &request), "MPI_Iallgatherv");
            Wait(&request, "exchanging spikes");
        }
    }

    // The start of each rank's block in a gathered array: the running sum of the counts before it.
    private int[] Displacements(int[] counts)
    {
        for (var r = 1; r < Size; r++) _displacements[r] = _displacements[r - 1] + counts[r - 1];
        return _displacements;
    }

    /// <summary>Concatenates every rank's floats (for gathering state and weights).</summary>
    public float[] AllGatherV(ReadOnlySpan<float> local, out int[] counts)
    {
        counts = AllGather(local.Length);
        var into = new float[counts.Sum()];
        var displacements = Displacements(counts);
        fixed (float* s = local)
        fixed (float* r = into)
        fixed (int* c = counts)
        fixed (int* d = displacements)
        {
            nint request;
            Check(OpenMpi.Iallgatherv(s, local.Length, OpenMpi.Float, r, c, d, OpenMpi.Float, OpenMpi.CommWorld, &request), "MPI_Iallgatherv");
            Wait(&request, "gathering values");
        }
        return into;
    }

    /// <summary>Every rank's bytes (snapshots), by rank.</summary>
    public byte[][] AllGatherV(ReadOnlySpan<byte> local)
    {
        var counts = AllGather(local.Length);
        var into = new byte[counts.Sum(c => (long)c)];
        var displacements = Displacements(counts);
        fixed (byte* s = local)
        fixed (byte* r = into)
        fixed (int* c = counts)
        fixed (int* d = displacements)
        {
            nint request;
            Check(OpenMpi.Iallgatherv(s, local.Length, OpenMpi.Byte, r, c, d, OpenMpi.Byte, OpenMpi.CommWorld, &request), "MPI_Iallgatherv");
            Wait(&request, "gathering a snapshot");
        }
        return [.. counts.Select((count, rank) => into.AsSpan(displacements[rank], count).ToArray())];
    }

    /// <summary>
    /// This rank's part of a network to compile: its rank, the rank count, and the agreements (shortest and longest delay,
    /// the weight range of 16-bit projections) reduced over every rank, so that every rank compiles its part of the
    /// network one process would.
    /// </summary>
    public Partitioning.RankSelection Selection() => new(Rank, Size, AgreeOnDelays, AgreeOnWeightRange);

    private (int Min, int Max) AgreeOnDelays((int Min, int Max) local) => ((int)Min([local.Min])[0], (int)Max([local.Max])[0]);

    private (double Min, double Max) AgreeOnWeightRange((double Min, double Max) local)
    {
        var extremes = Max([-local.Min, local.Max]);
        return (-extremes[0], extremes[1]);
    }

    /// <summary>Element-wise sum over ranks.</summary>
    public long[] Sum(ReadOnlySpan<long> local) => Reduce(local, OpenMpi.Sum);

    /// <summary>Element-wise minimum over ranks.</summary>
    public long[] Min(ReadOnlySpan<long> local) => Reduce(local, OpenMpi.Min);

    /// <summary>Element-wise maximum over ranks.</summary>
    public long[] Max(ReadOnlySpan<long> local) => Reduce(local, OpenMpi.Max);

    /// <summary>Element-wise maximum over ranks.</summary>
    public double[] Max(ReadOnlySpan<double> local)
    {
        var result = new double[local.Length];
        fixed (double* s = local)
        fixed (double* r = result)
        {
            nint request;
            Check(OpenMpi.Iallreduce(s, r, local.Length, OpenMpi.Double, OpenMpi.Max, OpenMpi.CommWorld, &request), "MPI_Iallreduce");
            Wait(&request, "reducing");
        }
        return result;
    }

    /// <summary>Waits until every rank gets here.</summary>
    public void Barrier()
    {
        nint request;
        Check(OpenMpi.Ibarrier(OpenMpi.CommWorld, &request), "MPI_Ibarrier");
        Wait(&request, "waiting for the other ranks");
    }

    /// <summary>
    /// At process exit: finalizes MPI after a successful command or bad input (every rank finds the same problem and
    /// stops); after a failed run, aborts the job (mpirun then ends the other ranks, which may be waiting for this one).
    /// Does nothing when MPI was never started.
    /// </summary>
    public static void Shutdown(int exitCode)
    {
        if (_instance is not { } world) return;
        if (exitCode is not (0 or BadInputExitCode) && world.Size > 1) OpenMpi.Abort(OpenMpi.CommWorld, exitCode);
        world.Dispose();
    }

    private long[] Reduce(ReadOnlySpan<long> local, nint op)
    {
        var result = new long[local.Length];
        fixed (long* s = local)
        fixed (long* r = result)
        {
            nint request;
            Check(OpenMpi.Iallreduce(s, r, local.Length, OpenMpi.LongLong, op, OpenMpi.CommWorld, &request), "MPI_Iallreduce");
            Wait(&request, "reducing");
        }
        return result;
    }

    // Polls the request: spins briefly (an exchange between busy ranks usually completes in microseconds), then yields the
    // core (ranks may outnumber cores), then sleeps; gives up after Timeout or on a stop request.
    private void Wait(nint* request, string what)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            for (var polls = 0; ; polls++)
            {
                int done;
                Check(OpenMpi.Test(request, &done, 0), what);
                if (done != 0) return;
                if (polls < 200) continue;
                if (clock.Elapsed < TimeSpan.FromMilliseconds(50)) Thread.Yield();
                else
                {
                    Thread.Sleep(1);
                    Stopping.ThrowIfCancellationRequested();
                    if (clock.Elapsed > Timeout)
                        throw new MpiException($"rank {Rank}: no answer from the other ranks for {Timeout.TotalSeconds:0} s while {what}; a rank has probably died");
                }
            }
        }
        finally
        {
            CommunicationSeconds += clock.Elapsed.TotalSeconds;
        }
    }

    private static void Check(int code, string what)
    {
        if (code != 0) throw new MpiException($"{what} failed (MPI error {code}); a rank has probably died");
    }

    // CORTEX_MPI_TIMEOUT (seconds) overrides the default of two minutes.
    private static TimeSpan DefaultTimeout() =>
        double.TryParse(Environment.GetEnvironmentVariable("CORTEX_MPI_TIMEOUT"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(2);

    /// <summary>Finalises MPI (after every collective of the run).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        int finalized;
        OpenMpi.Finalized(&finalized);
        if (finalized == 0) OpenMpi.Finalize();
    }
}
