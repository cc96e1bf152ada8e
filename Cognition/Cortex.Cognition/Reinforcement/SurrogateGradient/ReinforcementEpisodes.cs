using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// A minimal training and evaluation loop for an <see cref="IReinforcementAgent"/> on an <see cref="IControlEnvironment"/>,
/// for the agent's tests and its figures until the reinforcement tasks (<c>cortex task run cartpole --agent sg</c>) run it.
/// Episode k's start state comes from <see cref="TaskSeeds.Derive"/>(seed, k, stream): stream 0 in training, 2 in
/// evaluation, so the evaluation starts are never trained on.
/// </summary>
public static class ReinforcementEpisodes
{
    private const int TrainingStream = 0;
    private const int EvaluationStream = 2;

    /// <summary>
    /// Plays up to <paramref name="episodes"/> exploring, learning episodes; returns each episode's return. After each,
    /// <paramref name="episodeDone"/> gets the episode number and return and may stop training by returning false.
    /// </summary>
    public static IReadOnlyList<double> Train(IReinforcementAgent agent, IControlEnvironment environment, int episodes, ulong seed, Func<int, double, bool>? episodeDone = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(environment);
        var returns = new List<double>(episodes);
        for (var episode = 1; episode <= episodes; episode++)
        {
            var observation = environment.Reset(TaskSeeds.Derive(seed, episode, TrainingStream));
            var total = 0.0;
            while (true)
            {
                var outcome = environment.Step(agent.Act(observation, explore: true));
                total += outcome.Reward;
                var terminal = outcome.Done && !outcome.Truncated;
                agent.Observe(outcome.Reward, outcome.Observation, terminal);
                if (outcome.Done) break;
                observation = outcome.Observation;
            }
            agent.EndEpisode();
            returns.Add(total);
            if (episodeDone is not null && !episodeDone(episode, total)) break;
        }
        return returns;
    }

    /// <summary>Plays <paramref name="episodes"/> greedy episodes without learning; returns each episode's return.</summary>
    public static IReadOnlyList<double> Evaluate(IReinforcementAgent agent, IControlEnvironment environment, int episodes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(environment);
        var returns = new List<double>(episodes);
        for (var episode = 1; episode <= episodes; episode++)
        {
            var observation = environment.Reset(TaskSeeds.Derive(seed, episode, EvaluationStream));
            var total = 0.0;
            while (true)
            {
                var outcome = environment.Step(agent.Act(observation, explore: false));
                total += outcome.Reward;
                if (outcome.Done) break;
                observation = outcome.Observation;
            }
            returns.Add(total);
        }
        return returns;
    }
}
