using System.Diagnostics;
using Cortex.Backends;
using Cortex.Compilation;

namespace Cortex.Host.Commands.Bench;

/// <summary>The memory figures benchmarks and reports print: bytes per synapse and the process's peak memory.</summary>
internal static class MemoryFigures
{
    // A backend without a memory report holds the compiled table: int target, float weight, ushort delay.
    private const int CompiledTableBytesPerSynapse = sizeof(int) + sizeof(float) + sizeof(ushort);

    /// <summary>Bytes the session holds per synapse, as the backend reports them; 0 for a network without synapses.</summary>
    public static double BytesPerSynapse(CompiledNetwork network, ISimulationSession session)
    {
        var bytes = session is ISynapseMemoryReport report
            ? report.SynapseBytes
            : network.Projections.Sum(p => (long)p.Table.Count * CompiledTableBytesPerSynapse);
        return network.SynapseCount == 0 ? 0 : bytes / (double)network.SynapseCount;
    }

    /// <summary>The device a session runs on, when it reports one (a GPU session); null on the host.</summary>
    public static string? DeviceName(ISimulationSession session) => (session as IDeviceMemoryReport)?.DeviceName;

    /// <summary>The device memory a session holds, in MB, when it reports it; null on the host.</summary>
    public static double? DeviceMemoryMb(ISimulationSession session) =>
        session is IDeviceMemoryReport report ? report.DeviceBytes / (1024.0 * 1024.0) : null;

    /// <summary>The process's peak resident memory so far, in MB.</summary>
    public static double PeakRssMb() => Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
}
