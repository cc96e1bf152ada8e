namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// The transitions collected since the last PPO update, and their generalised advantage estimates (GAE, Schulman et
/// al. 2016). A segment ends at a terminal state (no future value), at a time-limit end or at the end of the rollout
/// (both bootstrapped with the value of the state that followed, since the episode would have gone on).
/// </summary>
internal sealed class Rollout
{
    private readonly List<double[]> _observations = [];
    private readonly List<double[]> _next = [];
    private readonly List<int> _actions = [];
    private readonly List<double> _rewards = [];
    private readonly List<bool> _terminal = [];
    private readonly List<bool> _segmentEnd = [];

    /// <summary>Transitions held.</summary>
    public int Count => _actions.Count;

    /// <summary>Observations in order.</summary>
    public IReadOnlyList<double[]> Observations => _observations;

    /// <summary>The observation after each transition.</summary>
    public IReadOnlyList<double[]> Next => _next;

    /// <summary>Actions in order.</summary>
    public IReadOnlyList<int> Actions => _actions;

    /// <summary>Adds one transition.</summary>
    public void Add(double[] observation, int action, double reward, double[] next, bool terminal)
    {
        _observations.Add(observation);
        _actions.Add(action);
        _rewards.Add(reward);
        _next.Add(next);
        _terminal.Add(terminal);
        _segmentEnd.Add(terminal);
    }

    /// <summary>The last transition ended its episode (a time-limit end that is not terminal, too).</summary>
    public void EndSegment()
    {
        if (Count > 0) _segmentEnd[^1] = true;
    }

    /// <summary>
    /// Advantages A_t = Σ_l (γλ)^l δ_{t+l} within each segment, δ_t = r_t + γ·V(s_{t+1})·(1 − terminal_t) − V(s_t),
    /// given V of every observation and of every next observation.
    /// </summary>
    public double[] Advantages(IReadOnlyList<double> values, IReadOnlyList<double> nextValues, double gamma, double lambda)
    {
        var advantages = new double[Count];
        var following = 0.0;
        for (var t = Count - 1; t >= 0; t--)
        {
            var bootstrap = _terminal[t] ? 0 : nextValues[t];
            var delta = _rewards[t] + gamma * bootstrap - values[t];
            var continues = !_segmentEnd[t] && t < Count - 1;
            following = delta + (continues ? gamma * lambda * following : 0);
            advantages[t] = following;
        }
        return advantages;
    }

    /// <summary>Empties the buffer for the next rollout.</summary>
    public void Clear()
    {
        _observations.Clear();
        _next.Clear();
        _actions.Clear();
        _rewards.Clear();
        _terminal.Clear();
        _segmentEnd.Clear();
    }
}
