using Cortex.Compilation;
using Cortex.Recording;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>
/// State probes on the device: at each sampling step a gather kernel copies the probed neurons' variable into the chunk's
/// sample buffer; at the chunk's end the samples go to the host and the recorder, step by step.
/// </summary>
internal sealed class ProbeBuffers : IDisposable
{
    private readonly IReadOnlyList<CompiledStateProbe> _probes;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>[] _neurons;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>[] _values;
    private readonly List<long>[] _sampledSteps;

    public ProbeBuffers(Accelerator accelerator, IReadOnlyList<CompiledStateProbe> probes, int chunkSteps)
    {
        _probes = probes;
        _neurons = [.. probes.Select(p => accelerator.Allocate1D(p.Neurons.Length == 0 ? [0] : p.Neurons))];
        // A chunk of c steps holds at most ⌈c / interval⌉ + 1 sampling steps.
        _values = [.. probes.Select(p => accelerator.Allocate1D<float>(Math.Max(1L, (long)p.Neurons.Length * (chunkSteps / p.IntervalSteps + 2))))];
        _sampledSteps = [.. probes.Select(_ => new List<long>())];
    }

    public long Bytes => _neurons.Sum(b => b.LengthInBytes) + _values.Sum(b => b.LengthInBytes);

    /// <summary>Gathers the probes due at <paramref name="step"/> (before the step's update).</summary>
    public void Sample(long step, GpuPopulation[] populations)
    {
        for (var i = 0; i < _probes.Count; i++)
        {
            var probe = _probes[i];
            if (step % probe.IntervalSteps != 0 || probe.Neurons.Length == 0) continue;
            var offset = (long)_sampledSteps[i].Count * probe.Neurons.Length;
            populations[probe.Population].Gather(_neurons[i].View.SubView(0, probe.Neurons.Length), probe.Variable, _values[i].View.SubView(offset, probe.Neurons.Length));
            _sampledSteps[i].Add(step);
        }
    }

    /// <summary>The chunk's samples of every probe (call after the device finished).</summary>
    public float[][] Download()
    {
        var result = new float[_probes.Count][];
        for (var i = 0; i < _probes.Count; i++)
        {
            result[i] = new float[_sampledSteps[i].Count * _probes[i].Neurons.Length];
            DeviceCopy.Download<float>(_values[i].View, result[i]);
        }
        return result;
    }

    /// <summary>Hands <paramref name="recorder"/> the samples taken at <paramref name="step"/>.</summary>
    public void Record(long step, float[][] samples, Recorder recorder)
    {
        for (var i = 0; i < _probes.Count; i++)
        {
            var index = _sampledSteps[i].IndexOf(step);
            if (index < 0) continue;
            var neurons = _probes[i].Neurons;
            for (var k = 0; k < neurons.Length; k++) recorder.AddSample(i, neurons[k], step, samples[i][index * neurons.Length + k]);
        }
    }

    /// <summary>Starts a new chunk.</summary>
    public void Reset()
    {
        foreach (var steps in _sampledSteps) steps.Clear();
    }

    public void Dispose()
    {
        foreach (var buffer in _neurons) buffer.Dispose();
        foreach (var buffer in _values) buffer.Dispose();
    }
}
