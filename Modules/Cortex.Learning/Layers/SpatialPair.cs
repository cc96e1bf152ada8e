using System.Text.Json;
using Cortex.Learning.Registry;

namespace Cortex.Learning.Layers;

/// <summary>
/// A (height, width) hyperparameter of a 2-D layer (kernel, stride, padding). Configurations write it as
/// one number for both axes or as [height, width].
/// </summary>
public readonly record struct SpatialPair(long Height, long Width)
{
    /// <summary>The same value on both axes.</summary>
    public static SpatialPair Square(long size) => new(size, size);

    /// <summary>The pair as TorchSharp's long[] argument.</summary>
    public long[] ToArray() => [Height, Width];

    /// <inheritdoc />
    public override string ToString() => Height == Width ? $"{Height}" : $"{Height}x{Width}";

    /// <summary>
    /// Reads <paramref name="key"/> as a number or a [height, width] list, each at least <paramref name="min"/>;
    /// a missing key gives <paramref name="fallback"/>, or an error when that is null.
    /// </summary>
    public static SpatialPair Read(ConfigNode config, string key, long min, SpatialPair? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Has(key)) return fallback ?? throw config.Error(key, "is required");
        if (config.Element.GetProperty(key).ValueKind == JsonValueKind.Array)
        {
            var values = config.WholeNumbers(key);
            if (values.Count != 2) throw config.Error(key, $"expected one number or [height, width], got a list of {values.Count}");
            for (var i = 0; i < 2; i++)
            {
                if (values[i] < min) throw new LearningConfigException($"{config.Path}.{key}[{i}]: must be >= {min}, got {values[i]}");
            }
            return new SpatialPair(values[0], values[1]);
        }
        var value = config.WholeNumber(key, 0, int.MinValue, int.MaxValue);
        return value >= min ? Square(value) : throw config.Error(key, $"must be >= {min}, got {value}");
    }

    /// <summary>
    /// The output size of a sliding window along one axis (convolution and pooling, no dilation, floor mode):
    /// ⌊(n + 2·padding − kernel) / stride⌋ + 1, or 0 when the kernel does not fit the padded input.
    /// </summary>
    public static long SlidingOutput(long size, long kernel, long stride, long padding) =>
        size + 2 * padding < kernel ? 0 : ((size + 2 * padding - kernel) / stride) + 1;
}
