using Cortex.Learning.Data;
using Cortex.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// A spiking actor–critic trained by proximal policy optimisation (PPO, Schulman et al. 2017: clipped ratio, GAE
/// advantages, several epochs of minibatch Adam per rollout) with surrogate gradients through the spikes. The policy
/// and the value are separate <see cref="SpikingPolicyNetwork"/>s: the observation, scaled by the environment's
/// <see cref="IControlEnvironment.ObservationRange"/>, is a constant current into two LIF layers for T steps, and a
/// non-spiking leaky-integrator membrane is the output (logits or value) — the design of PopSAN (Tang et al. 2020,
/// "Deep reinforcement learning with population-coded spiking neural network for continuous control", CoRL) with the
/// deterministic constant-current encoding of SNN-DQN (Chen et al. 2022, "Deep reinforcement learning with spiking
/// Q-learning"). Exploration samples the softmax policy; greedy play takes its argmax.
/// <para>
/// Deterministic: weights come from a torch generator seeded with the agent's seed, action draws and minibatch orders
/// from the engine's seeded streams, so torch's global generator is never used; torch runs on one intra-op thread
/// (set when the agent is made; the networks are far too small to gain from more), so the same seed gives the same
/// run on any machine with the same libtorch.
/// </para>
/// </summary>
public sealed class SurrogateGradientAgent : IReinforcementAgent
{
    // Keeps the agent's draws apart from every other random stream ("sgpo" in ASCII).
    private const StreamDomain AgentDomain = (StreamDomain)0x7367_706f;
    private const long MinibatchOrderPurpose = 7;

    private readonly SurrogateGradientSettings _settings;
    private readonly int _plannedEpisodes;
    private readonly ulong _seed;
    private readonly double[] _centre;
    private readonly double[] _halfWidth;
    private readonly Generator _generator;
    private readonly SpikingPolicyNetwork _policy;
    private readonly SpikingPolicyNetwork _value;
    private readonly SpikingPolicyNetwork _best;
    private readonly Queue<double> _recentReturns = new();
    private double _episodeReturn;
    private double _bestMean = double.NegativeInfinity;
    private readonly optim.Optimizer _optimizer;
    private readonly Rollout _rollout = new();
    private SeededRandom _random;
    private (double[] Observation, int Action)? _pending;

    /// <summary>
    /// An untrained agent for <paramref name="environment"/>. <paramref name="plannedEpisodes"/> is how many training
    /// episodes the caller will run (the learning rate anneals to zero over them when <see cref="SurrogateGradientSettings.Anneal"/>).
    /// </summary>
    public SurrogateGradientAgent(IControlEnvironment environment, SurrogateGradientSettings settings, ulong seed, int plannedEpisodes)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _plannedEpisodes = plannedEpisodes;
        _seed = seed;
        ActionCount = environment.ActionCount;
        _centre = [.. environment.ObservationRange.Select(r => (r.Low + r.High) / 2)];
        // A degenerate range (Low = High) leaves that component unscaled rather than dividing by zero.
        _halfWidth = [.. environment.ObservationRange.Select(r => r.High > r.Low ? (r.High - r.Low) / 2 : 1)];
        set_num_threads(1);
        _generator = new Generator(seed);
        _policy = new SpikingPolicyNetwork(environment.ObservationSize, ActionCount, settings, outputGain: 0.1, _generator);
        _value = new SpikingPolicyNetwork(environment.ObservationSize, 1, settings, outputGain: 1, _generator);
        _best = new SpikingPolicyNetwork(environment.ObservationSize, ActionCount, settings, outputGain: 0.1, _generator);
        _optimizer = optim.Adam(_policy.parameters().Concat(_value.parameters()), settings.LearningRate, eps: 1e-5);
        _random = SeededRandom.Create(seed, AgentDomain);
    }

    /// <summary>Actions the environment has.</summary>
    public int ActionCount { get; }

    /// <summary>Training episodes finished.</summary>
    public int EpisodesDone { get; private set; }

    /// <summary>Training transitions observed.</summary>
    public long StepsDone { get; private set; }

    /// <summary>PPO updates made.</summary>
    public int Updates { get; private set; }

    /// <summary>
    /// The training episode after which greedy play's policy was kept (see <see cref="SurrogateGradientSettings.BestWindow"/>),
    /// or null while greedy play uses the current policy.
    /// </summary>
    public int? BestEpisode { get; private set; }

    /// <summary>Training transitions observed up to <see cref="BestEpisode"/>.</summary>
    public long BestSteps { get; private set; }

    /// <summary>The mean training return of the episodes that led to <see cref="BestEpisode"/>.</summary>
    public double BestMeanReturn => _bestMean;

    /// <inheritdoc />
    public int Act(double[] observation, bool explore)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var scaled = Scale(observation);
        var logits = Logits(explore || BestEpisode is null ? _policy : _best, scaled);
        var action = explore ? Sample(logits) : ArgMax(logits);
        _pending = explore ? (scaled, action) : null;
        return action;
    }

    /// <inheritdoc />
    public void Observe(double reward, double[] next, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_pending is not { } pending)
            throw new InvalidOperationException("Observe follows an exploring Act (explore: true); greedy play does not learn");
        _pending = null;
        _rollout.Add(pending.Observation, pending.Action, reward, Scale(next), terminal);
        _episodeReturn += reward;
        StepsDone++;
        if (_rollout.Count >= _settings.Rollout) Update();
    }

    /// <inheritdoc />
    public void EndEpisode()
    {
        _rollout.EndSegment();
        _pending = null;
        EpisodesDone++;
        KeepIfBest();
        if (_settings.Anneal && _plannedEpisodes > 1)
        {
            var rate = _settings.LearningRate * Math.Max(0, 1 - (double)EpisodesDone / _plannedEpisodes);
            foreach (var group in _optimizer.ParamGroups) group.LearningRate = rate;
        }
    }

    /// <summary>
    /// The mean spike count per neuron and observation in each hidden layer of the policy network for
    /// <paramref name="observations"/> (between 0 and T): a check that the layers really spike.
    /// </summary>
    public (double First, double Second) HiddenSpikeCounts(IReadOnlyList<double[]> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfZero(observations.Count);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var batch = Batch([.. observations.Select(Scale)]);
        var (first, second) = _policy.HiddenSpikes(batch);
        double PerNeuron(Tensor spikes) => spikes.sum().ToDouble() / (spikes.shape[1] * spikes.shape[2]);
        return (PerNeuron(first), PerNeuron(second));
    }

    private double[] Scale(double[] observation)
    {
        if (observation.Length != _centre.Length)
            throw new ArgumentException($"expected {_centre.Length} observation values, got {observation.Length}", nameof(observation));
        var scaled = new double[observation.Length];
        for (var i = 0; i < scaled.Length; i++) scaled[i] = (observation[i] - _centre[i]) / _halfWidth[i];
        return scaled;
    }

    /// <summary>Copies the policy for greedy play when the last <see cref="SurrogateGradientSettings.BestWindow"/> episodes did best.</summary>
    private void KeepIfBest()
    {
        var window = _settings.BestWindow;
        var episodeReturn = _episodeReturn;
        _episodeReturn = 0;
        if (window == 0) return;
        _recentReturns.Enqueue(episodeReturn);
        while (_recentReturns.Count > window) _recentReturns.Dequeue();
        if (_recentReturns.Count < window || _recentReturns.Average() < _bestMean) return;
        _bestMean = _recentReturns.Average();
        BestEpisode = EpisodesDone;
        BestSteps = StepsDone;
        using var guard = no_grad();
        foreach (var (kept, current) in _best.parameters().Zip(_policy.parameters())) kept.copy_(current);
    }

    private static double[] Logits(SpikingPolicyNetwork network, double[] scaled)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var logits = network.call(Batch([scaled]));
        return [.. logits.to_type(float64).data<double>()];
    }

    private int Sample(double[] logits)
    {
        var max = logits.Max();
        var weights = logits.Select(l => Math.Exp(l - max)).ToArray();
        var u = _random.NextDouble() * weights.Sum();
        for (var a = 0; a < weights.Length - 1; a++)
        {
            u -= weights[a];
            if (u < 0) return a;
        }
        return weights.Length - 1;
    }

    private static int ArgMax(double[] logits)
    {
        var best = 0;
        for (var a = 1; a < logits.Length; a++)
            if (logits[a] > logits[best]) best = a;
        return best;
    }

    private static Tensor Batch(IReadOnlyList<double[]> rows)
    {
        var width = rows[0].Length;
        var data = new float[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < width; c++) data[r * width + c] = (float)rows[r][c];
        return tensor(data, [rows.Count, width]);
    }

    /// <summary>One PPO update on the rollout: GAE advantages, then epochs of shuffled minibatches.</summary>
    private void Update()
    {
        using var scope = NewDisposeScope();
        var count = _rollout.Count;
        var observations = Batch(_rollout.Observations);
        var actions = tensor(_rollout.Actions.Select(a => (long)a).ToArray()).unsqueeze(1);
        double[] values, nextValues;
        Tensor oldLogProbabilities;
        using (no_grad())
        {
            values = [.. _value.call(observations).squeeze(1).to_type(float64).data<double>()];
            nextValues = [.. _value.call(Batch(_rollout.Next)).squeeze(1).to_type(float64).data<double>()];
            oldLogProbabilities = _policy.call(observations).log_softmax(1).gather(1, actions).squeeze(1);
        }
        var advantageValues = _rollout.Advantages(values, nextValues, _settings.Gamma, _settings.Lambda);
        var advantages = tensor(advantageValues.Select(a => (float)a).ToArray());
        var returns = tensor(advantageValues.Select((a, i) => (float)(a + values[i])).ToArray());
        // Clipped per network: the value loss's gradients (returns reach 1/(1 − γ)) would otherwise dominate a joint
        // norm and shrink the policy's step whenever the value is far off.
        var policyParameters = _policy.parameters().ToList();
        var valueParameters = _value.parameters().ToList();
        for (var epoch = 0; epoch < _settings.Epochs; epoch++)
        {
            var order = SeededPermutation.Create(count, _seed, MinibatchOrderPurpose, (long)Updates * _settings.Epochs + epoch);
            for (var start = 0; start < count; start += _settings.Minibatch)
            {
                using var step = NewDisposeScope();
                var index = tensor(order[start..Math.Min(count, start + _settings.Minibatch)].Select(i => (long)i).ToArray());
                var advantage = advantages.index_select(0, index);
                if (index.shape[0] > 1) advantage = (advantage - advantage.mean()) / (advantage.std() + 1e-8);
                var logits = _policy.call(observations.index_select(0, index));
                var logProbabilities = logits.log_softmax(1);
                var logProbability = logProbabilities.gather(1, actions.index_select(0, index)).squeeze(1);
                var ratio = (logProbability - oldLogProbabilities.index_select(0, index)).exp();
                var clipped = ratio.clamp(1 - _settings.Clip, 1 + _settings.Clip);
                var policyLoss = -minimum(ratio * advantage, clipped * advantage).mean();
                var value = _value.call(observations.index_select(0, index)).squeeze(1);
                var valueLoss = (value - returns.index_select(0, index)).square().mean() * 0.5;
                var entropy = -(logProbabilities.exp() * logProbabilities).sum(1).mean();
                var loss = policyLoss + valueLoss * _settings.ValueCoefficient - entropy * _settings.Entropy;
                _optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(policyParameters, _settings.MaxGradNorm);
                nn.utils.clip_grad_norm_(valueParameters, _settings.MaxGradNorm);
                _optimizer.step();
            }
        }
        _rollout.Clear();
        Updates++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _policy.Dispose();
        _value.Dispose();
        _best.Dispose();
        _generator.Dispose();
    }
}
