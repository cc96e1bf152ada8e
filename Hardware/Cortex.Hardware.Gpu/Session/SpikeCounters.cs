using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>The device counters of every population's spike lists (one entry per population) and where each step's record ends.</summary>
internal sealed class SpikeCounters : IDisposable
{
    public SpikeCounters(Accelerator accelerator, int populations, int chunkSteps)
    {
        var count = Math.Max(1, populations);
        StepCounts = accelerator.Allocate1D<int>(count);
        RecordCounts = accelerator.Allocate1D<int>(count);
        FirstNonFinite = accelerator.Allocate1D<long>(count);
        StepEnds = accelerator.Allocate1D<int>(count * chunkSteps);
        ChunkSteps = chunkSteps;
        StepCounts.MemSetToZero();
        StepEnds.MemSetToZero();
    }

    public int ChunkSteps { get; }

    public MemoryBuffer1D<int, ILGPU.Stride1D.Dense> StepCounts { get; }

    public MemoryBuffer1D<int, ILGPU.Stride1D.Dense> RecordCounts { get; }

    public MemoryBuffer1D<long, ILGPU.Stride1D.Dense> FirstNonFinite { get; }

    /// <summary>[population · chunkSteps + step in chunk]: the record count after that step.</summary>
    public MemoryBuffer1D<int, ILGPU.Stride1D.Dense> StepEnds { get; }

    public long Bytes => StepCounts.LengthInBytes + RecordCounts.LengthInBytes + FirstNonFinite.LengthInBytes + StepEnds.LengthInBytes;

    public void Dispose()
    {
        StepCounts.Dispose();
        RecordCounts.Dispose();
        FirstNonFinite.Dispose();
        StepEnds.Dispose();
    }
}
