using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sequences;

/// <summary>
/// Whole row-sequential networks: the three example configs (ALIF, LIF, LSTM) build with the parameter counts their
/// descriptions state (the LSTM within 2 % of the spiking net), and a recurrent ALIF network learns a task whose
/// answer is only in the first row, the same way twice.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class RowSequentialNetworkTests
{
    private static string ExampleModel(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", "learning", name);
            if (File.Exists(path))
            {
                using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
                return document.RootElement.GetProperty("model").GetRawText();
            }
        }
        throw new FileNotFoundException($"examples/learning/{name} not found above {AppContext.BaseDirectory}");
    }

    private static long Parameters(string example)
    {
        using var network = SpikingNetwork.FromJson(ExampleModel(example), LearningRegistry.BuiltIn());
        return network.parameters().Sum(p => p.numel());
    }

    [TorchFact]
    public void ExampleNetworks_HaveTheStatedParameterCounts_TheLstmWithinTwoPercent()
    {
        // 28 inputs, 128 recurrent neurons, 10 classes: 28·128 + 128 + 128² + 128·10 + 10.
        const long Spiking = (28 * 128) + 128 + (128 * 128) + (128 * 10) + 10;
        // 59 LSTM units: 4·59·(28 + 59) + 8·59, then 59·10 + 10.
        const long Lstm = (4 * 59 * (28 + 59)) + (8 * 59) + (59 * 10) + 10;
        Assert.Equal(21_386, Spiking);
        Assert.Equal(21_604, Lstm);
        Assert.Equal(Spiking, Parameters("fashion_rows_alif.json"));
        Assert.Equal(Spiking, Parameters("fashion_rows_lif.json"));
        Assert.Equal(Lstm, Parameters("fashion_rows_lstm.json"));
        Assert.True(Math.Abs(Lstm - Spiking) < 0.02 * Spiking);
    }

    [TorchFact]
    public void RecurrentAlifNetwork_LearnsAnAnswerShownOnlyInTheFirstRow_Deterministically()
    {
        var (first, accuracy) = Train();
        var (second, _) = Train();
        Assert.Equal(first, second);
        Assert.True(accuracy >= 0.8, $"test accuracy {accuracy}");
    }

    // Images [1, 6, 4]: row 0 is the pattern 1100 (class 0) or 0011 (class 1), rows 1–5 uniform noise in [0, 0.5].
    private static (float[] Weights, double Accuracy) Train()
    {
        const string Model = """
            {"input_shape":[1,6,4],"steps":6,"encoder":{"type":"rows"},"layers":[
              {"type":"recurrent","out":16,"neuron":{"type":"alif","tau":3,"tau_adaptation":10,"adaptation":0.2,"threshold":0.3}},
              {"type":"last_step","tau":2},
              {"type":"linear","out":2}]}
            """;
        random.manual_seed(7);
        using var network = SpikingNetwork.FromJson(Model, LearningRegistry.BuiltIn());
        using var generator = new Generator(8);
        (Tensor Images, Tensor Labels) Batch(int size)
        {
            var labels = randint(0, 2, [size], generator: generator);
            var images = rand([size, 1, 6, 4], generator: generator) * 0.5;
            using var pattern = stack([tensor(new float[] { 1, 1, 0, 0 }), tensor(new float[] { 0, 0, 1, 1 })]);
            images[TensorIndex.Colon, 0, 0] = pattern.index_select(0, labels);
            return (images, labels);
        }
        var loss = new MeanOutputCrossEntropyLoss();
        using var optimizer = optim.Adam(network.parameters(), lr: 0.02);
        for (var step = 0; step < 60; step++)
        {
            using var scope = NewDisposeScope();
            var (images, labels) = Batch(32);
            optimizer.zero_grad();
            loss.Compute(network.call(images), labels).backward();
            optimizer.step();
        }
        using var evaluation = NewDisposeScope();
        var (testImages, testLabels) = Batch(200);
        using var guard = no_grad();
        var accuracy = TrainingLoss.Predict(network.call(testImages)).eq(testLabels).to(float64).mean().item<double>();
        return ([.. network.parameters().SelectMany(p => p.data<float>().ToArray())], accuracy);
    }
}
