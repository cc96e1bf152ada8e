using System.Globalization;
using CsCheck;

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

    /// <summary>The PCG seed of the bounded campaign's cases.</summary>
    private const string BoundedSeed = "54aHaRQgRV01";

    /// <summary>
    /// Runs <paramref name="check"/> on the campaign's cases. Without <see cref="IterationsVariable"/> and
    /// <see cref="SeedVariable"/> (CI): the same <paramref name="bounded"/> cases every run, drawn one after another from
    /// one PCG stream with a fixed seed. CsCheck's <c>Sample</c> takes a seed for its first iteration only and draws the
    /// others at random, so CI met different cases on every run. With either variable: CsCheck's <c>Sample</c> (random
    /// cases for a long campaign, or the one case a seed names), which also shrinks a failing case.
    /// </summary>
    public static void Run<T1, T2>(Gen<(T1, T2)> cases, Action<T1, T2> check, long bounded, Func<(T1, T2), string> print)
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable);
        if (seed is { Length: > 0 } || Environment.GetEnvironmentVariable(IterationsVariable) is { Length: > 0 })
        {
            cases.Sample(check, iter: Iterations(bounded), threads: 1, seed: seed is { Length: > 0 } ? seed : null, print: print);
            return;
        }
        var pcg = PCG.Parse(BoundedSeed);
        for (var i = 0; i < bounded; i++)
        {
            var (first, second) = cases.Generate(pcg, null, out _);
            check(first, second);
        }
    }

    private static double Number(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
