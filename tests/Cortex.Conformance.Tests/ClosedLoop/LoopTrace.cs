using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Comparison;
using Cortex.Conformance.Tests.Running;
using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Conformance.Tests.ClosedLoop;

/// <summary>What a driven closed-loop run produced: the spikes read after each Step(10), and the recorded run to its end.</summary>
public sealed record LoopTrace(List<int[]> LastSpikes, CaseOutcome Outcome)
{
    public const int StepsPerRound = 10;

    /// <summary>
    /// Drives <paramref name="session"/> for <paramref name="rounds"/> rounds (numbered from <paramref name="first"/>): the
    /// call, then Step(10), then the spikes of every population read back. Recorded spikes are left for the caller's sink.
    /// </summary>
    public static List<int[]> Drive(ClosedLoopSession session, ClosedLoopCall call, int first, int rounds)
    {
        var lastSpikes = new List<int[]>();
        for (var k = first; k < first + rounds; k++)
        {
            call.Act(session, k);
            session.Step(StepsPerRound);
            for (var p = 0; p < session.Network.Populations.Count; p++) lastSpikes.Add(session.Spikes(p).ToArray());
        }
        return lastSpikes;
    }

    /// <summary>Runs <paramref name="call"/> for <paramref name="rounds"/> rounds on a fresh session of <paramref name="backend"/>.</summary>
    public static LoopTrace Run(CompiledNetwork network, BackendUnderTest backend, ClosedLoopCall call, int rounds)
    {
        var sink = new MemorySink();
        using var session = ClosedLoopSession.Open(network, backend.Backend, backend.Options, [sink]);
        var lastSpikes = Drive(session, call, 0, rounds);
        var outcome = Collect(session, sink);
        return new LoopTrace(lastSpikes, outcome);
    }

    /// <summary>Completes <paramref name="session"/> and collects what it and <paramref name="sink"/> hold.</summary>
    public static CaseOutcome Collect(ClosedLoopSession session, MemorySink sink)
    {
        var network = session.Network;
        var weights = network.Projections.Select(p => session.GetWeights(p.Name)).ToArray();
        var state = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var population in network.Populations)
            foreach (var variable in population.Model.StateVariables)
                state[$"{population.Name}.{variable.Name}"] = session.GetState(population.Name, variable.Name);
        var counts = session.SpikeCounts.ToArray();
        session.Complete();
        return new CaseOutcome([.. sink.Spikes], [.. sink.Samples], weights, counts, state);
    }

    /// <summary>Asserts agreement with <paramref name="reference"/> under <paramref name="tolerance"/>.</summary>
    public void AssertAgreesWith(LoopTrace reference, CompiledNetwork network, Tolerance tolerance)
    {
        if (tolerance.Exact)
        {
            Assert.Equal(reference.LastSpikes.Count, LastSpikes.Count);
            for (var i = 0; i < LastSpikes.Count; i++) Assert.Equal(reference.LastSpikes[i], LastSpikes[i]);
        }
        Agreement.Assert(reference.Outcome, Outcome, network, tolerance, chaotic: false);
    }
}
