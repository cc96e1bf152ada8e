namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// Plays one episode of an <see cref="IControlEnvironment"/> with an <see cref="IReinforcementAgent"/>: the one loop that
/// training, evaluation and the random baseline share, so all three end episodes and treat time limits the same way.
/// </summary>
public static class EpisodePlayer
{
    /// <summary>
    /// Plays the episode that starts from <paramref name="seed"/> to its end. With <paramref name="learn"/> the agent
    /// sees every outcome (<see cref="IReinforcementAgent.Observe"/>, a time-limit end not terminal) and the episode's
    /// end; without it, it only acts. <paramref name="explore"/> chooses its exploring or its greedy policy.
    /// <paramref name="stepDone"/> gets the steps and return so far after each step (for progress bars).
    /// </summary>
    /// <returns>The episode's return and its length in steps.</returns>
    /// <exception cref="InvalidOperationException">The environment ran past its own time limit (a bug in it).</exception>
    public static (double Return, int Steps) Play(IControlEnvironment environment, IReinforcementAgent agent, ulong seed, bool learn, bool explore,
        Action<int, double>? stepDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(agent);
        var observation = environment.Reset(seed);
        var total = 0.0;
        var steps = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = environment.Step(agent.Act(observation, explore));
            if (learn) agent.Observe(outcome.Reward, outcome.Observation, outcome.Done && !outcome.Truncated);
            total += outcome.Reward;
            steps++;
            stepDone?.Invoke(steps, total);
            if (outcome.Done) break;
            if (steps > environment.MaxSteps) throw new InvalidOperationException($"{environment.Name}: the episode did not end within its {environment.MaxSteps} steps");
            observation = outcome.Observation;
        }
        if (learn) agent.EndEpisode();
        return (total, steps);
    }
}
