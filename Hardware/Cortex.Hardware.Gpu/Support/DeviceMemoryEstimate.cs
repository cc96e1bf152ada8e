using Cortex.Compilation;
using Cortex.Hardware.Gpu.Session;

namespace Cortex.Hardware.Gpu.Support;

/// <summary>
/// The device bytes a network needs on the gpu backend, computed before allocating anything so a network too large for the
/// device fails before the run with both sizes named.
/// </summary>
internal static class DeviceMemoryEstimate
{
    /// <summary>Spike-record entries (4 bytes each) the backend allows itself per chunk of steps, across all populations.</summary>
    public const long RecordBudget = 16L << 20;

    /// <summary>Steps recorded on the device between copies to the host: as many as the record budget allows (each neuron may spike once a step), 1 to 256.</summary>
    public static int ChunkSteps(CompiledNetwork network)
    {
        var neurons = Math.Max(1L, network.Populations.Sum(p => (long)p.Size));
        return (int)Math.Clamp(RecordBudget / neurons, 1, 256);
    }

    /// <summary>The bytes <paramref name="network"/> needs: neuron and receptor state, working buffers, the delay ring, synapse tables, records and probes.</summary>
    public static long Bytes(CompiledNetwork network)
    {
        var chunk = ChunkSteps(network);
        var ringLength = network.MaxDelaySteps + 1L;
        long bytes = 0, ports = 0;
        foreach (var population in network.Populations)
        {
            long size = Math.Max(1, population.Size);
            bytes += size * population.Model.Accept(new GpuPopulation.NeuronBytes(population.PerNeuronParameters.Count > 0));
            bytes += size * (4 * 5 + 4L * chunk); // voltages, current, external, flags, step list; the chunk's spike record
            foreach (var receptor in population.Receptors) bytes += size * receptor.Model.Accept(new GpuReceptor.StateSize());
            ports += size * population.Receptors.Count;
        }
        bytes += ringLength * ports * sizeof(long) + ports * sizeof(float);
        foreach (var projection in network.Projections.Where(p => p.Plasticity is null))
            bytes += GpuSynapses.BytesFor(projection.Table.Sources, projection.Table.Count);
        foreach (var probe in network.StateProbes)
            bytes += 4L * probe.Neurons.Length * (1 + chunk);
        return bytes;
    }

    /// <summary>A size in MiB with one decimal, for messages.</summary>
    public static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MiB";
}
