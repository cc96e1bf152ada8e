namespace Cortex.Backends;

/// <summary>
/// A session on an accelerator that can say which device it runs on and how many bytes of that device's memory it holds
/// (the device-memory column of <c>cortex bench</c>, beside the host's peak memory).
/// </summary>
public interface IDeviceMemoryReport
{
    /// <summary>The device's id and name as <see cref="IBackend.Devices"/> lists it (e.g. "cuda:0 NVIDIA H100").</summary>
    string DeviceName { get; }

    /// <summary>Bytes of device memory the session has allocated (state, synapse tables, ring buffers, recording buffers).</summary>
    long DeviceBytes { get; }
}
