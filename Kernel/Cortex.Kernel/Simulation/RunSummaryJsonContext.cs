using System.Text.Json.Serialization;

namespace Cortex.Simulation;

/// <summary>
/// Compile-time JSON metadata for <c>summary.json</c>: the reflection-based serializer would JIT-compile and emit its
/// accessors at the end of every <c>cortex run</c>, a visible part of a short run's wall time.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;
