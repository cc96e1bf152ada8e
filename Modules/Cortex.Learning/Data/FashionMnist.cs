using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Data;

/// <summary>
/// Fashion-MNIST (Xiao et al. 2017): 60,000 training and 10,000 test grey-scale images of 28×28 pixels in
/// 10 clothing classes, read from the IDX files of the Debian package <c>dataset-fashion-mnist</c>.
/// Pixels become float32 [N, 1, 28, 28] scaled by 1/255.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that provides the files.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>
    /// Loads both splits from <paramref name="directory"/> (default <see cref="DefaultDirectory"/>); with
    /// <paramref name="limit"/>, only the first <c>limit</c> samples of each split (tiny CI configurations).
    /// </summary>
    public static DatasetSplit Load(string? directory = null, int? limit = null)
    {
        directory ??= DefaultDirectory;
        var train = LoadSplit(directory, "train", limit);
        try
        {
            return new DatasetSplit(train, LoadSplit(directory, "t10k", limit));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>Loads one split: <paramref name="prefix"/> is "train" or "t10k" as in the file names.</summary>
    public static LabeledDataset LoadSplit(string directory, string prefix, int? limit = null)
    {
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be >= 1");
        var imagesPath = Locate(directory, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Locate(directory, $"{prefix}-labels-idx1-ubyte");
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.ElementType != IdxElementType.UnsignedByte || images.Shape.Count != 3)
            throw new InvalidDataException($"{imagesPath}: expected unsigned-byte images [N, rows, columns], got {images.ElementType} [{string.Join(", ", images.Shape)}]");
        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Shape.Count != 1)
            throw new InvalidDataException($"{labelsPath}: expected unsigned-byte labels [N], got {labels.ElementType} [{string.Join(", ", labels.Shape)}]");
        if (images.Count != labels.Count)
            throw new InvalidDataException($"{imagesPath} has {images.Count} images but {labelsPath} has {labels.Count} labels");

        var count = Math.Min(images.Count, limit ?? int.MaxValue);
        var rows = images.Shape[1];
        var columns = images.Shape[2];
        var labelBytes = labels.Data.Span[..count];
        var labelValues = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (labelBytes[i] >= ClassCount)
                throw new InvalidDataException($"{labelsPath}: label {i} is {labelBytes[i]}, outside 0..{ClassCount - 1}");
            labelValues[i] = labelBytes[i];
        }

        using var scope = NewDisposeScope();
        using var pixels = tensor(images.Data[..(count * rows * columns)].ToArray(), [count, 1, rows, columns], ScalarType.Byte);
        var inputs = pixels.to_type(ScalarType.Float32).div_(255f).MoveToOuterDisposeScope();
        var labelTensor = tensor(labelValues, ScalarType.Int64).MoveToOuterDisposeScope();
        return new LabeledDataset($"fashion-mnist/{(prefix == "t10k" ? "test" : prefix)}", inputs, labelTensor, ClassCount);
    }

    private static string Locate(string directory, string name)
    {
        foreach (var candidate in new[] { Path.Combine(directory, name + ".gz"), Path.Combine(directory, name) })
        {
            if (File.Exists(candidate)) return candidate;
        }
        throw new DatasetMissingException("fashion-mnist", Path.Combine(directory, name + ".gz"), DebianPackage);
    }
}
