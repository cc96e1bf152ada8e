using Cortex.Learning.EventProp;
using Cortex.Learning.Registry;

namespace Cortex.Learning.Tests.EventProp;

/// <summary>What EventProp cannot train is refused with one message that starts at the offending JSON path.</summary>
public sealed class EventPropConfigTests
{
    private static string Error(string json) =>
        Assert.Throws<LearningConfigException>(() => EventPropConfig.Parse(json, "test", EventPropFixtures.Registry)).Message;

    private static string Layers(string third) => $$"""
        [{"type": "flatten"}, {"type": "linear", "out": 12}, {{third}}, {"type": "linear", "out": 2}, {"type": "lif"}]
        """;

    [Theory]
    [InlineData("""{"type": "plif"}""", "$.model.layers[2].type: ", "current-based LIF")]
    [InlineData("""{"type": "alif"}""", "$.model.layers[2].type: ", "current-based LIF")]
    [InlineData("""{"type": "if"}""", "$.model.layers[2].type: ", "current-based LIF")]
    [InlineData("""{"type": "plastic_rnn", "hidden": 4}""", "$.model.layers[2].type: ", "recurrent layers are not supported")]
    [InlineData("""{"type": "conv2d", "out": 4, "kernel": 3}""", "$.model.layers[2].type: ", "fully connected")]
    [InlineData("""{"type": "linear", "out": 3}""", "$.model.layers[2].type: ", "expected a \"lif\" layer")]
    [InlineData("""{"type": "lif", "tau_mem": 5, "tau_syn": 5}""", "$.model.layers[2].tau_syn: ", "must differ from tau_mem")]
    [InlineData("""{"type": "lif", "tau": 2}""", "$.model.layers[2].tau: ", "unknown key")]
    [InlineData("""{"type": "lif", "threshold": 0}""", "$.model.layers[2].threshold: ", "must be >")]
    public void AnUnsupportedLayer_IsNamedByItsPath(string third, string path, string reason)
    {
        var message = Error(EventPropFixtures.Config(layers: Layers(third)).Replace("[16]", "[1, 4, 4]", StringComparison.Ordinal));
        Assert.StartsWith(path, message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void AConvolutionFirst_IsNamed() =>
        Assert.StartsWith("$.model.layers[0].type: \"conv2d\" is not supported",
            Error(EventPropFixtures.Config(layers: """[{"type": "conv2d", "out": 4, "kernel": 3}, {"type": "lif"}]""")), StringComparison.Ordinal);

    [Fact]
    public void ALinearLayerWithoutNeurons_IsNamed() =>
        Assert.StartsWith("$.model.layers[2]: a linear layer must be followed by a \"lif\" layer",
            Error(EventPropFixtures.Config(layers: """[{"type": "linear", "out": 4}, {"type": "lif"}, {"type": "linear", "out": 2}]""")), StringComparison.Ordinal);

    [Fact]
    public void ABias_IsRefused() =>
        Assert.StartsWith("$.model.layers[0].bias: ",
            Error(EventPropFixtures.Config(layers: """[{"type": "linear", "out": 2, "bias": true}, {"type": "lif"}]""")), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"type": "direct"}""", "$.model.encoder.type: ")]
    [InlineData("""{"type": "poisson"}""", "$.model.encoder.type: ")]
    [InlineData("""{"type": "latency", "threshold": 2}""", "$.model.encoder.threshold: ")]
    public void ANonLatencyEncoder_IsNamed(string encoder, string path) =>
        Assert.StartsWith(path, Error(EventPropFixtures.Config(encoder: encoder)), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"trainer": "bptt", "epochs": 1, "batch_size": 4, "optimizer": {"type": "adam"}}""", "$.train.trainer: ")]
    [InlineData("""{"trainer": "eventprop", "epochs": 1, "batch_size": 4, "optimizer": {"type": "adam"}, "loss": "ce_mean"}""", "$.train.loss: ")]
    [InlineData("""{"trainer": "eventprop", "epochs": 1, "batch_size": 4, "optimizer": {"type": "adam"}, "tau0": 0}""", "$.train.tau0: ")]
    [InlineData("""{"trainer": "eventprop", "epochs": 1, "batch_size": 4, "optimizer": {"type": "rmsprop"}}""", "$.train.optimizer.type: ")]
    public void BadTrainSettings_AreNamed(string train, string path) =>
        Assert.StartsWith(path, Error(EventPropFixtures.Config(train: train)), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"input_window\": 10,", "\"input_window\": 1e300,", "$.model.input_window: ")]
    [InlineData("\"duration\": 40,", "\"duration\": 1e308,", "$.model.duration: ")]
    [InlineData("\"tau_mem\": 20, \"tau_syn\": 5, \"threshold\": 1}]", "\"tau_mem\": 1e308, \"tau_syn\": 5, \"threshold\": 1}]", "$.model.layers[3].tau_mem: ")]
    public void ATimeBeyondAThousandSeconds_IsNamed(string from, string to, string path)
    {
        var config = EventPropFixtures.Config();
        Assert.Contains(from, config, StringComparison.Ordinal);
        Assert.StartsWith(path, Error(config.Replace(from, to, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyConfigsNamingATrainer_AreEventPropConfigs()
    {
        Assert.True(EventPropConfig.Describes(EventPropFixtures.Config()));
        Assert.False(EventPropConfig.Describes("""{"data": {}, "model": {}, "train": {"epochs": 1}}"""));
        Assert.False(EventPropConfig.Describes("not json"));
    }

    [Fact]
    public void TheExampleConfigParses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "learning", "digits_eventprop.json");
        if (!File.Exists(path)) path = Path.Combine(FindRepositoryRoot(), "examples", "learning", "digits_eventprop.json");
        var config = EventPropConfig.Load(path, EventPropFixtures.Registry);
        Assert.Equal(64, config.Model.InputCount);
        Assert.Equal(10, config.Model.Layers[^1].Neurons);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cortex.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
