namespace Cortex.Hardware.Cpu;

/// <summary>
/// Persistent worker threads that share out numbered work items (chunks of a population) and join
/// at a barrier. No allocation per parallel region, unlike Parallel.For; which thread takes which
/// chunk does not matter, because chunks write disjoint state and results are merged in chunk order.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Barrier _barrier;
    private Action<int>? _work;
    private int _items;
    private int _next;
    private Exception? _failure;
    private volatile bool _stopping;

    public WorkerPool(int threads)
    {
        _barrier = new Barrier(threads);
        _threads = [.. Enumerable.Range(1, threads - 1).Select(i => new Thread(WorkerLoop) { IsBackground = true, Name = $"cortex-cpu-{i}" })];
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> for items 0 .. items − 1 on all threads (the caller included); rethrows the first failure.</summary>
    public void Run(int items, Action<int> work)
    {
        _work = work;
        _items = items;
        _next = -1;
        _failure = null;
        _barrier.SignalAndWait();
        Drain();
        _barrier.SignalAndWait();
        // Rethrow with the worker thread's stack trace intact, so the failing model can still be blamed.
        if (_failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private void WorkerLoop()
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping) return;
            Drain();
            _barrier.SignalAndWait();
        }
    }

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
        if (_threads.Length > 0) _barrier.SignalAndWait();
        foreach (var thread in _threads) thread.Join();
        _barrier.Dispose();
    }
}
