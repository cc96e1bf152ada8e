using Cortex.Randomness;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Bandit;

/// <summary>
/// A spiking actor for the bandit. Cue neurons fire Poisson spikes during the cue window; they project all-to-all
/// through plastic synapses (rule <c>rstdp</c>) onto two LIF action populations, "left" (arm 0) and "right" (arm 1),
/// which inhibit each other so one of them wins. Each action population also gets a bias current during the cue
/// window plus a current drawn afresh per trial (exploration). The choice is the population with more spikes in the
/// window (ties broken by a seeded coin). The reward is turned into a reward-prediction error, reward minus a running
/// average of past rewards, and delivered as the neuromodulator <c>dopamine</c>: it converts the eligibility that the
/// winner's cue synapses collected into weight change, up after a better-than-expected outcome and down after a worse
/// one, which is what lets the agent abandon an arm after the reversal. The inter-trial interval lets dopamine act and
/// the eligibility decay before the next cue; dopamine is back at its baseline (0) when the next cue starts, so the
/// weights change only in response to rewards.
/// </summary>
public sealed class SpikingBanditAgent(TaskContext context, BanditSettings settings) : IAgent<BanditCue, int>
{
    /// <summary>The action populations, by arm.</summary>
    public static readonly IReadOnlyList<string> Actions = ["left", "right"];

    /// <summary>The cue population.</summary>
    public const string Cue = "cue";

    /// <summary>The neuromodulator that carries the reward-prediction error.</summary>
    public const string Dopamine = "dopamine";

    private ClosedLoopSession? _session;
    private SeededRandom _random;
    private double _expectedReward;
    private int _cueSteps;
    private int _itiSteps;
    private int[] _fired = [];

    /// <summary>Spikes of each action population in the last cue window.</summary>
    public IReadOnlyList<int> LastCounts { get; private set; } = [0, 0];

    /// <summary>The running session (for inspection in tests); null before <see cref="Reset"/>.</summary>
    public ClosedLoopSession? Session => _session;

    /// <summary>The network for one episode.</summary>
    public static NetworkSpec BuildSpec(BanditSettings s, ulong seed)
    {
        var builder = new NetworkBuilder("bandit-agent").Dt(Q.Ms(s.Dt)).Duration(Q.Ms(s.Trials * (s.TrialMs + s.ItiMs))).Seed(seed)
            .Neuromodulator(Dopamine, 0, Q.Ms(s.TauDopamine))
            // Driven only by injected spikes, so the model and its parameters do not matter.
            .Population(Cue, s.CueSize, "lif");
        foreach (var action in Actions)
            builder.Population(action, s.ActionSize, "lif", p => p
                .Param("tau_m", Q.Ms(20)).Param("cm", Q.PF(250)).Param("v_rest", Q.MV(-65)).Param("v_reset", Q.MV(-65))
                .Param("v_thresh", Q.MV(-50)).Param("tau_refrac", Q.Ms(2))
                .Init("v", new UniformValue(Q.MV(-65), Q.MV(-60))));
        var plastic = new PlasticitySpec
        {
            Rule = "rstdp",
            Params = new Dictionary<string, Quantity>
            {
                ["tau_plus"] = Q.Ms(20), ["tau_minus"] = Q.Ms(20), ["a_plus"] = Q.Number(1), ["a_minus"] = Q.Number(0),
                ["tau_c"] = Q.Ms(s.TauC), ["eta"] = Q.Number(s.Eta), ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(s.WMax),
            },
        };
        var excitatory = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };
        var inhibitory = new SynapseSpec { Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10) } };
        foreach (var action in Actions)
            builder.Connect(Cue, action, new AllToAllConnector(), new UniformValue(Q.NA(s.WInit * 0.8), Q.NA(s.WInit * 1.2)),
                Q.Ms(Math.Max(1, s.Dt)), excitatory, plastic, $"{Cue}_{action}");
        builder.Connect(Actions[0], Actions[1], new AllToAllConnector(), Q.NA(-s.Inhibition), Q.Ms(Math.Max(1, s.Dt)), inhibitory, projectionName: "inhibit_right");
        builder.Connect(Actions[1], Actions[0], new AllToAllConnector(), Q.NA(-s.Inhibition), Q.Ms(Math.Max(1, s.Dt)), inhibitory, projectionName: "inhibit_left");
        return builder.Build();
    }

    /// <inheritdoc />
    public void Reset(ulong seed)
    {
        _session?.Dispose();
        _session = null;
        _random = TaskSeeds.Random(seed);
        _expectedReward = 0.5 * (settings.PGood + settings.PBad);
        _cueSteps = Math.Max(1, (int)Math.Round(settings.TrialMs / settings.Dt));
        _itiSteps = (int)Math.Round(settings.ItiMs / settings.Dt);
        _fired = new int[settings.CueSize];
        var network = context.Compile(BuildSpec(settings, TaskSeeds.Derive(seed, 0, 1)), "bandit agent");
        _session = context.Open(network);
    }

    /// <inheritdoc />
    public int Act(BanditCue observation)
    {
        var session = _session ?? throw new InvalidOperationException("call Reset before Act");
        for (var a = 0; a < Actions.Count; a++)
        {
            var drive = (float)(settings.Bias + settings.Noise * _random.NextGaussian());
            session.InjectedCurrent(Actions[a]).Fill(drive);
        }
        var counts = new int[Actions.Count];
        var spikeChance = settings.CueRateHz * settings.Dt / 1000;
        for (var step = 0; step < _cueSteps; step++)
        {
            var n = 0;
            for (var i = 0; i < settings.CueSize; i++)
                if (_random.NextDouble() < spikeChance) _fired[n++] = i;
            if (n > 0) session.InjectSpikes(Cue, _fired.AsSpan(0, n));
            session.Step();
            for (var a = 0; a < Actions.Count; a++) counts[a] += session.Spikes(Actions[a]).Length;
        }
        foreach (var action in Actions) session.InjectedCurrent(action).Clear();
        LastCounts = counts;
        return counts[0] > counts[1] ? 0 : counts[1] > counts[0] ? 1 : _random.NextInt(2);
    }

    /// <inheritdoc />
    public void Learn(double reward)
    {
        var session = _session ?? throw new InvalidOperationException("call Reset before Learn");
        var error = reward - _expectedReward;
        _expectedReward += (reward - _expectedReward) / settings.RewardTau;
        session.SetNeuromodulator(Dopamine, error);
        if (_itiSteps > 0) session.Step(_itiSteps);
        session.SetNeuromodulator(Dopamine, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }
}
