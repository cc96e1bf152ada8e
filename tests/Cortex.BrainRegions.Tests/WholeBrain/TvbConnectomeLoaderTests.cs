using Cortex.BrainRegions.WholeBrain;

namespace Cortex.BrainRegions.Tests.WholeBrain;

public sealed class TvbConnectomeLoaderTests
{
    private static readonly double[,] Weights = { { 0, 2, 0 }, { 0.5, 0, 0 }, { 0, 3, 1 } };
    private static readonly double[,] Lengths = { { 0, 12, 0 }, { 12, 0, 0 }, { 0, 30, 0 } };
    private static readonly (double, double, double)[] Centres = [(-10, 0, 5), (10, 0, 5), (0, 20, -5)];

    [Fact]
    public void Reads_weights_as_target_by_source_with_tabs_leading_spaces_and_no_final_newline()
    {
        using var folder = TvbFolder.Create(Weights, Lengths, Centres);
        var c = TvbConnectomeLoader.Load(folder.Path);
        Assert.Equal(3, c.Count);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(Weights[i, j], c.Weight(i, j));
                Assert.Equal(Lengths[i, j], c.TractLengthMm(i, j));
            }
        Assert.Equal(["r0", "r1", "r2"], c.Labels);
        Assert.Equal(new Spec.Point3(0, 20, -5), c.CentresMm[2]);
        Assert.Null(c.AreasMm2);
        Assert.Equal(3, c.EdgeCount()); // 1→0, 0→1, 1→2; the diagonal is not an edge
        Assert.Equal(3, c.MaxOffDiagonalWeight());
    }

    [Fact]
    public void Ignores_a_fifth_centres_column_and_reads_areas_and_cortical_flags()
    {
        using var folder = TvbFolder.Create(Weights, Lengths, Centres);
        folder.Write("centres.txt", "a 1 2 3 None\n b 4 5 6 None\nc 7 8 9 None\n");
        folder.Write("areas.txt", "10\n20\n0");
        folder.Write("cortical.txt", "1\n1\n0\n");
        var c = TvbConnectomeLoader.Load(folder.Path);
        Assert.Equal(new Spec.Point3(4, 5, 6), c.CentresMm[1]);
        Assert.Equal([10.0, 20, 0], c.AreasMm2!);
        Assert.Equal([true, true, false], c.Cortical!);
    }

    [Fact]
    public void Scales_lengths_and_centres_by_the_length_unit()
    {
        using var folder = TvbFolder.Create(Weights, Lengths, Centres);
        var tenths = TvbConnectomeLoader.Load(folder.Path, lengthUnitMm: 0.1);
        Assert.Equal(3.0, tenths.TractLengthMm(2, 1), 12);
        Assert.Equal(-1.0, tenths.CentresMm[0].X, 12);
        folder.Write("info.txt", "weights_unit = \"au\"\nlength_unit = \"cm\"area_unit = \"mm^2\"");
        Assert.Equal(300.0, TvbConnectomeLoader.Load(folder.Path).TractLengthMm(2, 1), 9);
    }

    [Theory]
    [InlineData("weights.txt", "1 2 3\n4 5\n7 8 9", "weights.txt:2:", "ragged")]
    [InlineData("weights.txt", "1 2 3\n4 5 6", "weights.txt", "not square")]
    [InlineData("weights.txt", "0 1 0\n1 NaN 0\n0 0 0", "weights.txt:2:", "finite")]
    [InlineData("weights.txt", "0 1 0\n1 0 0\n0 -2 0", "weights.txt:3:", "negative")]
    [InlineData("tract_lengths.txt", "0 1\n1 0", "tract_lengths.txt", "2×2, but weights.txt is 3×3")]
    [InlineData("centres.txt", "a 1 2 3\nb 1 2 3", "centres.txt", "2 regions, but weights.txt is 3×3")]
    [InlineData("centres.txt", "a 1 2 3\nb 1 2\nc 1 2 3", "centres.txt:2:", "label x y z")]
    [InlineData("tract_lengths.txt", "0 1 x\n1 0 0\n0 0 0", "tract_lengths.txt:1:", "'x' is not a number")]
    public void A_malformed_file_is_named_with_its_line_and_problem(string file, string content, string where, string problem)
    {
        using var folder = TvbFolder.Create(Weights, Lengths, Centres);
        folder.Write(file, content);
        var e = Assert.Throws<ConnectomeFormatException>(() => TvbConnectomeLoader.Load(folder.Path));
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var folder = TvbFolder.Create(Weights, Lengths, Centres);
        File.Delete(Path.Combine(folder.Path, "tract_lengths.txt"));
        var e = Assert.Throws<ConnectomeFormatException>(() => TvbConnectomeLoader.Load(folder.Path));
        Assert.Contains("tract_lengths.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_human_76_set_loads_with_the_published_shape()
    {
        var c = ConnectomeCatalog.Load(ConnectomeCatalog.BundledName);
        Assert.Equal(76, c.Count);
        Assert.Equal(76, c.AreasMm2!.Count);
        // The README of the source: weights 0–3 (CoCoMac ordinal), tract lengths roughly 5–153 mm.
        Assert.Equal(3, c.MaxOffDiagonalWeight());
        Assert.InRange(Enumerable.Range(0, 76 * 76).Max(k => c.TractLengthMm(k / 76, k % 76)), 140, 160);
    }

    [SharedDataFact]
    public void Every_shared_set_loads_with_a_matrix_as_long_as_its_centres()
    {
        var sets = Directory.GetDirectories(SharedDataFactAttribute.Root).Where(d => File.Exists(Path.Combine(d, "weights.txt"))).ToList();
        Assert.True(sets.Count >= 10, $"expected the 10 shared sets, found {sets.Count}");
        foreach (var set in sets)
        {
            var name = Path.GetFileName(set);
            var c = ConnectomeCatalog.Load(name, SharedDataFactAttribute.Root);
            // The region count is the number in the folder's name (paupau_4, connectivity_998, mouse_allen_connectivity_98).
            Assert.Equal(int.Parse(name[(name.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture), c.Count);
            Assert.True(c.EdgeCount() > 0, name);
            var longest = Enumerable.Range(0, c.Count * c.Count).Max(k => c.TractLengthMm(k / c.Count, k % c.Count));
            // Brains are at most ~25 cm across; the mouse set's voxel lengths (≤ 115 × 0.1 mm) must come out near a mouse brain's size.
            Assert.InRange(longest, 1, 260);
            if (name.StartsWith("mouse", StringComparison.Ordinal)) Assert.InRange(longest, 5, 15);
        }
    }
}
