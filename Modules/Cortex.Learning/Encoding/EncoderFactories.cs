using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Encoding;

/// <summary>Registers the built-in input encoders.</summary>
public static class EncoderFactories
{
    /// <summary>Adds every built-in encoder to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
