using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.ActionSelection;

/// <summary>
/// The world of the action-selection task: a schedule of salience vectors that changes every phase, drawn from the
/// episode's seed. Every phase but one has a clear winner (the high salience; the others get the middle and the low one in
/// a random order), and each clear phase's winner differs from the previous clear phase's, so every change is a swap of
/// the winner; the third phase (when there are at least four) has no clear winner: two actions share the middle-high
/// salience. One step is one bin; the observation is the saliences in force, the action the channel the basal ganglia
/// selected (−1 for none), and the reward 1 when that is the clear winner.
/// </summary>
public sealed class SalienceSchedule(ActionSelectionSettings settings) : IEnvironment<SalienceObservation, int>
{
    /// <summary>The name invalid-action errors carry.</summary>
    public const string Name = "action_selection";

    private int _bin;
    private bool _over = true;

    /// <summary>The phases of the current episode.</summary>
    public IReadOnlyList<SaliencePhase> Phases { get; private set; } = [];

    /// <inheritdoc />
    public int? EpisodeLength => settings.Bins;

    /// <summary>Draws the phases from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SaliencePhase> Draw(ActionSelectionSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = TaskSeeds.Random(seed);
        var phases = new List<SaliencePhase>();
        int? previous = null;
        for (var p = 0; p < settings.Phases; p++)
        {
            var saliences = new double[settings.Actions];
            if (p == 2 && settings.Phases >= 4)
            {
                // No clear winner: two actions tie between the high and the middle salience, the rest get the low one.
                Array.Fill(saliences, settings.SalienceLow);
                var first = random.NextInt(settings.Actions);
                var second = (first + 1 + random.NextInt(settings.Actions - 1)) % settings.Actions;
                saliences[first] = saliences[second] = 0.5 * (settings.SalienceHigh + settings.SalienceMid);
            }
            else
            {
                var winner = previous is { } w ? (w + 1 + random.NextInt(settings.Actions - 1)) % settings.Actions : random.NextInt(settings.Actions);
                var others = Enumerable.Range(0, settings.Actions).Where(k => k != winner).ToList();
                Shuffle(others, random);
                saliences[winner] = settings.SalienceHigh;
                saliences[others[0]] = settings.SalienceMid;
                for (var k = 1; k < others.Count; k++) saliences[others[k]] = settings.SalienceLow;
                previous = winner;
            }
            phases.Add(new SaliencePhase(p * settings.PhaseMs, saliences));
        }
        return phases;
    }

    private static void Shuffle(List<int> items, SeededRandom random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <inheritdoc />
    public SalienceObservation Reset(ulong seed)
    {
        Phases = Draw(settings, seed);
        _bin = 0;
        _over = false;
        return Observe();
    }

    /// <inheritdoc />
    public StepResult<SalienceObservation> Step(int action)
    {
        if (action < -1 || action >= settings.Actions)
            throw new InvalidActionException(Name, _bin, action.ToString(System.Globalization.CultureInfo.InvariantCulture), $"a channel 0 … {settings.Actions - 1} or −1 (none)");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        var reward = Observe().Winner == action ? 1.0 : 0.0;
        _bin++;
        _over = _bin >= settings.Bins;
        return new StepResult<SalienceObservation>(Observe(), reward, _over);
    }

    private SalienceObservation Observe()
    {
        var bin = Math.Min(_bin, settings.Bins - 1);
        var phase = Math.Min((int)(bin * settings.BinMs / settings.PhaseMs), Phases.Count - 1);
        return new SalienceObservation(bin, bin * settings.BinMs, phase, Phases[phase]);
    }
}
