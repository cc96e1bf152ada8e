using Cortex.Recording;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>layout.parquet (positions and regions of every neuron) and the default layout for populations without positions.</summary>
public class LayoutTests
{
    [Fact]
    public void TheLayoutFileRoundTripsPositionsRegionsSourcesAndBundles()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cortex-layout-{Guid.NewGuid():N}");
        try
        {
            var layout = new NeuronLayout(
                [
                    new PopulationLayout("exc", PositionSource.Connectome, [1, 2, 3, 4, 5, 6, 7, 8, 9], [new RegionBlock("A", 2), new RegionBlock("B", 1)]),
                    new PopulationLayout("inh", PositionSource.Default, [-1.5f, 0, 2.25f]),
                ],
                [new ProjectionBundle("A", "B", 0.25)]);
            var path = ParquetLayoutFile.Write(directory, layout);
            Assert.Equal(Path.Combine(directory, "layout.parquet"), path);
            var back = ParquetLayoutFile.Read(directory);
            Assert.Equal(["exc", "inh"], back.Populations.Select(p => p.Name));
            Assert.Equal(layout.Populations[0].Positions, back.Populations[0].Positions);
            Assert.Equal(layout.Populations[1].Positions, back.Populations[1].Positions);
            Assert.Equal([new RegionBlock("A", 2), new RegionBlock("B", 1)], back.Populations[0].Regions);
            Assert.Empty(back.Populations[1].Regions);
            Assert.Equal([PositionSource.Connectome, PositionSource.Default], back.Populations.Select(p => p.Source));
            Assert.Equal(layout.Bundles, back.Bundles);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ATruncatedLayoutFileIsInvalidData()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cortex-layout-{Guid.NewGuid():N}");
        try
        {
            var path = ParquetLayoutFile.Write(directory, new NeuronLayout([new PopulationLayout("p", PositionSource.Spec, new float[30])], []));
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var e = Assert.Throws<InvalidDataException>(() => ParquetLayoutFile.Read(path));
            Assert.Contains("not a readable layout file", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void DefaultDiscsHaveTheStatedDensityAndAreDeterministic()
    {
        const int n = 2000;
        var disc = DefaultLayout.Disc(n, slot: 0, slots: 1, cellUm: 5000, seed: 7);
        Assert.Equal(disc, DefaultLayout.Disc(n, 0, 1, 5000, 7));
        var radius = DefaultLayout.DiscRadius(n);
        // Area per neuron = spacing²: π r² = n · spacing².
        Assert.Equal(n * DefaultLayout.SpacingUm * DefaultLayout.SpacingUm, Math.PI * radius * radius, 1e-6 * n * DefaultLayout.SpacingUm * DefaultLayout.SpacingUm);
        for (var i = 0; i < n; i++)
        {
            var r = Math.Sqrt(disc[3 * i] * disc[3 * i] + disc[3 * i + 1] * disc[3 * i + 1]);
            Assert.True(r <= radius + 1e-3, $"neuron {i} at {r} µm, radius {radius}");
            Assert.InRange(disc[3 * i + 2], -DefaultLayout.SpacingUm / 2, DefaultLayout.SpacingUm / 2);
        }
        // Half the neurons lie within r/√2 (uniform density).
        var inner = Enumerable.Range(0, n).Count(i => Math.Sqrt(disc[3 * i] * disc[3 * i] + disc[3 * i + 1] * disc[3 * i + 1]) < radius / Math.Sqrt(2));
        Assert.InRange(inner, n / 2 - 2, n / 2 + 2);
    }

    [Fact]
    public void ANetworksLayoutKeepsSpecPositionsAndPlacesTheRestOnSeparateDiscs()
    {
        var points = new[] { new Point3(1, 2, 3), new Point3(4, 5, 6) };
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("placed", 2, "if", p => p.PositionsAt(points))
            .Population("a", 50, "if")
            .Population("b", 80, "if")
            .Build();
        var layout = NetworkLayout.From(TestRuntime.Compile(spec));
        Assert.Equal([PositionSource.Spec, PositionSource.Default, PositionSource.Default], layout.Populations.Select(p => p.Source));
        Assert.Equal([1f, 2, 3, 4, 5, 6], layout.Populations[0].Positions);
        Assert.Equal([2, 50, 80], layout.Populations.Select(p => p.Size));
        // The two default discs do not overlap.
        static (double X, double Y) Centre(float[] p) => (Enumerable.Range(0, p.Length / 3).Average(i => p[3 * i]), Enumerable.Range(0, p.Length / 3).Average(i => p[3 * i + 1]));
        var (ax, ay) = Centre(layout.Populations[1].Positions);
        var (bx, by) = Centre(layout.Populations[2].Positions);
        Assert.True(Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by)) > DefaultLayout.DiscRadius(50) + DefaultLayout.DiscRadius(80));
    }
}
