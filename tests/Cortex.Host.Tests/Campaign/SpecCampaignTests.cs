using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// The property-based bad-input campaign over network specs (issue 18): CsCheck mutates the example specs and a spec
/// touching every kind (deleted keys, swapped types, extreme numbers and units, unknown names, huge sizes, lone
/// surrogates, deep nesting, cut text, invalid UTF-8) and runs <c>validate</c> and <c>run</c> on each. Every command
/// must keep <see cref="CommandContract"/>, and <c>run</c> must refuse exactly the specs <c>validate</c> refuses.
/// CI runs the same 100 cases every run (a few seconds); <c>CORTEX_CAMPAIGN_ITERATIONS=100000</c> runs a long campaign (see the README's testing section).
/// </summary>
[Collection(CampaignCollectionDefinition.Name)]
public sealed class SpecCampaignTests(ITestOutputHelper output)
{
    private static readonly Gen<Mutation> Mutations =
        Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, int.MaxValue - 1], Gen.Int[0, 1000], (kind, target, choice) => new Mutation(kind, target, choice));

    private static readonly Gen<(int Seed, Mutation[] Mutations)> Cases = Gen.Select(Gen.Int[0, CampaignSeeds.Specs.Count - 1], Mutations.Array[1, 2]);

    [Fact]
    public void MutatedSpecs_ExitCleanly_WithOneErrorLine_InBoundedTimeAndMemory()
    {
        var report = new CampaignReport();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Action<int, Mutation[]> check = (seed, mutations) =>
        {
            using var dir = new TempDirectory();
            var spec = dir.File("spec.json");
            File.WriteAllBytes(spec, JsonMutator.Apply(CampaignSeeds.Specs[seed].Document, mutations));
            var validate = BoundedCommand.Run("validate", spec);
            var run = BoundedCommand.Run("run", spec, "--out", dir.File("out"), "--no-plot");
            outcomes.AddOrUpdate($"validate {validate.Result?.ExitCode}, run {run.Result?.ExitCode}", 1, (_, n) => n + 1);
            var breaches = CommandContract.Breaches(validate).Concat(CommandContract.Breaches(run)).ToList();
            var refused = validate.Result?.ExitCode == ExitCodes.BadInput;
            if (validate.Result is not null && run.Result is not null && refused != (run.Result.ExitCode == ExitCodes.BadInput))
                breaches.Add(refused ? "run accepted a spec that validate refuses" : "run refused a spec that validate accepts");
            report.Add(Describe(seed, mutations), breaches, [validate, run]);
        };
        CampaignSettings.Run(Cases, check, 100, c => Describe(c.Item1, c.Item2));
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"{outcome}: {count} cases");
        Assert.True(report.Count == 0, $"{report.Count} cases broke the contract; see {Environment.GetEnvironmentVariable(CampaignReport.ReportVariable)}");
    }

    private static string Describe(int seed, Mutation[] mutations) => $"{CampaignSeeds.Specs[seed].Name} with {string.Join(", ", mutations)}";
}

/// <summary>The campaign measures the heap of the whole process: its cases run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CampaignCollectionDefinition
{
    public const string Name = "bad-input campaign";
}
