namespace Cortex.Hardware.Mpi;

/// <summary>MPI is missing, failed, or another rank stopped answering; the message is one line for the user.</summary>
public sealed class MpiException(string message) : Exception(message);
