using Cortex.Learning.Data;

namespace Cortex.Learning.Tests;

/// <summary>The real files from the Debian packages, checked against their published sizes.</summary>
public sealed class RealDatasetTests
{
    [DatasetFact("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", FashionMnist.DebianPackage)]
    public void Fashion_mnist_has_60000_train_and_10000_test_images_of_28x28_with_10_balanced_classes()
    {
        using var split = FashionMnist.Load();
        Assert.Equal([60000L, 1, 28, 28], split.Train.Inputs.shape);
        Assert.Equal([10000L, 1, 28, 28], split.Test.Inputs.shape);
        // Fashion-MNIST is balanced: 6000 train and 1000 test images per class.
        Assert.All(split.Train.LabelArray().CountBy(l => l), pair => Assert.Equal(6000, pair.Value));
        Assert.All(split.Test.LabelArray().CountBy(l => l), pair => Assert.Equal(1000, pair.Value));
        Assert.Equal(10, split.Train.LabelArray().Distinct().Count());
        Assert.Equal(0f, split.Train.Inputs.min().item<float>());
        Assert.Equal(1f, split.Train.Inputs.max().item<float>());
    }

    [DatasetFact(SklearnDigits.DefaultPath, SklearnDigits.DebianPackage)]
    public void Sklearn_digits_has_1797_samples_in_10_classes()
    {
        using var all = SklearnDigits.LoadAll(SklearnDigits.DefaultPath);
        Assert.Equal([1797L, 1, 8, 8], all.Inputs.shape);
        var labels = all.LabelArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), labels.Distinct().Order());
        // sklearn documents 178 zeros (load_digits class counts range 174-183).
        Assert.Equal(178, labels.Count(l => l == 0));
        using var split = SklearnDigits.Load();
        Assert.Equal(1797, split.Train.Count + split.Test.Count);
        Assert.InRange(split.Test.Count, 355, 365);
    }
}
