using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// Persistent worker threads that share out numbered work items (chunks of a population). Workers
/// spin between parallel regions instead of sleeping: a step is tens to hundreds of microseconds, and
/// waking a blocked thread costs about as much. No allocation per region, unlike Parallel.For; which
/// thread takes which chunk does not matter, because chunks write disjoint state and results are
/// merged in chunk order.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private Action<int>? _work;
    private int _items;
    private int _next;
    private int _finished;
    private volatile int _generation;
    private volatile bool _stopping;
    private Exception? _failure;

    public WorkerPool(int threads)
    {
        _threads = [.. Enumerable.Range(1, threads - 1).Select(i => new Thread(WorkerLoop) { IsBackground = true, Name = $"cortex-cpu-{i}" })];
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>The number of threads, the caller's included.</summary>
    public int Threads => _threads.Length + 1;

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    /// <summary>Runs <paramref name="work"/> for items 0 .. items − 1 on all threads (the caller included); rethrows the first failure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(int items, Action<int> work)
    {
        _work = work;
        _items = items;
        _next = -1;
        _failure = null;
        Volatile.Write(ref _finished, 0);
        _generation++;
        Drain();
        var spin = new SpinWait();
        while (Volatile.Read(ref _finished) < _threads.Length) spin.SpinOnce(sleep1Threshold: -1);
        // Rethrow with the worker thread's stack trace intact, so the failing model can still be blamed.
        if (_failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WorkerLoop()
    {
        var seen = 0;
        while (true)
        {
            var spin = new SpinWait();
            while (_generation == seen && !_stopping) spin.SpinOnce(sleep1Threshold: -1);
            if (_stopping) return;
            seen = _generation;
            Drain();
            Interlocked.Increment(ref _finished);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Drain()
    {
        int item;
        while ((item = Interlocked.Increment(ref _next)) < _items)
        {
            try
            {
                _work!(item);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var thread in _threads) thread.Join();
    }
}
