namespace Cortex.Host.Commands.Bench;

/// <summary>One measured network size of <c>cortex bench cuba</c>.</summary>
internal sealed record BenchRow(
    int Neurons, long Synapses, string Backend, int Threads, double BuildSeconds, double SimulateSeconds,
    double RealTimeFactor, long Spikes, double MeanRateHz, double BytesPerSynapse, double PeakRssMb);
