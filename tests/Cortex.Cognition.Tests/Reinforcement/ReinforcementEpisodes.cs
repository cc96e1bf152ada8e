using Cortex.Cognition.Reinforcement;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>
/// Trains and evaluates an agent for a test without a task run around it. Episode k starts from
/// <see cref="TaskSeeds.Derive"/>(seed, k, stream): stream 0 in training, 2 in evaluation, so evaluation starts are never trained on.
/// </summary>
internal static class ReinforcementEpisodes
{
    private const int TrainingStream = 0;
    private const int EvaluationStream = 2;

    /// <summary>
    /// Plays up to <paramref name="episodes"/> exploring, learning episodes and returns their returns; after each,
    /// <paramref name="episodeDone"/> gets the episode number and return and may stop training by returning false.
    /// </summary>
    public static IReadOnlyList<double> Train(IReinforcementAgent agent, IControlEnvironment environment, int episodes, ulong seed, Func<int, double, bool>? episodeDone = null)
    {
        var returns = new List<double>(episodes);
        for (var episode = 1; episode <= episodes; episode++)
        {
            var total = EpisodePlayer.Play(environment, agent, TaskSeeds.Derive(seed, episode, TrainingStream), learn: true, explore: true).Return;
            returns.Add(total);
            if (episodeDone is not null && !episodeDone(episode, total)) break;
        }
        return returns;
    }

    /// <summary>Plays <paramref name="episodes"/> greedy episodes without learning and returns their returns.</summary>
    public static IReadOnlyList<double> Evaluate(IReinforcementAgent agent, IControlEnvironment environment, int episodes, ulong seed) =>
        [.. Enumerable.Range(1, episodes).Select(episode =>
            EpisodePlayer.Play(environment, agent, TaskSeeds.Derive(seed, episode, EvaluationStream), learn: false, explore: false).Return)];
}
