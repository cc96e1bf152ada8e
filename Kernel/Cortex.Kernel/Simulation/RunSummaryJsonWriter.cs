using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cortex.Simulation;

/// <summary>
/// Writes <c>summary.json</c> with <see cref="Utf8JsonWriter"/>: the same indented snake_case text as the
/// source-generated <see cref="RunSummaryJsonContext"/> (which still reads it), without the generic serializer
/// instantiations (about ninety methods) that the JIT compiled at the end of every <c>cortex run</c>.
/// </summary>
internal static class RunSummaryJsonWriter
{
    public static string Write(RunSummary summary)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("network", summary.Network);
            writer.WriteString("backend", summary.Backend);
            writer.WriteNumber("threads", summary.Threads);
            writer.WriteNumber("seed", summary.Seed);
            writer.WriteNumber("dt_ms", summary.DtMs);
            writer.WriteNumber("steps", summary.Steps);
            writer.WriteNumber("duration_ms", summary.DurationMs);
            writer.WriteNumber("synapses", summary.Synapses);
            writer.WriteNumber("build_seconds", summary.BuildSeconds);
            writer.WriteNumber("simulation_seconds", summary.SimulationSeconds);
            writer.WriteNumber("real_time_factor", summary.RealTimeFactor);
            writer.WriteStartArray("populations");
            foreach (var population in summary.Populations)
            {
                writer.WriteStartObject();
                writer.WriteString("name", population.Name);
                writer.WriteNumber("size", population.Size);
                writer.WriteNumber("spikes", population.Spikes);
                writer.WriteNumber("rate_hz", population.RateHz);
                if (population.IsiCv is { } cv) writer.WriteNumber("isi_cv", cv);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("mean_rate_hz", summary.MeanRateHz);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
