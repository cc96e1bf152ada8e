using System.Globalization;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// How long the bad-input campaign runs. CI runs a bounded count (seconds); a long campaign runs from the command
/// line with <c>CORTEX_CAMPAIGN_ITERATIONS=100000</c> (and optionally <c>CORTEX_CAMPAIGN_SEED</c> to replay one).
/// </summary>
internal static class CampaignSettings
{
    /// <summary>The environment variable giving the number of generated cases per campaign.</summary>
    public const string IterationsVariable = "CORTEX_CAMPAIGN_ITERATIONS";

    /// <summary>The environment variable giving a CsCheck seed to start from (printed by a failing campaign).</summary>
    public const string SeedVariable = "CORTEX_CAMPAIGN_SEED";

    /// <summary>Wall-clock bound for one command: a case still running then is stopped as Ctrl+C would and counts as a hang.</summary>
    public static TimeSpan CaseTimeLimit { get; } = TimeSpan.FromSeconds(Number("CORTEX_CAMPAIGN_CASE_SECONDS", 60));

    /// <summary>Bound on the managed heap's growth during one command; the generated networks need a few MB.</summary>
    public static long CaseMemoryLimitBytes { get; } = 1L << 30;

    /// <summary>Bound on the growth of the process's resident memory during one command (native tensors included).</summary>
    public static long CaseResidentLimitBytes { get; } = 3L << 30;

    /// <summary>Cases to generate: <paramref name="bounded"/> unless <see cref="IterationsVariable"/> asks for more.</summary>
    public static long Iterations(long bounded) => (long)Number(IterationsVariable, bounded);

    /// <summary>
    /// The CsCheck seed: <see cref="SeedVariable"/> when set; otherwise a fixed one for the bounded CI count (the same
    /// cases every run, as tests must be deterministic), and a fresh random one for a long campaign.
    /// </summary>
    public static string? Seed => Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed ? seed
        : Environment.GetEnvironmentVariable(IterationsVariable) is { Length: > 0 } ? null : "54aHaRQgRV01";

    private static double Number(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
