using Cortex.Learning.Memristive;
using Cortex.Learning.Training;

namespace Cortex.Learning.Tests.Memristive;

/// <summary>A network of memristive synapses and memristive neurons trains with BPTT, repeatably, keeping its devices in range.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class MemristiveTrainingTests
{
    private const string Layers = """
        [{"type":"memristive_linear","out":16,"g_min":1,"g_max":100,"read_noise":0.02},
         {"type":"memristive_neuron","tau":2,"tau_memristor":1},
         {"type":"memristive_linear","out":3,"levels":64}]
        """;

    [TorchFact]
    public void FullyMemristiveNetwork_LearnsTheProblem_IsDeterministic_AndKeepsItsConductancesInRange()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(layers: Layers, epochs: 6, optimizer: """{"type":"adam","lr":0.1}"""), "memristive");
        (double Accuracy, float[] States) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            var hidden = (MemristiveLinear)trainer.Network.Layers[0].Module;
            var (gPlus, gMinus) = hidden.Conductances();
            Assert.All(gPlus.data<float>().Concat(gMinus.data<float>()), g => Assert.InRange(g, 1f, 100f));
            return (accuracy, hidden.PositiveState.data<float>().ToArray());
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.9, $"test accuracy {first.Accuracy}");
        Assert.Equal(first.Accuracy, second.Accuracy);
        Assert.Equal(first.States, second.States);   // read noise drawn from the seeded generator: the same run twice
    }
}
