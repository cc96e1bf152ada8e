namespace Cortex.Backends;

/// <summary>
/// A device a backend can run on: an id for <c>--device</c>, a name for listings, its memory in bytes
/// (0 when unknown) and whether it is an accelerator worth choosing for speed (a GPU) rather than a
/// stand-in used for tests (e.g. ILGPU's CPU accelerator).
/// </summary>
public sealed record BackendDevice(string Id, string Name, long MemoryBytes, bool IsAccelerator)
{
    /// <summary>The machine's own processor and the memory the runtime may use.</summary>
    public static BackendDevice HostProcessor() =>
        new("cpu", $"{Environment.ProcessorCount} logical cores", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, IsAccelerator: false);
}
