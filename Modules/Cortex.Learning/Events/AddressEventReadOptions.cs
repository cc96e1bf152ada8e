namespace Cortex.Learning.Events;

/// <summary>How <see cref="AddressEventFile"/> validates a recording.</summary>
/// <param name="Width">Sensor width; events with x ≥ it are errors (N-MNIST: 34).</param>
/// <param name="Height">Sensor height; events with y ≥ it are errors (N-MNIST: 34).</param>
/// <param name="SortByTime">
/// False (default): a timestamp smaller than its predecessor's is an error, since the format stores events
/// in the order the camera emitted them and a decrease means a damaged or different file. True: such
/// files are stably sorted by time instead.
/// </param>
public sealed record AddressEventReadOptions(int Width = 34, int Height = 34, bool SortByTime = false)
{
    /// <summary>N-MNIST's 34×34 sensor, strict time order.</summary>
    public static AddressEventReadOptions NMnist { get; } = new();
}
