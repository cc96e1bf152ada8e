using System.Text.RegularExpressions;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// What every command owes a hostile input (issue 18): exit code 0, 2 (bad input) or 3 (a run that failed); on 2 or
/// 3 exactly one <c>error:</c> line; never a stack trace or an exception escaping the entry point; a bounded time
/// and a bounded heap.
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
        if (outcome.TimedOut) breaches.Add($"{command}: still running after {CampaignSettings.CaseTimeLimit.TotalSeconds:0} s");
        if (outcome.HeapGrowthBytes > CampaignSettings.CaseMemoryLimitBytes)
            breaches.Add($"{command}: the heap grew by {outcome.HeapGrowthBytes / (1 << 20)} MB (bound {CampaignSettings.CaseMemoryLimitBytes / (1 << 20)} MB)");
        if (outcome.ResidentGrowthBytes > CampaignSettings.CaseResidentLimitBytes)
            breaches.Add($"{command}: resident memory grew by {outcome.ResidentGrowthBytes / (1 << 20)} MB (bound {CampaignSettings.CaseResidentLimitBytes / (1 << 20)} MB)");
        if (outcome.Result is not { } result) return breaches;
        if (!Allowed.Contains(result.ExitCode)) breaches.Add($"{command}: exit code {result.ExitCode}");
        if (result.ExitCode is ExitCodes.BadInput or ExitCodes.RunFailed && result.ErrorLines.Count != 1)
            breaches.Add($"{command}: exit {result.ExitCode} with {result.ErrorLines.Count} error lines");
        if (StackFrame().IsMatch(result.Err) || StackFrame().IsMatch(result.Out) || result.Err.Contains("Unhandled exception", StringComparison.Ordinal))
            breaches.Add($"{command}: printed a stack trace");
        return breaches;
    }

    [GeneratedRegex(@"^\s+at [\w.`<>\[\]$|]+[(.]", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
