using Cortex.Simulation;
using Xunit;

namespace Cortex.Tests.Simulation;

/// <summary>The real-time factor follows NEST and GeNN: wall time / biological time, lower is faster.</summary>
public sealed class RealTimeFactorTests
{
    [Theory]
    [InlineData(0.5, 2.0, 0.25)]   // a second of biology in a quarter second: four times faster than real time
    [InlineData(3.0, 1.5, 2.0)]    // slower than real time
    [InlineData(1.0, 0.0, 0.0)]    // nothing simulated yet
    public void IsWallOverBiologicalTime(double wall, double biological, double expected) =>
        Assert.Equal(expected, RealTimeFactor.Of(wall, biological), 12);

    [Fact]
    public void ProgressReportsWallPerBiologicalTime()
    {
        // 4000 steps of 0.25 ms = 1 s of biology in 0.3 s.
        var progress = new SimulationProgress(4000, 8000, TimeSpan.FromSeconds(0.3), 0.25);
        Assert.Equal(0.3, progress.RealTimeFactor, 12);
        Assert.Equal(0, new SimulationProgress(0, 8000, TimeSpan.FromSeconds(0.1), 0.25).RealTimeFactor);
    }
}
