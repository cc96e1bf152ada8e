namespace Cortex.Compilation;

/// <summary>
/// Synapses of one projection in compressed sparse rows by source neuron: the outgoing synapses of
/// source i are entries RowStart[i] .. RowStart[i+1]-1, sorted by delay then target, so delivery
/// walks memory in order and synapses of equal delay are contiguous.
/// </summary>
public sealed class SynapseTable
{
    /// <summary>Creates a table; arrays are taken over, not copied.</summary>
    public SynapseTable(int[] rowStart, int[] targets, float[] weights, ushort[] delaySteps)
    {
        if (targets.Length != weights.Length || targets.Length != delaySteps.Length || rowStart[^1] != targets.Length)
            throw new ArgumentException("synapse table arrays disagree in length");
        RowStart = rowStart;
        Targets = targets;
        Weights = weights;
        DelaySteps = delaySteps;
    }

    /// <summary>Row offsets, length = sources + 1.</summary>
    public int[] RowStart { get; }

    /// <summary>Target neuron per synapse.</summary>
    public int[] Targets { get; }

    /// <summary>Weight per synapse in internal units of the synapse model's weight dimension.</summary>
    public float[] Weights { get; }

    /// <summary>Delay per synapse in whole steps (≥ 1).</summary>
    public ushort[] DelaySteps { get; }

    /// <summary>Number of synapses.</summary>
    public int Count => Targets.Length;

    /// <summary>Number of source neurons.</summary>
    public int Sources => RowStart.Length - 1;

    /// <summary>Runs of equal delay in each row (rows are sorted by delay): the first run of each source, and each run's first synapse and delay.</summary>
    public (int[] RowRuns, int[] RunStart, int[] RunDelay) DelayRuns()
    {
        var rowRuns = new int[Sources + 1];
        var runStart = new List<int>();
        var runDelay = new List<int>();
        for (var source = 0; source < Sources; source++)
        {
            rowRuns[source] = runStart.Count;
            for (var s = RowStart[source]; s < RowStart[source + 1]; s++)
            {
                if (s > RowStart[source] && DelaySteps[s] == DelaySteps[s - 1]) continue;
                runStart.Add(s);
                runDelay.Add(DelaySteps[s]);
            }
        }
        rowRuns[Sources] = runStart.Count;
        return (rowRuns, [.. runStart], [.. runDelay]);
    }
}
