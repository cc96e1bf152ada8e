using Xunit;
namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// A test that launches <c>mpirun</c>: skipped, naming the Debian packages, when Open MPI is not installed; under CI
/// (<c>CI=true</c>) it runs and fails instead, since there a missing install step is a broken build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MpiFactAttribute : FactAttribute
{
    /// <summary>Skips the test when mpirun is missing (outside CI).</summary>
    public MpiFactAttribute()
    {
        var underCi = Environment.GetEnvironmentVariable("CI") is "true" or "1";
        if (!MpiRunner.Available && !underCi) Skip = "Open MPI is not installed (apt-get install openmpi-bin libopenmpi-dev; scripts/setup.sh does it)";
    }
}
