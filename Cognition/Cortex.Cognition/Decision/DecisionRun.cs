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
        var spontaneous = new double[4];
        double simulatedMs;
        using (var circuit = new DecisionCircuit(context, settings, seed))
        {
            foreach (var coherence in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = circuit.Run(coherence, random.NextInt(2));
                outcomes.Add(outcome);
                for (var p = 0; p < spontaneous.Length; p++) spontaneous[p] += circuit.SpontaneousRates[p] / order.Count;
                if (outcome.IsCorrect) correct++;
                curve.Add((double)correct / outcomes.Count);
                context.Progress?.Report(new EpisodeProgress(episode, outcomes.Count, order.Count, correct));
            }
            simulatedMs = circuit.SimulatedMs;
        }
        _all.AddRange(outcomes);
        if (context.OutputDirectory is not null) DecisionPlots.Save(context.OutputDirectory, new PsychometricTable(_all), _all.Count);

        var table = new PsychometricTable(outcomes);
        var metrics = table.Metrics();
        // The lead-ins' rates, the spontaneous state the decisions start from (Wang: pyramidal cells about 2 Hz); pyramidal is
        // the plain mean of the three pools' rates.
        metrics["spontaneous_hz_pyramidal"] = (spontaneous[0] + spontaneous[1] + spontaneous[2]) / 3;
        metrics["spontaneous_hz_interneuron"] = spontaneous[3];
        metrics["simulated_s"] = simulatedMs / 1000;
        return new EpisodeResult(episode, table.Alpha * 100, correct, outcomes.Count) { Metrics = metrics, Curve = curve };
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
