using Cortex.Simulation;

namespace Cortex.BrainRegions.Hippocampus;

/// <summary>
/// Storage and recall on a running <c>ca3</c> instance. <see cref="Store"/> imposes a pattern (current into its cells,
/// learning on) and <see cref="Recall"/> imposes a cue and reports which cells fired; recall puts the recurrent weights
/// back afterwards, so it leaves no trace in memory (learning is, in effect, off). After every phase the whole
/// population is briefly hyperpolarised so that activity does not carry over into the next one, as the inhibitory
/// phase of the theta cycle separates encoding episodes.
/// </summary>
public sealed class AssociativeMemoryProtocol
{
    private readonly ClosedLoopSession _session;
    private readonly string _pyramidal;
    private readonly string _recurrent;
    private readonly int _size;

    /// <summary>For the <c>ca3</c> instance named <paramref name="instance"/> running in <paramref name="session"/>.</summary>
    public AssociativeMemoryProtocol(ClosedLoopSession session, string instance)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _pyramidal = $"{instance}.pyr";
        _recurrent = $"{instance}.recurrent";
        _size = session.Network.Populations[session.Population(_pyramidal)].Size;
        session.Projection(_recurrent);
    }

    /// <summary>Current (nA) into every imposed cell; the LIF defaults fire at about 45 Hz on 0.3 nA.</summary>
    public double DriveNa { get; init; } = 0.4;

    /// <summary>How long a pattern is imposed during storage (ms).</summary>
    public double StoreMs { get; init; } = 100;

    /// <summary>How long a cue is imposed and spikes are counted during recall (ms).</summary>
    public double RecallMs { get; init; } = 100;

    /// <summary>The hyperpolarisation after each phase: its current (nA, negative) and length (ms).</summary>
    public double QuenchNa { get; init; } = -1;

    /// <inheritdoc cref="QuenchNa"/>
    public double QuenchMs { get; init; } = 30;

    /// <summary>Pyramidal cells in the instance.</summary>
    public int Size => _size;

    /// <summary>Imposes <paramref name="pattern"/> (cell indices) for <see cref="StoreMs"/> with learning on, then quenches.</summary>
    public void Store(IReadOnlyCollection<int> pattern)
    {
        Impose(pattern, StoreMs);
        Quench();
    }

    /// <summary>
    /// Imposes <paramref name="cue"/> for <see cref="RecallMs"/> and returns the spike count of every cell during it; the
    /// recurrent weights are then restored and the network quenched.
    /// </summary>
    public int[] Recall(IReadOnlyCollection<int> cue)
    {
        var weights = _session.GetWeights(_recurrent);
        var counts = Impose(cue, RecallMs);
        _session.SetWeights(_recurrent, weights);
        Quench();
        return counts;
    }

    /// <summary>
    /// How well the cells active in a recall (<paramref name="counts"/> above zero) match <paramref name="pattern"/>: the
    /// fraction of the pattern's cells that fired minus the fraction of the other cells that fired. 1 is the pattern
    /// exactly, 0 no better than chance (e.g. everything or nothing active).
    /// </summary>
    public static double Overlap(IReadOnlyList<int> counts, IReadOnlyCollection<int> pattern)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(pattern);
        var inside = new HashSet<int>(pattern);
        int hits = 0, falseAlarms = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0) continue;
            if (inside.Contains(i)) hits++;
            else falseAlarms++;
        }
        var outside = counts.Count - inside.Count;
        return (double)hits / inside.Count - (outside > 0 ? (double)falseAlarms / outside : 0);
    }

    private int[] Impose(IReadOnlyCollection<int> cells, double ms)
    {
        var current = _session.InjectedCurrent(_pyramidal);
        current.Clear();
        foreach (var cell in cells)
        {
            if (cell < 0 || cell >= _size) throw new ArgumentOutOfRangeException(nameof(cells), $"cell {cell} is outside 0..{_size - 1}");
            current[cell] = (float)DriveNa;
        }
        var counts = new int[_size];
        var population = _session.Population(_pyramidal);
        for (var step = 0; step < Steps(ms); step++)
        {
            _session.Step();
            foreach (var cell in _session.Spikes(population)) counts[cell]++;
        }
        _session.InjectedCurrent(_pyramidal).Clear();
        return counts;
    }

    private void Quench()
    {
        _session.InjectedCurrent(_pyramidal).Fill((float)QuenchNa);
        _session.Step(Steps(QuenchMs));
        _session.InjectedCurrent(_pyramidal).Clear();
    }

    private int Steps(double ms) => (int)Math.Round(ms / _session.Network.Dt);
}
