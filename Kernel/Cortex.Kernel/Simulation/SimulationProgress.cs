namespace Cortex.Simulation;

/// <summary>How far a run is, for progress bars: steps done, of how many, and wall time so far.</summary>
public sealed record SimulationProgress(long StepsDone, long TotalSteps, TimeSpan Elapsed, double Dt)
{
    /// <summary>Fraction done, 0..1.</summary>
    public double Fraction => TotalSteps == 0 ? 1 : (double)StepsDone / TotalSteps;

    /// <summary>Wall time per biological time so far (lower is faster; see <see cref="Simulation.RealTimeFactor"/>).</summary>
    public double RealTimeFactor => Simulation.RealTimeFactor.Of(Elapsed.TotalSeconds, StepsDone * Dt * 1e-3);

    /// <summary>Estimated wall time left.</summary>
    public TimeSpan Remaining => StepsDone == 0 ? TimeSpan.Zero : Elapsed * ((double)(TotalSteps - StepsDone) / StepsDone);
}
