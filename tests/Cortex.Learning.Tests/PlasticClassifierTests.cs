using Cortex.Learning.Plasticity;
using Cortex.Learning.Training;

namespace Cortex.Learning.Tests;

/// <summary>
/// <c>plastic_rnn</c> as one layer of an ordinary classifier config: the trainer learns through it, its α and η
/// learn, and a checkpoint restores them. Trainer runs seed torch's global generator, so these run alone.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class PlasticClassifierTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cortex-plastic-tests-{Guid.NewGuid():N}");

    public PlasticClassifierTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [TorchFact]
    public void A_classifier_with_a_plastic_layer_learns_and_its_checkpoint_keeps_alpha_and_eta()
    {
        using var train = TrainingFixtures.Separable(90, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        var registry = TrainingFixtures.Registry();
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"plastic_rnn","hidden":12,"eta":0.1,"init_scale":0.1},{"type":"linear","out":3}]""", epochs: 6), "plastic");
        using var trainer = Trainer.Create(config, registry);
        var layer = Assert.IsType<PlasticRecurrentLayer>(trainer.Network.Layers[0].Module);
        var alphaBefore = layer.Alpha!.data<float>().ToArray();
        var etaBefore = layer.Eta!.item<float>();

        var history = trainer.Run(train, test);
        Assert.True(history[^1].TestAccuracy >= 0.9, $"test accuracy {history[^1].TestAccuracy}");
        Assert.NotEqual(alphaBefore, layer.Alpha.data<float>().ToArray());
        Assert.NotEqual(etaBefore, layer.Eta.item<float>());

        var path = Path.Combine(_directory, "plastic.ckpt");
        TrainingCheckpoint.Save(path, trainer);
        using var checkpoint = TrainingCheckpoint.Load(path, registry);
        var restored = Assert.IsType<PlasticRecurrentLayer>(checkpoint.Network.Layers[0].Module);
        Assert.Equal(layer.Alpha.data<float>().ToArray(), restored.Alpha!.data<float>().ToArray());
        Assert.Equal(layer.Eta.item<float>(), restored.Eta!.item<float>());
    }
}
