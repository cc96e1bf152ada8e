namespace Cortex.Cognition.ActionSelection;

/// <summary>What the basal ganglia are given for one bin.</summary>
/// <param name="Bin">The bin (0-based).</param>
/// <param name="TimeMs">When the bin starts (ms after the baseline).</param>
/// <param name="Phase">Index of the salience phase in force.</param>
/// <param name="Saliences">The phase in force.</param>
public readonly record struct SalienceObservation(int Bin, double TimeMs, int Phase, SaliencePhase Saliences)
{
    /// <summary>The clear winner of the phase in force, or null.</summary>
    public int? Winner => Saliences.Winner;
}
