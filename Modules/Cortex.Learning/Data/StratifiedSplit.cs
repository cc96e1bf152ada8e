namespace Cortex.Learning.Data;

/// <summary>
/// Splits sample indices into train and test so that every class keeps (to within one sample) the same
/// test fraction; seeded, so the same seed always gives the same split. Both lists are sorted.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Per class c with n_c samples, round(n_c · <paramref name="testFraction"/>) samples, chosen by a
    /// seeded shuffle of that class, go to the test set and the rest to the training set.
    /// </summary>
    public static (long[] Train, long[] Test) Create(IReadOnlyList<long> labels, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "test fraction must be in (0, 1)");
        var train = new List<long>();
        var test = new List<long>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            var order = SeededPermutation.Create(members.Length, seed, SeededPermutation.SplitPurpose, group.Key);
            var testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            for (var k = 0; k < members.Length; k++)
                (k < testCount ? test : train).Add(members[order[k]]);
        }
        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }
}
