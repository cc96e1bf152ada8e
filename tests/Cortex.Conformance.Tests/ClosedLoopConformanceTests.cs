using System.Collections.Concurrent;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.ClosedLoop;
using Cortex.Conformance.Tests.Comparison;
using Cortex.Conformance.Tests.Running;
using Cortex.Recording;
using Cortex.Simulation;
using Xunit.Abstractions;

namespace Cortex.Conformance.Tests;

/// <summary>
/// Every registered backend × every closed-loop call of the session (spike read-out, injected spikes, current and receptor
/// input, state and weight read/write, neuromodulators) and save/load: each call means what it says on the backend, and
/// the driven run agrees with the reference backend's under the backend's tolerance.
/// </summary>
public sealed class ClosedLoopConformanceTests(ITestOutputHelper output)
{
    private const int Rounds = 30;
    private static readonly ConcurrentDictionary<string, Lazy<LoopTrace>> References = new(StringComparer.Ordinal);

    public static TheoryData<string, string> BackendsAndCalls
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var backend in ConformanceRuntime.BackendNames)
                foreach (var call in ClosedLoopCalls.All)
                    data.Add(backend, call.Name);
            return data;
        }
    }

    public static TheoryData<string, bool> BackendsWithAndWithoutPlasticity
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var backend in ConformanceRuntime.BackendNames)
            {
                data.Add(backend, false);
                data.Add(backend, true);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndCalls))]
    public void Closed_loop_call_agrees_with_the_reference(string backend, string callName)
    {
        var call = ClosedLoopCalls.Get(callName);
        var underTest = ConformanceRuntime.Get(backend);
        var network = LoopNetwork.Compile(call.DopamineReader, call.Plastic);
        var refused = Refusal.Check(network, underTest);
        if (refused.Count > 0)
        {
            output.WriteLine($"refused by name, as asserted: {string.Join("; ", refused)}");
            return;
        }
        var reference = References.GetOrAdd(callName, _ => new Lazy<LoopTrace>(() =>
            LoopTrace.Run(LoopNetwork.Compile(call.DopamineReader, call.Plastic), ConformanceRuntime.Get("reference"), call, Rounds))).Value;
        var actual = LoopTrace.Run(network, underTest, call, Rounds);

        Assert.True(reference.Outcome.Counts[1] > 20, $"population a should be active, got {reference.Outcome.Counts[1]} spikes");
        actual.AssertAgreesWith(reference, network, underTest.Tolerance);
    }

    [Theory]
    [MemberData(nameof(BackendsWithAndWithoutPlasticity))]
    public void Save_and_load_continue_exactly_as_the_uninterrupted_run(string backend, bool plastic)
    {
        var underTest = ConformanceRuntime.Get(backend);
        var call = ClosedLoopCalls.Get(plastic ? "read and write plastic weights" : "read and write weights");
        var network = LoopNetwork.Compile(dopamineReader: false, plastic);
        var refused = Refusal.Check(network, underTest);
        if (refused.Count > 0)
        {
            output.WriteLine($"refused by name, as asserted: {string.Join("; ", refused)}");
            return;
        }

        var first = new MemorySink();
        using var session = ClosedLoopSession.Open(network, underTest.Backend, underTest.Options, [first]);
        LoopTrace.Drive(session, call, 0, 20);
        // Injections pending at the snapshot must survive it too.
        session.InjectSpikes("in", [1, 2, 3]);
        session.SetCurrent("a", 4, 0.2);
        var snapshot = session.Snapshot();
        var uninterrupted = LoopTrace.Drive(session, call, 20, 20);
        var uninterruptedWeights = network.Projections.Select(p => session.GetWeights(p.Name)).ToArray();

        var second = new MemorySink();
        using var restored = ClosedLoopSession.Open(network, underTest.Backend, underTest.Options, [second]);
        restored.Restore(snapshot);
        Assert.Equal(snapshot.Step, restored.CurrentStep);
        var continued = LoopTrace.Drive(restored, call, 20, 20);

        // The same session rewound to the snapshot repeats itself as well.
        session.Restore(snapshot);
        var repeated = LoopTrace.Drive(session, call, 20, 20);

        // A restored backend is deterministic whatever its tolerance against the reference: the continuation is exact.
        Assert.Equal(uninterrupted, continued);
        Assert.Equal(uninterrupted, repeated);
        var restoredOutcome = LoopTrace.Collect(restored, second);
        for (var p = 0; p < uninterruptedWeights.Length; p++) Assert.Equal(uninterruptedWeights[p], restoredOutcome.Weights[p]);
        session.Complete();
        Assert.Equal(first.Spikes.Where(s => s.Step >= snapshot.Step).Take(second.Spikes.Count), second.Spikes);
        Assert.True(second.Spikes.Count > 20, $"the continued run should spike, got {second.Spikes.Count}");
        output.WriteLine($"{backend}: {second.Spikes.Count} spikes after the restore, identical to the uninterrupted run");
    }
}
