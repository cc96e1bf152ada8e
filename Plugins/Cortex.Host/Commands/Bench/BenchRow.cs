namespace Cortex.Host.Commands.Bench;

/// <summary>
/// One measured network size of <c>cortex bench cuba</c>. Under mpirun: <see cref="SimulateSeconds"/> and
/// <see cref="CommSeconds"/> are the slowest rank's, <see cref="SimulateCpuSeconds"/> is summed over ranks,
/// <see cref="PeakRssMb"/> is the largest rank's and <see cref="PeakRssMbPerRank"/> lists them all;
/// <see cref="ExchangeBytesSent"/> is summed over ranks (each rank receives all of it, <see cref="Exchanges"/> times).
/// </summary>
internal sealed record BenchRow(
    int Neurons, long Synapses, string Backend, int Threads, double BuildSeconds, double SimulateSeconds,
    double RealTimeFactor, long Spikes, double MeanRateHz, double BytesPerSynapse, double PeakRssMb,
    double SimulateCpuSeconds, double CpuTimeFactor,
    int Ranks = 1, double? CommSeconds = null, double? CommShare = null, IReadOnlyList<double>? PeakRssMbPerRank = null,
    long? ExchangeBytesSent = null, long? Exchanges = null)
{
    /// <summary>The accelerator the session ran on (its <see cref="Cortex.Backends.IDeviceMemoryReport"/>); null on the host.</summary>
    public string? Device { get; init; }

    /// <summary>Device memory the session held, in MB; null on the host.</summary>
    public double? DeviceMemoryMb { get; init; }
}
