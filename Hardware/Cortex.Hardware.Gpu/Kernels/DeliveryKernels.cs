using ILGPU;

namespace Cortex.Hardware.Gpu.Kernels;

/// <summary>Spike delivery and host-side arrivals, into the network's delay ring of fixed-point sums.</summary>
public static class DeliveryKernels
{
    /// <summary>
    /// One thread per spike of the source population this step: walks the spiking neuron's row of the synapse table (sorted by
    /// source) and adds each weight into the target's ring slot for step + delay. <paramref name="ring"/> is
    /// [slot][port space]; <paramref name="targetBase"/> is where the target population's receptor starts in the port space.
    /// </summary>
    public static void Deliver(Index1D i, ArrayView<int> spikes, ArrayView<int> spikeCount, ArrayView<int> rowStart, ArrayView<int> targets,
        ArrayView<float> weights, ArrayView<ushort> delays, ArrayView<long> ring, int stepSlot, int ringLength, int portSpace, int targetBase)
    {
        if (i >= spikeCount[0]) return;
        var neuron = spikes[i];
        for (var s = rowStart[neuron]; s < rowStart[neuron + 1]; s++)
        {
            var slot = (stepSlot + delays[s]) % ringLength;
            Atomic.Add(ref ring[(long)slot * portSpace + targetBase + targets[s]], GpuFixedPoint.ToFixed(weights[s]));
        }
    }

    /// <summary>Adds host-computed arrivals (injected input, stimuli) into a ring slot.</summary>
    public static void AddArrivals(Index1D i, ArrayView<float> arrivals, ArrayView<long> slot)
    {
        var weight = arrivals[i];
        if (weight != 0) slot[i] += GpuFixedPoint.ToFixed(weight);
    }

    /// <summary>Spikes a closed-loop caller forced: flagged and listed unless the neuron spiked by itself.</summary>
    public static void Force(Index1D i, ArrayView<int> neurons, SpikeSink spikes)
    {
        var neuron = neurons[i];
        if (Atomic.Exchange(ref spikes.Flags[neuron], 1) == 0) spikes.Add(neuron);
    }

    /// <summary>Records where each population's chunk record ends after step <paramref name="stepInChunk"/>.</summary>
    public static void MarkStepEnd(Index1D population, ArrayView<int> recordCounts, ArrayView<int> ends, int stepInChunk, int chunkSteps) =>
        ends[population * chunkSteps + stepInChunk] = recordCounts[population];
}
