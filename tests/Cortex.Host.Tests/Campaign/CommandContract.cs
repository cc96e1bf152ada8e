using System.Text.RegularExpressions;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// What every command owes a hostile input (issue 18): exit code 0, 2 (bad input) or 3 (a run that failed); on 2 or
/// 3 exactly one <c>error:</c> line; never a stack trace or an exception escaping the entry point; a bounded time (or,
/// for a valid long run, a clean stop at the next step when the bound stops it) and a bounded heap.
/// </summary>
internal static partial class CommandContract
{
    private static readonly int[] Allowed = [ExitCodes.Ok, ExitCodes.BadInput, ExitCodes.RunFailed];

    /// <summary>Every way <paramref name="outcome"/> breaks the contract; empty when it keeps it.</summary>
    public static IReadOnlyList<string> Breaches(BoundedResult outcome)
    {
        var breaches = new List<string>();
        var command = outcome.Args[0];
        if (outcome.Escaped is not null) breaches.Add($"{command}: {outcome.Escaped.GetType().Name} escaped the entry point: {outcome.Escaped.Message}");
        var stoppedInTime = StoppedAtTheNextStep(outcome);
        if (outcome.TimedOut && !stoppedInTime) breaches.Add($"{command}: still running after {CampaignSettings.CaseTimeLimit.TotalSeconds:0} s");
        if (outcome.HeapGrowthBytes > CampaignSettings.CaseMemoryLimitBytes)
            breaches.Add($"{command}: the heap grew by {outcome.HeapGrowthBytes / (1 << 20)} MB (bound {CampaignSettings.CaseMemoryLimitBytes / (1 << 20)} MB)");
        if (outcome.ResidentGrowthBytes > CampaignSettings.CaseResidentLimitBytes)
            breaches.Add($"{command}: resident memory grew by {outcome.ResidentGrowthBytes / (1 << 20)} MB (bound {CampaignSettings.CaseResidentLimitBytes / (1 << 20)} MB)");
        if (outcome.Result is not { } result) return breaches;
        if (!Allowed.Contains(result.ExitCode) && !stoppedInTime) breaches.Add($"{command}: exit code {result.ExitCode}");
        if (result.ExitCode is ExitCodes.BadInput or ExitCodes.RunFailed && result.ErrorLines.Count != 1)
            breaches.Add($"{command}: exit {result.ExitCode} with {result.ErrorLines.Count} error lines");
        if (StackFrame().IsMatch(result.Err) || StackFrame().IsMatch(result.Out) || result.Err.Contains("Unhandled exception", StringComparison.Ordinal))
            breaches.Add($"{command}: printed a stack trace");
        return breaches;
    }

    // A valid input may ask for a long run (a duration of "3e7 ms" is 30,000 s of biological time, within the bound of
    // 2^31 - 1 steps). Past the time bound it is stopped as Ctrl+C would stop it, and it kept the contract if it stopped
    // at the next step, said so on one line and exited with 130. A step that never returns (a hang) is reported as
    // "did not return" instead, and counts.
    private static bool StoppedAtTheNextStep(BoundedResult outcome) =>
        outcome is { TimedOut: true, Result: { ExitCode: ExitCodes.Interrupted } result }
        && result.Err.Split('\n').Count(line => line.StartsWith("stopped:", StringComparison.Ordinal)) == 1
        && !result.Err.Contains("did not return", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s+at [\w.`<>\[\]$|]+[(.]", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
