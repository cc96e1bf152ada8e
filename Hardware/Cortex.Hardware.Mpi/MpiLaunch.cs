namespace Cortex.Hardware.Mpi;

/// <summary>Whether this process was started by <c>mpirun</c>/<c>mpiexec</c> (Open MPI, or a PMI launcher such as Slurm's).</summary>
public static class MpiLaunch
{
    /// <summary>The rank count the launcher announced, or null when this process was not launched by MPI.</summary>
    public static int? AnnouncedSize()
    {
        foreach (var name in (string[])["OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"])
            if (int.TryParse(Environment.GetEnvironmentVariable(name), out var size)) return size;
        return null;
    }
}
