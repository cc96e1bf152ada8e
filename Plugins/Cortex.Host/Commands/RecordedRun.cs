using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Host.Commands;

/// <summary>What <see cref="RunPipeline"/> leaves after a run: its summary and the spikes it recorded (read back once).</summary>
internal sealed record RecordedRun(RunSummary Summary, IReadOnlyList<SpikeRecord> Spikes);
