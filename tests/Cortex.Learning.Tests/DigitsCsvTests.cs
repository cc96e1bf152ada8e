using System.IO.Compression;
using Cortex.Learning.Data;

namespace Cortex.Learning.Tests;

public sealed class DigitsCsvTests
{
    private static string Row(int pixelValue, int label) =>
        string.Join(',', Enumerable.Repeat(pixelValue, 64)) + "," + label;

    private static string WriteCsvGz(IEnumerable<string> rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"digits-{Guid.NewGuid():N}.csv.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', rows) + "\n"));
        return path;
    }

    [TorchFact]
    public void Parses_pixels_scaled_by_one_sixteenth_and_labels()
    {
        var path = WriteCsvGz([Row(16, 3), Row(4, 0), Row(0, 9)]);
        try
        {
            using var all = SklearnDigits.LoadAll(path);
            Assert.Equal([3L, 1, 8, 8], all.Inputs.shape);
            Assert.Equal([3L, 0, 9], all.LabelArray());
            Assert.Equal(1f, all.Inputs[0, 0, 7, 7].item<float>());
            Assert.Equal(0.25f, all.Inputs[1, 0, 3, 5].item<float>());
            using var two = SklearnDigits.LoadAll(path, limit: 2);
            Assert.Equal(2, two.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Malformed_rows_name_the_line_and_column()
    {
        var shortRow = Assert.Throws<InvalidDataException>(() => SklearnDigits.Parse(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Row(1, 1) + "\n1,2,3\n")), "d.csv"));
        Assert.Contains("d.csv:2: expected 65", shortRow.Message, StringComparison.Ordinal);
        var badPixel = Assert.Throws<InvalidDataException>(() => SklearnDigits.Parse(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Row(17, 1))), "d.csv"));
        Assert.Contains("d.csv:1: column 1 is 17, outside 0..16", badPixel.Message, StringComparison.Ordinal);
        var badLabel = Assert.Throws<InvalidDataException>(() => SklearnDigits.Parse(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Row(1, 10))), "d.csv"));
        Assert.Contains("column 65 is 10, outside 0..9", badLabel.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Split_is_stratified_disjoint_complete_and_seeded()
    {
        // 10 classes with 10..19 samples each: every class keeps round(n * 0.2) test samples.
        var rows = Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat(Row(c, c), 10 + c)).ToArray();
        var path = WriteCsvGz(rows);
        try
        {
            using var split = SklearnDigits.Load(path, testFraction: 0.2, seed: 7);
            var trainLabels = split.Train.LabelArray();
            var testLabels = split.Test.LabelArray();
            Assert.Equal(rows.Length, trainLabels.Length + testLabels.Length);
            for (var c = 0; c < 10; c++)
            {
                var total = 10 + c;
                Assert.Equal((int)Math.Round(total * 0.2, MidpointRounding.AwayFromZero), testLabels.Count(l => l == c));
                Assert.Equal(total, trainLabels.Count(l => l == c) + testLabels.Count(l => l == c));
            }

            var labels = rows.Select(r => long.Parse(r[(r.LastIndexOf(',') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var (train, test) = StratifiedSplit.Create(labels, 0.2, 7);
            Assert.Empty(train.Intersect(test));
            Assert.Equal(Enumerable.Range(0, rows.Length).Select(i => (long)i), train.Concat(test).Order());
            Assert.Equal(test, StratifiedSplit.Create(labels, 0.2, 7).Test);
            Assert.NotEqual(test, StratifiedSplit.Create(labels, 0.2, 8).Test);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_names_the_package()
    {
        var error = Assert.Throws<DatasetMissingException>(() => SklearnDigits.Load("/nonexistent/digits.csv.gz"));
        Assert.Contains("/nonexistent/digits.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install python3-sklearn", error.Message, StringComparison.Ordinal);
    }
}
