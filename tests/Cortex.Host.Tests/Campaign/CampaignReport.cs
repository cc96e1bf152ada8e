using System.Text;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// Collects the breaches of one campaign. By default the first breach fails the case (CsCheck then shrinks it and
/// prints the seed that replays it); with <c>CORTEX_CAMPAIGN_REPORT=file</c> a long campaign writes every breach to
/// that file and goes on, and the test fails at the end with their count.
/// </summary>
internal sealed class CampaignReport
{
    /// <summary>The environment variable naming the file a long campaign appends its findings to.</summary>
    public const string ReportVariable = "CORTEX_CAMPAIGN_REPORT";

    private readonly string? _file = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } file ? file : null;
    private int _count;

    /// <summary>Breaches written to the report file so far.</summary>
    public int Count => _count;

    /// <summary>Records the breaches of one case, or throws them when no report file collects them.</summary>
    public void Add(string input, IReadOnlyList<string> breaches, IEnumerable<BoundedResult> outcomes)
    {
        if (breaches.Count == 0) return;
        var text = new StringBuilder();
        text.AppendLine($"input: {input}");
        foreach (var breach in breaches) text.AppendLine($"  breach: {breach}");
        foreach (var outcome in outcomes)
        {
            text.AppendLine($"  {string.Join(' ', outcome.Args.Take(1))}: exit {outcome.Result?.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {outcome.Elapsed.TotalSeconds:0.00} s");
            if (outcome.Result is { } result) text.AppendLine($"    stderr: {Tail(result.Err)}");
        }
        if (_file is null) throw new CampaignBreachException(text.ToString());
        Interlocked.Increment(ref _count);
        lock (this) File.AppendAllText(_file, text.ToString());
    }

    private static string Tail(string text) => (text.Length > 1500 ? "…" + text[^1500..] : text).Replace("\n", "\n            ", StringComparison.Ordinal);
}

/// <summary>A case of the campaign that broke the command contract.</summary>
internal sealed class CampaignBreachException(string message) : Exception(message);
