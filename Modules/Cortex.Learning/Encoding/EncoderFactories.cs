using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Registers the built-in input encoders. Configuration keys (besides <c>type</c>):
/// direct: none; poisson: <c>gain</c> (≥ 0, default 1); latency: <c>mode</c> ("linear" | "log"),
/// <c>threshold</c> ([0, 1), default 0.01), <c>tau</c> (steps, &gt; 0, default 5, log mode);
/// phase: <c>bits</c> (1–16, default 8); population: <c>neurons</c> (≥ 2, default 8), <c>sigma</c>
/// (&gt; 0, default 1/(neurons − 1)), <c>gain</c> ([0, 1], default 1), <c>output</c> ("spikes" | "rates").
/// </summary>
public static class EncoderFactories
{
    /// <summary>Adds every built-in encoder to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddEncoder("direct", "analog input repeated over time (the first layer encodes)", _ => new DirectEncoder());
        services.AddEncoder("poisson", "rate coding: Bernoulli spikes with probability x*gain per step",
            config => new PoissonEncoder(config.Number("gain", 1, 0)));
        services.AddEncoder("latency", "time-to-first-spike: one spike per input, brighter earlier", Latency);
        services.AddEncoder("phase", "phase coding with weighted spikes (Kim et al. 2018)",
            config => new PhaseEncoder(config.WholeNumber("bits", 8, 1, 16)));
        services.AddEncoder("population", "Gaussian receptive fields: n neurons per input", Population);
    }

    private static LatencyEncoder Latency(ConfigNode config)
    {
        var mode = config.Text("mode", "linear") switch
        {
            "linear" => LatencyMode.Linear,
            "log" => LatencyMode.Logarithmic,
            var other => throw config.Error("mode", $"expected \"linear\" or \"log\", got \"{other}\""),
        };
        var threshold = config.Number("threshold", 0.01, 0);
        if (threshold >= 1) throw config.Error("threshold", $"must be < 1, got {threshold}");
        return new LatencyEncoder(mode, threshold, config.Number("tau", 5, 0, exclusiveMin: true));
    }

    private static PopulationEncoder Population(ConfigNode config)
    {
        var neurons = config.WholeNumber("neurons", 8, 2, int.MaxValue);
        double? sigma = config.Has("sigma") ? config.Number("sigma", 0, 0, exclusiveMin: true) : null;
        var output = config.Text("output", "spikes") switch
        {
            "spikes" => PopulationOutput.Spikes,
            "rates" => PopulationOutput.Rates,
            var other => throw config.Error("output", $"expected \"spikes\" or \"rates\", got \"{other}\""),
        };
        return new PopulationEncoder(neurons, sigma, config.Number("gain", 1, 0, 1), output);
    }
}
