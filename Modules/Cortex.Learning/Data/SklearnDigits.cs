using System.Globalization;
using System.IO.Compression;
using Cortex.Input;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Data;

/// <summary>
/// scikit-learn's 8×8 handwritten digits (the UCI optical digits test set): 1797 images of 8×8 pixels with
/// values 0–16, labels 0–9, from the <c>digits.csv.gz</c> that the Debian package <c>python3-sklearn</c>
/// ships (64 pixel values then the label on each comma-separated row). Pixels become float32
/// [N, 1, 8, 8] scaled by 1/16. The dataset has no standard split: <see cref="Load"/> makes a seeded
/// stratified split (default 20 % test, seed 0) with <see cref="StratifiedSplit"/>.
/// </summary>
public static class SklearnDigits
{
    /// <summary>Where the Debian package installs the file.</summary>
    public const string DefaultPath = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

    /// <summary>The Debian package that provides it.</summary>
    public const string DebianPackage = "python3-sklearn";

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Pixels per image side.</summary>
    public const int Side = 8;

    /// <summary>The largest pixel value in the file.</summary>
    public const int MaxPixel = 16;

    /// <summary>
    /// Loads the file at <paramref name="path"/> (default <see cref="DefaultPath"/>), keeps the first
    /// <paramref name="limit"/> rows when given, and splits it stratified by class with
    /// <paramref name="testFraction"/> and <paramref name="seed"/>.
    /// </summary>
    public static DatasetSplit Load(string? path = null, double testFraction = 0.2, ulong seed = 0, int? limit = null)
    {
        path ??= DefaultPath;
        if (!InputFile.Exists(path, "dataset file", InputFile.BinaryCap)) throw new DatasetMissingException("sklearn-digits", path, DebianPackage);
        using var all = LoadAll(path, limit);
        var (train, test) = StratifiedSplit.Create(all.LabelArray(), testFraction, seed);
        var trainSet = all.Subset(train, "sklearn-digits/train");
        return new DatasetSplit(trainSet, all.Subset(test, "sklearn-digits/test"));
    }

    /// <summary>All rows of the file as one dataset (no split).</summary>
    public static LabeledDataset LoadAll(string path, int? limit = null)
    {
        InputFile.Check(path, "dataset file", InputFile.BinaryCap);
        using var file = File.OpenRead(path);
        using var text = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        return Parse(text, path, limit);
    }

    /// <summary>Parses the CSV text in <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static LabeledDataset Parse(Stream stream, string source, int? limit = null)
    {
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be >= 1");
        const int columns = Side * Side + 1;
        var pixels = new List<float>();
        var labels = new List<long>();
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line && labels.Count < (limit ?? int.MaxValue))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != columns)
                throw new InvalidDataException($"{source}:{lineNumber}: expected {columns} comma-separated values (64 pixels and the label), got {fields.Length}");
            for (var c = 0; c < columns; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value != Math.Floor(value))
                    throw new InvalidDataException($"{source}:{lineNumber}: column {c + 1} is '{fields[c]}', not a whole number");
                var max = c < columns - 1 ? MaxPixel : ClassCount - 1;
                if (value < 0 || value > max)
                    throw new InvalidDataException($"{source}:{lineNumber}: column {c + 1} is {fields[c]}, outside 0..{max}");
                if (c < columns - 1) pixels.Add((float)(value / MaxPixel));
                else labels.Add((long)value);
            }
        }
        if (labels.Count == 0) throw new InvalidDataException($"{source}: no rows");
        using var scope = NewDisposeScope();
        var inputs = tensor(pixels.ToArray(), [labels.Count, 1, Side, Side], ScalarType.Float32).MoveToOuterDisposeScope();
        var labelTensor = tensor(labels.ToArray(), ScalarType.Int64).MoveToOuterDisposeScope();
        return new LabeledDataset("sklearn-digits", inputs, labelTensor, ClassCount);
    }
}
