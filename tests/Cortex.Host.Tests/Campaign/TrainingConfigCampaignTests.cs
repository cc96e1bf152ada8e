using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// The bad-input campaign over training configs (issue 18): CsCheck mutates the configs of <c>examples/learning</c>
/// (cut to one short epoch or a few episodes) and runs <c>cortex train</c> on each, which must keep
/// <see cref="CommandContract"/>. Training costs more than a simulation, so CI runs 12 cases; the long campaign
/// takes its count from <c>CORTEX_CAMPAIGN_ITERATIONS</c> like the spec campaign.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class TrainingConfigCampaignTests(ITestOutputHelper output)
{
    private static readonly Gen<Mutation> Mutations =
        Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, int.MaxValue - 1], Gen.Int[0, 1000], (kind, target, choice) => new Mutation(kind, target, choice));

    [Fact]
    public void MutatedTrainingConfigs_ExitCleanly_WithOneErrorLine_InBoundedTimeAndMemory()
    {
        using var data = new TempDirectory();
        var digits = new System.Text.RegularExpressions.Regex("\"path\": \"([^\"]+)\"").Match(TrainCommandTests.Config(data, epochs: 1)).Groups[1].Value;
        var configs = CampaignSeeds.TrainingConfigs(digits);
        var cases = Gen.Select(Gen.Int[0, configs.Count - 1], Mutations.Array[1, 2]);
        var report = new CampaignReport();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Action<int, Mutation[]> check = (seed, mutations) =>
        {
            using var dir = new TempDirectory();
            var config = dir.File("config.json");
            File.WriteAllBytes(config, JsonMutator.Apply(configs[seed].Document, mutations));
            var train = BoundedCommand.Run("train", config, "--out", dir.File("out"));
            outcomes.AddOrUpdate(train.Result?.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", 1, (_, n) => n + 1);
            report.Add($"{configs[seed].Name} with {string.Join(", ", mutations)}", CommandContract.Breaches(train), [train]);
        };
        CampaignSettings.Run(cases, check, 12, c => $"{configs[c.Item1].Name} with {string.Join(", ", c.Item2)}");
        foreach (var (code, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"train exit {code}: {count} cases");
        Assert.True(report.Count == 0, $"{report.Count} cases broke the contract; see {Environment.GetEnvironmentVariable(CampaignReport.ReportVariable)}");
    }
}
