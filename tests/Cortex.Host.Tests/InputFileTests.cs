using System.Diagnostics;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// Every file the CLI reads goes through one check (regular file, readable, within a size cap): a FIFO used to hang the
/// reader, <c>/dev/zero</c> to fill memory, a link loop to end as a failed run (exit 3). Each is now one <c>error:</c>
/// line naming the path, exit 2, and no command blocks on it.
/// </summary>
public sealed class InputFileTests
{
    public static TheoryData<string> Kinds => ["fifo", "device", "link loop", "directory", "too large"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ANonRegularOrOversizedInput_IsOneErrorLineNamingIt_Exit2_ForEveryCommandThatReadsFiles(string kind)
    {
        using var dir = new TempDirectory();
        var (path, reason) = Make(dir, kind);
        var commands = new[]
        {
            new[] { "validate", path },
            ["run", path, "--out", dir.File("out"), "--no-plot"],
            ["train", path, "--out", dir.File("train")],
            ["eval", path],
            ["nir", "import", path, "--out", dir.File("x.spec.json")],
            ["nir", "export", path, "--out", dir.File("x.nir")],
        };
        foreach (var args in commands)
        {
            var result = RunUnblocking(path, args);
            Assert.True(result.ExitCode == ExitCodes.BadInput, $"{kind}, {string.Join(' ', args)}: {result}");
            var line = Assert.Single(result.ErrorLines);
            Assert.Contains(path, line, StringComparison.Ordinal);
            Assert.Contains(reason, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DurationOverride_DoesNotStandInForAnInvalidDuration_AndIsCheckedByTheSameRule()
    {
        using var dir = new TempDirectory();
        var invalid = dir.Write("invalid.json", Specs.Small(duration: "-5 ms"));
        var validate = Cli.Run("validate", invalid);
        Assert.True(validate.ExitCode == ExitCodes.BadInput, validate.ToString());
        var run = Cli.Run("run", invalid, "--duration", "20 ms", "--out", dir.File("out"), "--no-plot");
        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("simulation.duration: must be > 0, got -5 ms", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));

        var valid = dir.Write("valid.json", Specs.Small(duration: "20 ms"));
        foreach (var (duration, message) in new[] { ("-3 ms", "must be > 0, got -3 ms"), ("1e300 s", "needs more than 2147483647 steps"), ("0 s", "must be > 0") })
        {
            var result = Cli.Run("run", valid, "--duration", duration, "--out", dir.File("out"), "--no-plot");
            Assert.True(result.ExitCode == ExitCodes.BadInput, $"{duration}: {result}");
            var line = Assert.Single(result.ErrorLines);
            Assert.Contains($"--duration {duration}: {message}", line, StringComparison.Ordinal);
        }
        var ok = Cli.Run("run", valid, "--duration", "10 ms", "--out", dir.File("ok"), "--no-plot");
        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.ToString());
    }

    private static (string Path, string Reason) Make(TempDirectory dir, string kind)
    {
        switch (kind)
        {
            case "fifo":
                var fifo = dir.File("pipe.json");
                using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
                Assert.True(File.Exists(fifo), "mkfifo failed");
                return (fifo, "not a regular file (a FIFO)");
            case "device":
                return ("/dev/zero", "not a regular file (a character device)");
            case "link loop":
                var a = dir.File("a.json");
                var b = dir.File("b.json");
                File.CreateSymbolicLink(a, b);
                File.CreateSymbolicLink(b, a);
                return (a, "too many levels of symbolic links");
            case "directory":
                return (Directory.CreateDirectory(dir.File("folder.json")).FullName, "not a regular file (a directory)");
            default:
                // A sparse file past every cap (16 GiB for binary inputs): costs no disk.
                var large = dir.File("large.json");
                using (var stream = File.Create(large)) stream.SetLength((16L << 30) + 1);
                return (large, "more than the");
        }
    }

    // Runs the command on a worker thread; should a reader block on a FIFO, opening its write end releases it so the
    // test fails instead of hanging.
    private static CliResult RunUnblocking(string path, string[] args)
    {
        var run = Task.Run(() => Cli.Run(args));
        if (!run.Wait(TimeSpan.FromSeconds(60)))
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Write))
            {
            }
            run.Wait();
            Assert.Fail($"{string.Join(' ', args)} blocked on {path}");
        }
        return run.Result;
    }
}
