using Cortex.Learning.Encoding;
using Cortex.Learning.Registry;

namespace Cortex.Learning.Tests;

public sealed class EncoderRegistrationTests
{
    private static readonly LearningRegistry Registry = LearningRegistry.BuiltIn();

    private static ISpikeEncoder Create(string json) => Registry.CreateEncoder(ConfigNode.Parse(json, "encoder"));

    [Fact]
    public void Every_built_in_encoder_is_registered()
    {
        Assert.Equal(["direct", "latency", "phase", "poisson", "population", "rows", "sequence"], Registry.Encoders.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_are_read_from_the_configuration()
    {
        Assert.Equal(0.5, Assert.IsType<PoissonEncoder>(Create("""{"type": "poisson", "gain": 0.5}""")).Gain);
        var latency = Assert.IsType<LatencyEncoder>(Create("""{"type": "latency", "mode": "log", "tau": 3, "threshold": 0.1}"""));
        Assert.Equal((LatencyMode.Logarithmic, 3.0, 0.1), (latency.Mode, latency.Tau, latency.Threshold));
        Assert.Equal(4, Assert.IsType<PhaseEncoder>(Create("""{"type": "phase", "bits": 4}""")).Bits);
        var population = Assert.IsType<PopulationEncoder>(Create("""{"type": "population", "neurons": 6, "sigma": 0.1, "output": "rates"}"""));
        Assert.Equal((6, 0.1, PopulationOutput.Rates), (population.Neurons, population.Sigma, population.Output));
        Assert.Equal(0.2, Assert.IsType<PopulationEncoder>(Create("""{"type": "population", "neurons": 6}""")).Sigma, 12);
    }

    [Theory]
    [InlineData("""{"type": "poisson", "gain": -1}""", "encoder.gain: must be >= 0")]
    [InlineData("""{"type": "poisson", "rate": 1}""", "encoder.rate: unknown key")]
    [InlineData("""{"type": "latency", "mode": "cubic"}""", "encoder.mode: expected \"linear\" or \"log\"")]
    [InlineData("""{"type": "latency", "threshold": 1}""", "encoder.threshold: must be < 1")]
    [InlineData("""{"type": "phase", "bits": 0}""", "encoder.bits: must be between 1 and 16")]
    [InlineData("""{"type": "population", "neurons": 1}""", "encoder.neurons: must be between 2")]
    [InlineData("""{"type": "rate"}""", "encoder.type: unknown encoder 'rate'")]
    public void Invalid_options_name_the_key(string json, string message) =>
        Assert.Contains(message, Assert.Throws<LearningConfigException>(() => Create(json)).Message, StringComparison.Ordinal);
}
