using Cortex.Backends;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Recording;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One run on the CPU backend, following the reference backend's step order exactly (see
/// <c>ReferenceSession</c>): probes, plastic arrivals, stimuli, fused receptor + neuron update,
/// spikes (post-synaptic plasticity, then delivery), post-trace decay. Delivery is serial, in the
/// reference order, so sums are bit-identical; only the neuron update of large populations is split
/// over threads, in fixed chunks.
/// </summary>
internal sealed class CpuSession : ISimulationSession, IArrivalSlots, ISynapseMemoryReport
{
    private readonly CompiledNetwork _network;
    private readonly CpuPopulation[] _populations;
    private readonly PlasticProjectionState?[] _plastic;
    private readonly CompactSynapses?[] _static;
    private readonly int[][] _outgoing;
    private readonly int[][] _incomingPlastic;
    private readonly StimulusDriver _stimuli;
    private readonly bool _hasDc;
    private readonly long[] _spikeCounts;
    private readonly WorkerPool? _pool;
    private readonly int _parallelMinNeurons;

    public CpuSession(CompiledNetwork network, BackendOptions options, int parallelMinNeurons)
    {
        _parallelMinNeurons = parallelMinNeurons;
        _network = network;
        var ringLength = network.MaxDelaySteps + 1;
        _populations = [.. network.Populations.Select(p => new CpuPopulation(p, network.Dt, ringLength))];
        _plastic = [.. network.Projections.Select(p => p.Plasticity is null ? null : new PlasticProjectionState(p, network))];
        _static = [.. network.Projections.Select(p => p.Plasticity is null ? new CompactSynapses(p.Table, network.Populations[p.Target].Size) : null)];
        _outgoing = [.. network.Populations.Select(pop => network.Projections.Select((p, i) => (p, i)).Where(x => x.p.Source == pop.Index).Select(x => x.i).ToArray())];
        _incomingPlastic = [.. network.Populations.Select(pop => network.Projections.Select((p, i) => (p, i)).Where(x => x.p.Target == pop.Index && x.p.Plasticity is not null).Select(x => x.i).ToArray())];
        _stimuli = new StimulusDriver(network);
        _hasDc = _stimuli.HasDc;
        _spikeCounts = new long[network.Populations.Count];
        if (options.Threads > 1 && network.Populations.Any(p => p.Size >= parallelMinNeurons)) _pool = new WorkerPool(options.Threads);
    }

    public long CurrentStep { get; private set; }

    public IReadOnlyList<long> SpikeCounts => _spikeCounts;

    /// <summary>Bytes of static synapse tables plus the receptors' arrival rings, touch lists and states.</summary>
    public long SynapseBytes => _static.Sum(s => s?.Bytes ?? 0) + _populations.Sum(p => p.ReceptorBytes);

    public ReadOnlySpan<float> GetWeights(int projection) =>
        _plastic[projection] is { } plastic ? plastic.Weights : _network.Projections[projection].Table.Weights;

    public Span<float> Slot(int population, int receptor, long step) => _populations[population].Slot(receptor, step);

    public void Advance(int steps, Recorder recorder)
    {
        for (var i = 0; i < steps && CurrentStep < _network.Steps; i++)
        {
            StepOnce(CurrentStep, recorder);
            CurrentStep++;
        }
    }

    private void StepOnce(long step, Recorder recorder)
    {
        SampleProbes(step, recorder);
        for (var p = 0; p < _plastic.Length; p++)
        {
            if (_plastic[p] is not { } plastic) continue;
            var projection = _network.Projections[p];
            plastic.Arrive(step, Slot(projection.Target, projection.Receptor, step));
        }
        if (_network.Stimuli.Count > 0) _stimuli.Apply(step, this);

        foreach (var population in _populations)
            population.Update(step, _hasDc ? _stimuli.DcCurrent(population.Index) : null,
                population.Size >= _parallelMinNeurons ? _pool : null);

        foreach (var population in _populations)
        {
            var mask = _network.SpikeRecordMasks[population.Index];
            var spikes = population.Spikes;
            _spikeCounts[population.Index] += population.SpikeCount;
            for (var k = 0; k < population.SpikeCount; k++)
            {
                var neuron = spikes[k];
                if (mask is not null && mask[neuron]) recorder.AddSpike(population.Index, neuron, step);
                foreach (var p in _incomingPlastic[population.Index]) _plastic[p]!.OnPostSpike(neuron, step);
                foreach (var p in _outgoing[population.Index])
                {
                    if (_plastic[p] is { } plastic)
                    {
                        plastic.OnPreSpike(neuron, step);
                        continue;
                    }
                    var projection = _network.Projections[p];
                    _static[p]!.Deliver(neuron, step, _populations[projection.Target].Receptor(projection.Receptor));
                }
            }
        }

        foreach (var plastic in _plastic) plastic?.DecayPostTraces();
    }

    private void SampleProbes(long step, Recorder recorder)
    {
        for (var i = 0; i < _network.StateProbes.Count; i++)
        {
            var probe = _network.StateProbes[i];
            if (step % probe.IntervalSteps != 0) continue;
            var kernel = _populations[probe.Population].Kernel;
            foreach (var neuron in probe.Neurons) recorder.AddSample(i, neuron, step, kernel.Get(probe.Variable, neuron));
        }
    }

    public void Dispose() => _pool?.Dispose();
}
