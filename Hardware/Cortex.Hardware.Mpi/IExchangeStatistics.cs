namespace Cortex.Hardware.Mpi;

/// <summary>What a distributed session sent and how long it waited, for benchmarks and the scale-out plan.</summary>
public interface IExchangeStatistics
{
    /// <summary>32-bit ints this rank sent in spike exchanges (4 bytes each: a count per step and population, then one global id per spike).</summary>
    long IntsSent { get; }

    /// <summary>Spike exchanges so far (each one MPI_Allgather of lengths plus one MPI_Allgatherv).</summary>
    long Exchanges { get; }

    /// <summary>Seconds this rank spent inside MPI collectives (waiting for the others included).</summary>
    double CommunicationSeconds { get; }
}
