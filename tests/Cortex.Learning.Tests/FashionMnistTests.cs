using Cortex.Learning.Data;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class FashionMnistTests
{
    private static void WriteSplit(string directory, string prefix, byte[] images, int count, byte[] labels)
    {
        File.WriteAllBytes(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.Idx(0x08, [count, 2, 2], images)));
        File.WriteAllBytes(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.Idx(0x08, [labels.Length], labels)));
    }

    [TorchFact]
    public void Loads_a_small_directory_scaling_pixels_by_one_over_255()
    {
        var directory = Directory.CreateTempSubdirectory("fmnist").FullName;
        try
        {
            WriteSplit(directory, "train", [0, 255, 51, 102, 10, 20, 30, 40, 50, 60, 70, 80], 3, [0, 9, 4]);
            WriteSplit(directory, "t10k", [255, 255, 255, 255], 1, [2]);
            using var split = FashionMnist.Load(directory);
            Assert.Equal([3L, 1, 2, 2], split.Train.Inputs.shape);
            Assert.Equal(0.2f, split.Train.Inputs[0, 0, 1, 0].item<float>(), 6);
            Assert.Equal(1f, split.Train.Inputs[0, 0, 0, 1].item<float>());
            Assert.Equal([0L, 9, 4], split.Train.LabelArray());
            Assert.Equal(1, split.Test.Count);

            using var limited = FashionMnist.Load(directory, limit: 2);
            Assert.Equal(2, limited.Train.Count);
            Assert.Equal([0L, 9], limited.Train.LabelArray());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TorchFact]
    public void Image_and_label_count_mismatch_names_both_files()
    {
        var directory = Directory.CreateTempSubdirectory("fmnist").FullName;
        try
        {
            WriteSplit(directory, "train", new byte[8], 2, [1, 2, 3]);
            var error = Assert.Throws<InvalidDataException>(() => FashionMnist.LoadSplit(directory, "train"));
            Assert.Contains("train-images-idx3-ubyte.gz has 2 images", error.Message, StringComparison.Ordinal);
            Assert.Contains("train-labels-idx1-ubyte.gz has 3 labels", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Missing_files_name_the_file_the_package_and_cortex_train()
    {
        var error = Assert.Throws<DatasetMissingException>(() => FashionMnist.Load("/nonexistent/fmnist"));
        Assert.Contains("/nonexistent/fmnist/train-images-idx3-ubyte.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains("./cortex train", error.Message, StringComparison.Ordinal);
    }
}
