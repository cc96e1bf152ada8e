using Cortex.Recording;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex run</c> finishes <c>layout.parquet</c> before the simulation's clock starts (its Parquet JIT would otherwise
/// compete with the first steps on a small machine and count as simulation time). The header line is printed at that
/// moment, so a writer that reads the layout when the header arrives sees whether it was complete.
/// </summary>
public sealed class LayoutBeforeClockTests
{
    [Fact]
    public void The_layout_is_complete_when_the_simulation_starts()
    {
        using var dir = new TempDirectory();
        // Many neurons and nothing to record: the layout's rows take longer to write than the backend takes to build,
        // and no recorder warm-up delays step 0, so without the wait the header would come first.
        var spec = dir.Write("wide.json", """
            {
              "name": "wide",
              "simulation": { "dt": "0.1 ms", "duration": "1 ms", "seed": 1 },
              "populations": [ { "name": "sheet", "size": 400000, "model": "lif" } ]
            }
            """);
        var outDir = dir.File("out");
        using var output = new HeaderWatcher(outDir);

        var result = Cli.Run(output, "run", spec, "--no-plot", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(output.SawHeader, $"no header line in\n{result.Out}");
        Assert.Null(output.LayoutProblem);
        Assert.Equal(ParquetLayoutFile.Read(outDir).NeuronCount, output.LayoutNeurons);
    }

    // Reads layout.parquet when the run's header ("<name>: N neurons, …") is written, i.e. just before step 0.
    private sealed class HeaderWatcher(string outDir) : StringWriter
    {
        public bool SawHeader { get; private set; }

        public int LayoutNeurons { get; private set; } = -1;

        public string? LayoutProblem { get; private set; }

        public override void WriteLine(string? value)
        {
            if (!SawHeader && value is not null && value.Contains(" neurons, ", StringComparison.Ordinal))
            {
                SawHeader = true;
                try
                {
                    LayoutNeurons = ParquetLayoutFile.Read(outDir).NeuronCount;
                }
#pragma warning disable CA1031 // Any failure to read is the finding: the layout was not complete yet.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LayoutProblem = $"{e.GetType().Name}: {e.Message}";
                }
            }
            base.WriteLine(value);
        }
    }
}
