using Cortex.Randomness;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.ActorCritic;

/// <summary>
/// A spiking actor–critic that learns by TD-error-modulated STDP, after Frémaux, Sprekeler &amp; Gerstner (2013, PLoS
/// Comput Biol 9:e1003024). Place cells (<see cref="PlaceCellEncoder"/>) tile each observation component and project
/// all-to-all through plastic <c>rstdp</c> synapses onto a critic population, whose rate codes the value
/// V = value_min + (value_max − value_min) · rate / critic_rate, and onto one LIF actor population per action; the actor
/// populations inhibit each other, and the one with the most spikes in the presentation window is the action.
/// <para>Frémaux et al. compute the TD error in continuous time, δ(t) = r(t) + dV/dt − V/τ_r. Here it is the per-step
/// discrete form δ = r + γ·V(s′) − V(s): V(s) is read while s is presented (the window in which the action is chosen),
/// V(s′) from a look-ahead presentation of s′ that is undone afterwards (<see cref="ClosedLoopSession.Snapshot"/> and
/// <see cref="ClosedLoopSession.Restore"/>), so that it leaves no eligibility behind, and V(s′) = 0 when s′ is terminal.
/// δ, scaled by 1/(value_max − value_min) and clipped to ±1, is then delivered as the neuromodulator <c>dopamine</c>
/// during a silent reward window: it turns the eligibility that s's presentation left on both the critic's and the
/// actor's synapses into weight change, as the paper's three-factor rule does (a positive δ raises V(s) and makes the
/// chosen action likelier in s). Exploration is a current drawn afresh per step for each action population while
/// training; the greedy policy (evaluation) presents without it and learns nothing (dopamine stays 0).</para>
/// </summary>
public sealed class RewardStdpActorCritic : IReinforcementAgent, ISimulatedClock
{
    /// <summary>The input (place-cell) population.</summary>
    public const string Input = "input";

    /// <summary>The critic population.</summary>
    public const string Critic = "critic";

    /// <summary>The neuromodulator that carries the TD error.</summary>
    public const string Dopamine = "dopamine";

    private readonly ActorCriticSettings _settings;
    private readonly PlaceCellEncoder _encoder;
    private readonly ClosedLoopSession _session;
    private readonly string[] _actors;
    private readonly int _windowSteps;
    private readonly int _rewardSteps;
    private SeededRandom _random;
    private double _value;
    private bool _pending;

    /// <summary>Builds and opens the network for <paramref name="environment"/>; all random draws come from <paramref name="seed"/>.</summary>
    public RewardStdpActorCritic(IControlEnvironment environment, TaskContext context, ActorCriticSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        _encoder = new PlaceCellEncoder(environment.ObservationRange, settings.Tiles, settings.FieldWidth, settings.InputRateHz, settings.PoissonInput, settings.Conjunctive);
        _actors = [.. Enumerable.Range(0, environment.ActionCount).Select(ActorName)];
        _windowSteps = Math.Max(1, (int)Math.Round(settings.WindowMs / settings.Dt));
        _rewardSteps = Math.Max(1, (int)Math.Round(settings.RewardWindowMs / settings.Dt));
        _random = TaskSeeds.Random(seed);
        var spec = BuildSpec(settings, _encoder.Size, _encoder.DriveScale, environment.ActionCount, TaskSeeds.Derive(seed, 0, 1));
        _session = context.Open(context.Compile(spec, $"{RewardStdpActorCriticFactory.Prefix}agent for {environment.Name}"));
    }

    /// <summary>The value read in the last presentation.</summary>
    public double LastValue { get; private set; }

    /// <summary>The TD error of the last learning step.</summary>
    public double LastTdError { get; private set; }

    /// <summary>Spikes of each action population in the last presentation.</summary>
    public IReadOnlyList<int> LastCounts { get; private set; } = [];

    /// <summary>The running session (for inspection in tests).</summary>
    public ClosedLoopSession Session => _session;

    /// <inheritdoc />
    public double SimulatedMs => _session.TimeMs;

    /// <summary>The population of action <paramref name="action"/>.</summary>
    public static string ActorName(int action) => $"actor_{action}";

    /// <summary>The agent's network: input, critic and one actor population per action.</summary>
    public static NetworkSpec BuildSpec(ActorCriticSettings s, int inputSize, double driveScale, int actionCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(s);
        var delay = Q.Ms(Math.Max(1, s.Dt));
        var builder = new NetworkBuilder("rstdp-actor-critic").Dt(Q.Ms(s.Dt)).Seed(seed)
            .Neuromodulator(Dopamine, 0)
            // Driven only by injected spikes, so the model and its parameters do not matter.
            .Population(Input, inputSize, "lif");
        var names = new List<string> { Critic };
        names.AddRange(Enumerable.Range(0, actionCount).Select(ActorName));
        foreach (var name in names)
            builder.Population(name, name == Critic ? s.CriticSize : s.ActorSize, "lif", p => p
                .Param("tau_m", Q.Ms(20)).Param("cm", Q.PF(250)).Param("v_rest", Q.MV(-65)).Param("v_reset", Q.MV(-65))
                .Param("v_thresh", Q.MV(-50)).Param("tau_refrac", Q.Ms(2))
                .Init("v", new UniformValue(Q.MV(-65), Q.MV(-60))));
        // Weights are set for one component's row of cells; the encoder says how to scale them for its code.
        var wInit = s.WInit * driveScale;
        var wMax = s.WMax * driveScale;
        var wMin = s.WMin * driveScale;
        var excitatory = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };
        var inhibitory = new SynapseSpec { Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10) } };
        foreach (var name in names)
            builder.Connect(Input, name, new AllToAllConnector(), new UniformValue(Q.NA(wInit * 0.8), Q.NA(wInit * 1.2)), delay, excitatory,
                Plasticity(s, name == Critic ? s.EtaCritic : s.EtaActor, wMin, wMax), $"{Input}_{name}");
        for (var a = 0; a < actionCount; a++)
            for (var b = 0; b < actionCount; b++)
                if (a != b)
                    builder.Connect(ActorName(a), ActorName(b), new AllToAllConnector(), Q.NA(-s.Inhibition), delay, inhibitory, projectionName: $"inhibit_{a}_{b}");
        return builder.Build();
    }

    // Pairings tag synapses (pre before post only, a_minus = 0, as the critic and actor rules of the paper are
    // Hebbian in the pre-post coincidence); dopamine turns the tags into weight change.
    private static PlasticitySpec Plasticity(ActorCriticSettings s, double eta, double wMin, double wMax) => new()
    {
        Rule = "rstdp",
        Params = new Dictionary<string, Quantity>
        {
            ["tau_plus"] = Q.Ms(20), ["tau_minus"] = Q.Ms(20), ["a_plus"] = Q.Number(1), ["a_minus"] = Q.Number(0),
            ["tau_c"] = Q.Ms(s.TauC), ["eta"] = Q.Number(eta), ["w_min"] = Q.Number(wMin), ["w_max"] = Q.Number(wMax),
        },
    };

    /// <inheritdoc />
    public int Act(double[] observation, bool explore)
    {
        var (critic, counts) = Present(observation, explore);
        LastCounts = counts;
        LastValue = Value(critic);
        if (explore)
        {
            _value = LastValue;
            _pending = true;
        }
        var best = counts.Max();
        var ties = 0;
        for (var a = 0; a < counts.Length; a++) if (counts[a] == best) ties++;
        var pick = ties == 1 ? 0 : _random.NextInt(ties);
        for (var a = 0; a < counts.Length; a++)
            if (counts[a] == best && pick-- == 0) return a;
        throw new InvalidOperationException("unreachable: some action has the most spikes");
    }

    /// <inheritdoc />
    public void Observe(double reward, double[] next, bool terminal)
    {
        if (!_pending) throw new InvalidOperationException("Observe follows an exploring Act");
        _pending = false;
        var nextValue = terminal || _settings.Gamma == 0 ? 0 : LookAhead(next);
        LastTdError = reward + _settings.Gamma * nextValue - _value;
        var dopamine = Math.Clamp(LastTdError / (_settings.ValueMax - _settings.ValueMin), -1, 1);
        _session.SetNeuromodulator(Dopamine, dopamine);
        _session.Step(_rewardSteps);
        _session.SetNeuromodulator(Dopamine, 0);
    }

    /// <inheritdoc />
    public void EndEpisode()
    {
        // A silent pause lets the last eligibility decay, so the next episode's first TD error does not credit it.
        _session.Step(Math.Max(1, (int)Math.Round(5 * _settings.TauC / _settings.Dt)));
    }

    // V(s') from a presentation that is undone afterwards: it must not leave eligibility to be credited with δ. The
    // silence before it is the reward window that precedes every real presentation, so that V(s') is read from a
    // network in the same condition as V(s) (right after s's presentation the critic is primed and reads high).
    private double LookAhead(double[] next)
    {
        var snapshot = _session.Snapshot();
        _session.Step(_rewardSteps);
        var (critic, _) = Present(next, explore: false);
        _session.Restore(snapshot);
        return Value(critic);
    }

    private double Value(int criticSpikes)
    {
        var rate = criticSpikes / (_settings.CriticSize * _windowSteps * _settings.Dt / 1000);
        return _settings.ValueMin + (_settings.ValueMax - _settings.ValueMin) * rate / _settings.CriticRateMaxHz;
    }

    // Presents the observation for one window and counts the critic's and each actor's spikes.
    private (int Critic, int[] Actors) Present(double[] observation, bool explore)
    {
        _session.SetNeuromodulator(Dopamine, 0);
        foreach (var actor in _actors)
            _session.InjectedCurrent(actor).Fill((float)(_settings.Bias + (explore ? _settings.Noise * _random.NextGaussian() : 0)));
        _encoder.Begin(observation, ref _random);
        var critic = 0;
        var counts = new int[_actors.Length];
        var criticIndex = _session.Population(Critic);
        var actorIndex = _actors.Select(_session.Population).ToArray();
        for (var step = 0; step < _windowSteps; step++)
        {
            var fired = _encoder.Next(_settings.Dt, ref _random);
            if (fired.Length > 0) _session.InjectSpikes(Input, fired);
            _session.Step();
            critic += _session.Spikes(criticIndex).Length;
            for (var a = 0; a < actorIndex.Length; a++) counts[a] += _session.Spikes(actorIndex[a]).Length;
        }
        foreach (var actor in _actors) _session.InjectedCurrent(actor).Clear();
        return (critic, counts);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
