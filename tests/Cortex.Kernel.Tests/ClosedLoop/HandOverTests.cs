using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.ClosedLoop;

/// <summary>
/// A session hands its recordings to the consumer thread once a chunk of steps has gathered 4,096 rows or 20 ms of wall
/// time has passed, not after every chunk: each hand-over wakes a thread, and a small network's chunk takes far less
/// than that. The first chunk is handed on at once, so a run that hangs later keeps its start. Nothing is lost either
/// way: completing the session hands on the rest.
/// </summary>
public sealed class HandOverTests
{
    // Every step records the voltage of `size` neurons: `size` rows per step.
    private static ClosedLoopSession Open(int size, MemorySink sink) =>
        ClosedLoopSession.Open(TestRuntime.Compile(new NetworkBuilder("rows").Dt(Q.Ms(0.1)).Duration(Q.Ms(100)).Seed(1)
            .Population("n", size, "lif")
            .RecordState("n", "v", [.. Enumerable.Range(0, size)], Q.Ms(0.1))
            .Build()), TestRuntime.Registry.GetBackend("reference"), sinks: [sink]);

    [Fact]
    public void Fewer_rows_than_a_chunk_wait_until_the_interval_passes()
    {
        var sink = new MemorySink();
        using var session = Open(10, sink);
        session.HandOverInterval = TimeSpan.MaxValue;

        session.Step(100);
        Assert.Equal(0, session.Recorder.PendingRows);
        session.Step(300);

        Assert.Equal(3000, session.Recorder.PendingRows);
        session.Complete();
        Assert.Equal(4000, sink.Samples.Count);
    }

    [Fact]
    public void The_first_chunk_is_handed_on_whatever_its_rows()
    {
        var sink = new MemorySink();
        using var session = Open(10, sink);
        session.HandOverInterval = TimeSpan.MaxValue;

        session.Step(99);
        Assert.Equal(990, session.Recorder.PendingRows);
        session.Step(1);

        Assert.Equal(0, session.Recorder.PendingRows);
        session.Complete();
        Assert.Equal(1000, sink.Samples.Count);
    }

    [Fact]
    public void A_chunk_of_steps_with_enough_rows_is_handed_on_at_once()
    {
        var sink = new MemorySink();
        using var session = Open(50, sink);
        session.HandOverInterval = TimeSpan.MaxValue;

        session.Step(100);
        session.Step(99);
        Assert.Equal(99 * 50, session.Recorder.PendingRows);
        session.Step(1);

        Assert.Equal(0, session.Recorder.PendingRows);
        session.Complete();
        Assert.Equal(200 * 50, sink.Samples.Count);
    }

    [Fact]
    public void Once_the_interval_has_passed_the_next_chunk_is_handed_on_whatever_its_rows()
    {
        var sink = new MemorySink();
        using var session = Open(10, sink);
        session.Step(100);
        session.HandOverInterval = TimeSpan.Zero;

        session.Step(100);

        Assert.Equal(0, session.Recorder.PendingRows);
        session.Complete();
        Assert.Equal(2000, sink.Samples.Count);
    }
}
