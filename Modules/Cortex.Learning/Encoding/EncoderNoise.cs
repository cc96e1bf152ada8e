using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Uniform noise for stochastic encoders, drawn from the encoder's generator on that generator's device (libtorch
/// makes CPU generators only) and then moved to the batch's device, so a GPU run draws the same numbers as a CPU run.
/// </summary>
internal static class EncoderNoise
{
    /// <summary>U[0, 1) of <paramref name="shape"/> from <paramref name="generator"/> (torch's default when null), on <paramref name="device"/>.</summary>
    public static Tensor Uniform(long[] shape, Generator? generator, Device device)
    {
        var source = generator?.device ?? device;
        var uniform = rand(shape, ScalarType.Float32, source, generator: generator);
        return source.type == device.type && source.index == device.index ? uniform : uniform.to(device);
    }
}
