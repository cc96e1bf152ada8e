using System.Diagnostics;
using Cortex.Plugins.Tests.Support;
using Xunit;

namespace Cortex.Plugins.Tests;

/// <summary>
/// scripts/setup.sh under a busy package manager and under CI, with apt-get and sudo replaced by scripts that play
/// the part (a lock held for a while, a lock never released, another apt error).
/// </summary>
public sealed class SetupScriptTests
{
    private const string LockHeld = "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)";

    [Fact]
    public void Apt_WaitsWhileAnotherProcessHoldsTheLock_ThenRuns()
    {
        using var dir = new TempDirectory();
        var result = RunWithFakeApt(dir, lockedCalls: 2, "cortex_apt install -y -qq some-package", ("CORTEX_APT_LOCK_POLL", "1"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("holds the package manager lock; waiting for it", result.Err, StringComparison.Ordinal);
        // Two refusals, then the call that got the lock, with the same arguments each time.
        var calls = File.ReadAllLines(dir.File("calls"));
        Assert.Equal(3, calls.Length);
        Assert.All(calls, c => Assert.EndsWith("install -y -qq some-package", c, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.Contains("DPkg::Lock::Timeout=1", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Apt_GivesUpAfterTheTimeout_SayingWhy()
    {
        using var dir = new TempDirectory();
        var result = RunWithFakeApt(dir, lockedCalls: 1000, "cortex_apt install -y some-package",
            ("CORTEX_APT_LOCK_POLL", "1"), ("CORTEX_APT_LOCK_TIMEOUT", "2"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("still holds the apt/dpkg lock after 2 s", result.Err, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(dir.File("calls")).Length); // at 0, 1 and 2 s
    }

    [Fact]
    public void Apt_ReturnsOtherErrorsAtOnce_WithAptsMessage()
    {
        using var dir = new TempDirectory();
        var result = RunWithFakeApt(dir, lockedCalls: 0, "cortex_apt install -y no-such-package", ("FAKE_APT_ERROR", "E: Unable to locate package no-such-package"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("E: Unable to locate package no-such-package", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting", result.Err, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(dir.File("calls")));
    }

    [Fact]
    public void AMissingTestPrerequisite_FailsTheRunUnderCi_AndOnlyWarnsOutside()
    {
        using var dir = new TempDirectory();
        var underCi = RunWithFakeApt(dir, lockedCalls: 0, "cortex_test_prerequisite 'libtorch' false; echo after", ("CI", "true"));
        Assert.Equal(1, underCi.ExitCode);
        Assert.Contains("CI: libtorch could not be installed; failing", underCi.Err, StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", underCi.Out.Trim());

        var outside = RunWithFakeApt(dir, lockedCalls: 0, "cortex_test_prerequisite 'libtorch' false; echo after", ("CI", ""));
        Assert.True(outside.ExitCode == 0, outside.ToString());
        Assert.Contains("libtorch could not be installed: the tests that need it will be skipped", outside.Err, StringComparison.Ordinal);
        Assert.Equal("after", outside.Out.Trim());
    }

    /// <summary>Sources scripts/setup.sh and runs <paramref name="command"/> with fake apt-get and sudo first on PATH.</summary>
    private static ProcessResult RunWithFakeApt(TempDirectory dir, int lockedCalls, string command, params (string Name, string Value)[] environment)
    {
        var bin = dir.Folder("bin");
        var calls = dir.File("calls");
        // Refuses with the lock message for the first lockedCalls calls (counted in a file), then succeeds or fails as told.
        File.WriteAllText(Path.Combine(bin, "apt-get"), $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{calls}}'
            n=$(wc -l < '{{calls}}')
            if [ "$n" -le {{lockedCalls}} ]; then echo '{{LockHeld}}' >&2; exit 100; fi
            if [ -n "${FAKE_APT_ERROR:-}" ]; then echo "$FAKE_APT_ERROR" >&2; exit 100; fi
            exit 0
            """.ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(bin, "sudo"), "#!/usr/bin/env bash\nexec \"$@\"\n");
        File.Delete(calls);
        Assert.False(OperatingSystem.IsWindows(), "the setup scripts are for Debian");
        if (!OperatingSystem.IsWindows())
            foreach (var file in Directory.GetFiles(bin)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("bash", ["-c", $"source '{Repo.PathOf("scripts", "setup.sh")}' && {command}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the setup script did not finish within a minute");
        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    private sealed record ProcessResult(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Err}";
    }
}
