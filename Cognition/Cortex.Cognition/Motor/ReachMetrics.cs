using Cortex.Tasks;

namespace Cortex.Cognition.Motor;

/// <summary>
/// Scores a centre-out episode per target: the final error (hand-to-target distance at the end of the reach, cm) and the
/// time to target (the first time from which the hand stays within <see cref="ToleranceCm"/> to the end of the reach;
/// the whole reach time when it never settles there). The score is the mean final error over the targets (cm; lower is
/// better). The hand paths are kept for the trajectory figure.
/// </summary>
public sealed class ReachMetrics(ReachSettings settings) : IEpisodeMetrics<ReachObservation, ArmTorque>
{
    /// <summary>The distance (cm) within which a target counts as reached.</summary>
    public const double ToleranceCm = 1;

    private readonly List<List<double>> _distances = [];
    private readonly List<List<(double X, double Y)>> _paths = [];
    private readonly List<(double X, double Y)> _targets = [];

    /// <summary>The hand path of each reach so far (m), one point per step (the position after it).</summary>
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Paths => _paths;

    /// <summary>The target of each reach so far (m).</summary>
    public IReadOnlyList<(double X, double Y)> TargetPositions => _targets;

    /// <inheritdoc />
    public void Reset()
    {
        _distances.Clear();
        _paths.Clear();
        _targets.Clear();
    }

    /// <inheritdoc />
    public void Record(ReachObservation observation, ArmTorque action, StepResult<ReachObservation> outcome)
    {
        // The state after the step, filed under the reach it belongs to (a step can start the next reach).
        var after = outcome.Observation;
        if (after.Target >= _distances.Count)
        {
            _distances.Add([]);
            _paths.Add([]);
            _targets.Add((after.TargetX, after.TargetY));
        }
        _distances[^1].Add(after.Distance * 100);
        _paths[^1].Add((after.HandX, after.HandY));
    }

    /// <inheritdoc />
    public EpisodeScore Complete()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var finals = new double[_distances.Count];
        var times = new double[_distances.Count];
        for (var k = 0; k < _distances.Count; k++)
        {
            finals[k] = _distances[k][^1];
            times[k] = TimeToTarget(_distances[k]);
            metrics[$"final_error_cm_{k}"] = finals[k];
            metrics[$"time_to_target_ms_{k}"] = times[k];
        }
        metrics["max_final_error_cm"] = finals.DefaultIfEmpty().Max();
        metrics["mean_time_to_target_ms"] = times.DefaultIfEmpty().Average();
        metrics["targets_reached"] = finals.Count(f => f <= ToleranceCm);
        // No within-episode curve: a step is 0.1 ms of one reach; the per-target figures are the metrics above.
        return new EpisodeScore(finals.DefaultIfEmpty().Average(), metrics);
    }

    // Entry i is the hand after step i + 1 (time (i + 1)·dt); the hand is within tolerance for good from the entry after
    // the last one outside it. A reach that ends outside counts as its whole length.
    private double TimeToTarget(List<double> distances)
    {
        var last = distances.FindLastIndex(d => d > ToleranceCm);
        return Math.Min(last + 2, distances.Count) * settings.Dt;
    }
}
