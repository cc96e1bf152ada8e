using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Decision;

/// <summary>
/// A run of the decision task: each episode opens a fresh <see cref="DecisionCircuit"/> (new initial state and noise)
/// and runs <see cref="DecisionSettings.TrialsPerCoherence"/> trials at every coherence level, in a seeded shuffled
/// order, with the favoured pool drawn per trial. The episode's score is its Weibull threshold α (in % coherence); its
/// curve is the running fraction correct. The figures show every trial of the run so far.
/// </summary>
public sealed class DecisionRun(TaskContext context, DecisionSettings settings) : ITaskRun
{
    private readonly List<TrialOutcome> _all = [];

    /// <summary>Every trial run so far, in order.</summary>
    public IReadOnlyList<TrialOutcome> Trials => _all;

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        var seed = context.DeriveSeed(episode);
        var random = TaskSeeds.Random(seed, 0);
        var coherences = settings.Coherences;
        var order = new List<double>();
        foreach (var c in coherences) order.AddRange(Enumerable.Repeat(c, settings.TrialsPerCoherence));
        for (var i = order.Count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var outcomes = new List<TrialOutcome>(order.Count);
        var curve = new List<double>(order.Count);
        var correct = 0;
        using (var circuit = new DecisionCircuit(context, settings, seed))
        {
            foreach (var coherence in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = circuit.Run(coherence, random.NextInt(2));
                outcomes.Add(outcome);
                if (outcome.IsCorrect) correct++;
                curve.Add((double)correct / outcomes.Count);
                context.Progress?.Report(new EpisodeProgress(episode, outcomes.Count, order.Count, correct));
            }
        }
        _all.AddRange(outcomes);
        if (context.OutputDirectory is not null) DecisionPlots.Save(context.OutputDirectory, new PsychometricTable(_all), _all.Count);

        var table = new PsychometricTable(outcomes);
        return new EpisodeResult(episode, table.Alpha * 100, correct, outcomes.Count) { Metrics = table.Metrics(), Curve = curve };
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
