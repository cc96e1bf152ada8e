namespace Cortex.Recording;

/// <summary>
/// A sink whose first write is expensive (a file format's encoder compiled by the JIT on first use) and that can pay
/// that cost up front. The <see cref="Recorder"/> calls <see cref="WarmUp"/> on its consumer thread right after
/// <see cref="IRecordingSink.Open"/>, while the network is still being built, so the first simulated steps and the
/// last flush do not carry it.
/// </summary>
public interface IRecordingWarmUp
{
    /// <summary>Runs the write path once on dummy data without changing what the sink will write.</summary>
    void WarmUp();
}
