using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Cortex.Input;
using Cortex.Randomness;

namespace Cortex.Cognition.StdpDigits;

/// <summary>Labelled grey-scale images with intensities in [0, 1], row-major, all of one size.</summary>
/// <param name="Name">What the set is, for messages (e.g. "sklearn-digits/train").</param>
/// <param name="Images">One array of <c>Side · Side</c> intensities per image.</param>
/// <param name="Labels">The class of each image, 0–9.</param>
/// <param name="Side">Pixels per side.</param>
public sealed record ImageSet(string Name, IReadOnlyList<float[]> Images, IReadOnlyList<int> Labels, int Side)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Count;

    /// <summary>Pixels per image.</summary>
    public int Pixels => Side * Side;

    /// <summary>The first <paramref name="count"/> images (all when <paramref name="count"/> is 0 or larger than the set).</summary>
    public ImageSet Take(int count) =>
        count <= 0 || count >= Count ? this : new ImageSet($"{Name}[:{count}]", Images.Take(count).ToArray(), Labels.Take(count).ToArray(), Side);
}

/// <summary>A training and a test set.</summary>
public sealed record ImageSplit(ImageSet Train, ImageSet Test);

/// <summary>
/// The two image datasets of the STDP task, read without TorchSharp (so the task host never loads libtorch):
/// scikit-learn's 8×8 digits from the <c>digits.csv.gz</c> of the Debian package <c>python3-sklearn</c>, split with
/// the same seeded stratified split as <c>Cortex.Learning.Data.SklearnDigits.Load</c> (so both parts of Cortex train
/// and test on the same images), and Fashion-MNIST from the IDX files of <c>dataset-fashion-mnist</c>.
/// </summary>
public static class ImageDatasets
{
    /// <summary>Where <c>python3-sklearn</c> installs the digits.</summary>
    public const string DigitsPath = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

    /// <summary>Where <c>dataset-fashion-mnist</c> installs Fashion-MNIST.</summary>
    public const string FashionDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package with the digits.</summary>
    public const string DigitsPackage = "python3-sklearn";

    /// <summary>The Debian package with Fashion-MNIST.</summary>
    public const string FashionPackage = "dataset-fashion-mnist";

    private const int Classes = 10;

    // Cortex.Learning.Data.SeededPermutation's domain ("data") and purpose of train/test splits: the same streams give the same split.
    private const StreamDomain DataDomain = (StreamDomain)0x6461_7461;
    private const long SplitPurpose = 0;

    /// <summary>
    /// The 1797 digits (8×8, intensities = pixel / 16) split per class: round(n_c · <paramref name="testFraction"/>)
    /// images of each class, chosen by a shuffle seeded with <paramref name="seed"/>, form the test set (both sets keep file
    /// order). Defaults give Cortex.Learning's split: 1437 training and 360 test images.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is absent (the message names the Debian package).</exception>
    public static ImageSplit Digits(string? path = null, double testFraction = 0.2, ulong seed = 0)
    {
        path ??= DigitsPath;
        if (!InputFile.Exists(path, "dataset file", InputFile.BinaryCap)) throw Missing(path, DigitsPackage);
        using var file = File.OpenRead(path);
        using var text = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var all = ParseDigits(text, path);
        var (train, test) = StratifiedSplit(all.Labels, testFraction, seed);
        return new ImageSplit(Subset(all, train, "sklearn-digits/train"), Subset(all, test, "sklearn-digits/test"));
    }

    /// <summary>Parses digits CSV rows (64 pixel values 0–16, then the label); <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">A row is malformed (the message names the line).</exception>
    public static ImageSet ParseDigits(Stream stream, string source)
    {
        const int side = 8, pixels = side * side, maxPixel = 16;
        var images = new List<float[]>();
        var labels = new List<int>();
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != pixels + 1)
                throw new InvalidDataException($"{source}:{lineNumber}: expected {pixels + 1} comma-separated values (64 pixels and the label), got {fields.Length}");
            var image = new float[pixels];
            for (var c = 0; c <= pixels; c++)
            {
                var max = c < pixels ? maxPixel : Classes - 1;
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value != Math.Floor(value) || value < 0 || value > max)
                    throw new InvalidDataException($"{source}:{lineNumber}: column {c + 1} is '{fields[c]}', not a whole number in 0..{max}");
                if (c < pixels) image[c] = (float)(value / maxPixel);
                else labels.Add((int)value);
            }
            images.Add(image);
        }
        if (labels.Count == 0) throw new InvalidDataException($"{source}: no rows");
        return new ImageSet("sklearn-digits", images, labels, side);
    }

    /// <summary>
    /// Fashion-MNIST's 60,000 training and 10,000 test images (28×28, intensities = pixel / 255), or the first
    /// <paramref name="trainLimit"/> and <paramref name="testLimit"/> of each file when positive.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is absent (the message names the Debian package).</exception>
    public static ImageSplit Fashion(string? directory = null, int trainLimit = 0, int testLimit = 0)
    {
        directory ??= FashionDirectory;
        return new ImageSplit(ReadIdx(directory, "train", trainLimit), ReadIdx(directory, "t10k", testLimit));
    }

    /// <summary>
    /// Indices of the training and test images, each ascending: per class (in label order), a seeded Fisher–Yates shuffle
    /// of its members (xoshiro256** stream ("data", purpose 0, class) as in Cortex.Learning's SeededPermutation) puts the
    /// first round(n_c · <paramref name="testFraction"/>) into the test set.
    /// </summary>
    public static (int[] Train, int[] Test) StratifiedSplit(IReadOnlyList<int> labels, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "the test fraction must be in (0, 1)");
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            var order = new int[members.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            var random = SeededRandom.Create(seed, DataDomain, SplitPurpose, group.Key);
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            for (var k = 0; k < members.Length; k++) (k < testCount ? test : train).Add(members[order[k]]);
        }
        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }

    private static ImageSet Subset(ImageSet all, int[] indices, string name) =>
        new(name, indices.Select(i => all.Images[i]).ToArray(), indices.Select(i => all.Labels[i]).ToArray(), all.Side);

    private static ImageSet ReadIdx(string directory, string prefix, int limit)
    {
        var imagesPath = Locate(directory, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Locate(directory, $"{prefix}-labels-idx1-ubyte");
        var (imageShape, imageBytes) = ReadUnsignedBytes(imagesPath);
        var (labelShape, labelBytes) = ReadUnsignedBytes(labelsPath);
        if (imageShape.Length != 3 || imageShape[1] != imageShape[2])
            throw new InvalidDataException($"{imagesPath}: expected square images [N, side, side], got [{string.Join(", ", imageShape)}]");
        if (labelShape.Length != 1 || labelShape[0] != imageShape[0])
            throw new InvalidDataException($"{labelsPath}: expected {imageShape[0]} labels, got [{string.Join(", ", labelShape)}]");
        var side = imageShape[1];
        var pixels = side * side;
        var count = limit > 0 ? Math.Min(limit, imageShape[0]) : imageShape[0];
        var images = new float[count][];
        var labels = new int[count];
        for (var n = 0; n < count; n++)
        {
            var image = images[n] = new float[pixels];
            for (var p = 0; p < pixels; p++) image[p] = imageBytes[n * pixels + p] / 255f;
            labels[n] = labelBytes[n] < Classes ? labelBytes[n] : throw new InvalidDataException($"{labelsPath}: label {n} is {labelBytes[n]}, outside 0..{Classes - 1}");
        }
        return new ImageSet($"fashion-mnist/{(prefix == "t10k" ? "test" : prefix)}", images, labels, side);
    }

    // An IDX file of unsigned bytes (type code 0x08), plain or gzip: its shape and elements.
    private static (int[] Shape, byte[] Data) ReadUnsignedBytes(string path)
    {
        byte[] bytes;
        InputFile.Check(path, "IDX dataset file", InputFile.BinaryCap);
        using (var file = File.OpenRead(path))
        using (var buffer = new MemoryStream())
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                gzip.CopyTo(buffer);
            }
            else file.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08 || bytes[3] == 0)
            throw new InvalidDataException($"{path}: not an IDX file of unsigned bytes");
        var rank = bytes[3];
        var header = 4 + 4 * rank;
        if (bytes.Length < header) throw new InvalidDataException($"{path}: truncated IDX header");
        var shape = new int[rank];
        long elements = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (shape[d] < 0) throw new InvalidDataException($"{path}: dimension {d} has negative size {shape[d]}");
            elements *= shape[d];
        }
        if (bytes.Length - header != elements)
            throw new InvalidDataException($"{path}: shape [{string.Join(", ", shape)}] needs {elements} bytes after the header, found {bytes.Length - header}");
        return (shape, bytes[header..]);
    }

    private static string Locate(string directory, string name)
    {
        foreach (var candidate in new[] { Path.Combine(directory, name + ".gz"), Path.Combine(directory, name) })
            if (File.Exists(candidate)) return candidate;
        throw Missing(Path.Combine(directory, name + ".gz"), FashionPackage);
    }

    private static FileNotFoundException Missing(string path, string package) =>
        new($"dataset file '{path}' not found; it is provided by the Debian package {package} (apt-get install {package}; ./test and ./cortex train install it)", path);
}
