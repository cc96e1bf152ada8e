using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace GuideExamples.Reach;

/// <summary>
/// The reach controller: two LIF populations, "left" and "right", each driven by an injected current of gain × the distance
/// to the target on its side (a rate code of the error; membrane time constants drawn per neuron). Each move, the network
/// runs for one window on a <see cref="ClosedLoopSession"/>; the side that fired more moves the hand one unit (a tie: stay).
/// </summary>
public sealed class ReachAgent(TaskContext context) : IAgent<int, int>
{
    private static readonly string[] Sides = ["left", "right"];
    private ClosedLoopSession? _session;

    public void Reset(ulong seed)
    {
        _session?.Dispose();
        var p = context.Parameters;
        var network = new NetworkBuilder("reach-agent").Dt(Q.Ms(p["dt"])).Seed(seed);
        foreach (var side in Sides)
            network.Population(side, 10, "lif", n => n.Param("tau_m", new UniformValue(Q.Ms(15), Q.Ms(25))));
        _session = context.Open(context.Compile(network.Build(), "reach agent"));
    }

    public int Act(int offset)
    {
        var session = _session ?? throw new InvalidOperationException("call Reset before Act");
        var gain = context.Parameters["gain"];
        session.InjectedCurrent("left").Fill((float)(gain * Math.Max(-offset, 0)));   // nA, held until changed
        session.InjectedCurrent("right").Fill((float)(gain * Math.Max(offset, 0)));
        int left = 0, right = 0;
        var steps = (int)Math.Round(context.Parameters["window"] / context.Parameters["dt"]);
        for (var k = 0; k < steps; k++)
        {
            session.Step();
            left += session.Spikes("left").Length;
            right += session.Spikes("right").Length;
        }
        return Math.Sign(right - left);
    }

    public void Learn(double reward) { }   // a fixed controller; ThreeFactorHebb shows learning from reward as dopamine

    public void Dispose() => _session?.Dispose();
}
