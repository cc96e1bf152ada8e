using Cortex.Tasks;

namespace GuideExamples.Reach;

/// <summary>Scores a reach: the shortest path over the moves taken (1 = straight to the target, 0 = not reached).</summary>
public sealed class ReachMetrics(ReachLine line) : IEpisodeMetrics<int, int>
{
    private int _moves;
    private bool _reached;

    public void Reset() => (_moves, _reached) = (0, false);

    public void Record(int observation, int action, StepResult<int> outcome)
    {
        _moves++;
        _reached |= outcome.Observation == 0;
    }

    public EpisodeScore Complete() => new(_reached ? (double)line.Distance / _moves : 0,
        new Dictionary<string, double> { ["distance"] = line.Distance, ["moves"] = _moves });
}
