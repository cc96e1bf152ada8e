using Cortex.Backends;
using Cortex.Recording;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// The CPU session as one rank of a partitioned network (<see cref="IRankSession"/>): <see cref="StepOnce"/> cut in two
/// where the spikes of all ranks are needed. The order of every operation on this rank's state is the one-process order
/// (spikes by population, then ascending global index; per spike: record, post-synaptic hooks, pre-synaptic hooks and
/// delivery), so a rank's neurons see bit-identical inputs whatever the rank count.
/// </summary>
internal sealed partial class CpuSession : IRankSession
{
    private int[][]? _globalSpikes;

    public bool HasPlasticity => _plastic.Any(p => p is not null);

    public void UpdateNeurons(Recorder recorder)
    {
        var step = CurrentStep;
        AdvanceNeurons(step, recorder);

        _globalSpikes ??= [.. _populations.Select(p => new int[p.Size])];
        foreach (var population in _populations)
        {
            if (Injected.HasForcedSpikes(population.Index))
                population.SpikeCount = Injected.MergeForcedSpikes(population.Index, population.Spikes, population.SpikeCount);
            var global = _globalSpikes[population.Index];
            for (var k = 0; k < population.SpikeCount; k++) global[k] = GlobalIndex(population.Spikes[k]);
        }
    }

    public ReadOnlySpan<int> LocalSpikes(int population) =>
        _globalSpikes is null ? [] : _globalSpikes[population].AsSpan(0, _populations[population].SpikeCount);

    public void CompleteStep(IReadOnlyList<ReadOnlyMemory<int>> spikes, bool deliverStatic, Recorder recorder)
    {
        var step = CurrentStep;
        var partition = _network.Partition;
        foreach (var population in _populations)
        {
            var mask = _network.SpikeRecordMasks[population.Index];
            _spikeCounts[population.Index] += population.SpikeCount;
            foreach (var neuron in spikes[population.Index].Span)
            {
                if (partition is null || partition.Owns(neuron))
                {
                    var local = partition?.ToLocal(neuron) ?? neuron;
                    if (mask is not null && mask[local]) recorder.AddSpike(population.Index, neuron, step);
                    foreach (var p in _incomingPlastic[population.Index]) _plastic[p]!.OnPostSpike(local, step);
                }
                foreach (var p in _outgoing[population.Index])
                {
                    if (_plastic[p] is { } plastic) plastic.OnPreSpike(neuron, step);
                    else if (deliverStatic) DeliverStatic(p, neuron, step);
                }
            }
        }
        foreach (var plastic in _plastic) plastic?.EndStep(step);
        Neuromodulators.Relax();
        CurrentStep++;
    }

    public void DeliverStatic(long step, int population, ReadOnlySpan<int> sources)
    {
        foreach (var neuron in sources)
            foreach (var p in _outgoing[population])
                if (_plastic[p] is null) DeliverStatic(p, neuron, step);
    }

    private void DeliverStatic(int projection, int source, long step) => _static[projection]!.Deliver(source, step, _targetReceptor[projection]);

    private int GlobalIndex(int local) => _network.Partition?.ToGlobal(local) ?? local;
}
