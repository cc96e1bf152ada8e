using Cortex.Simulation;

namespace Cortex.Conformance.Tests.ClosedLoop;

/// <summary>
/// One closed-loop call of <see cref="Cortex.Backends.ISimulationSession"/>, made before every Step(10) of a driven run,
/// with a check of what the call must mean on every backend (what was written reads back, an injected spike is a spike
/// at the next step, a level decays with its time constant).
/// </summary>
/// <param name="Name">The call, as the theory's data.</param>
/// <param name="DopamineReader">Whether the network needs a neuron model that reads the neuromodulator.</param>
/// <param name="Plastic">Whether the network needs its STDP projection (so a backend without plasticity still runs the other calls).</param>
/// <param name="Act">The call at round <c>k</c>, checking its immediate meaning.</param>
public sealed record ClosedLoopCall(string Name, bool DopamineReader, bool Plastic, Action<ClosedLoopSession, int> Act)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
