using System.Diagnostics;

namespace Cortex.Host.Tests.View;

/// <summary>Runs the built <c>cortex.dll</c> as a child process (a window needs a display that only a child under xvfb-run has).</summary>
internal static class CortexProcess
{
    /// <summary>Runs <c>cortex ARGS</c>, under <c>xvfb-run -a</c> when <paramref name="underXvfb"/>, with extra environment variables.</summary>
    public static CliResult Run(bool underXvfb, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var cortex = Path.Combine(AppContext.BaseDirectory, "cortex.dll");
        // Our own X authority file: without one, xvfb-run makes a temporary folder and, when removing it races with
        // xauth's lock files, exits 5 instead of passing on the command's exit code.
        using var xauthority = new TempDirectory();
        var authFile = xauthority.Write("Xauthority", "");
        string[] command = underXvfb
            ? [WindowTools.XvfbRun() ?? "xvfb-run", "-a", "-f", authFile, "-s", "-screen 0 1280x1024x24", "dotnet", cortex, .. args]
            : ["dotnet", cortex, .. args];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A private ~/.cortex, as the in-process tests have: installed plugins stay out.
        start.Environment["CORTEX_HOME"] = Path.Combine(Path.GetTempPath(), $"cortex-view-tests-home-{Guid.NewGuid():N}");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cortex {string.Join(' ', args)} did not end within 120 s");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
