namespace Cortex.Plugins.Loading;

/// <summary>
/// Decides which discovered plugin assemblies load, and in which order, so that a plugin that references another
/// plugin binds to that plugin's one loaded copy. A plugin's build output carries copies of the plugins it references;
/// such a bundled copy (a plugin assembly that another plugin in the same folder references) is not a second plugin:
/// it is skipped when the plugin it copies is loaded from elsewhere (a built-in, or a copy that nobody bundles), and
/// only the first bundled copy loads when there is no other. Plugins then load after the plugins they reference,
/// otherwise in search order, because a load context can only bind to an assembly that is already loaded.
/// </summary>
internal static class PluginLoadOrder
{
    /// <summary>A plugin assembly found on the search path.</summary>
    /// <param name="Info">What its metadata says.</param>
    /// <param name="Origin">Which folder of the search path it was found in.</param>
    internal sealed record Candidate(PluginAssemblyInfo Info, PluginOrigin Origin)
    {
        public string Name => Info.Name;

        public string? Folder => Path.GetDirectoryName(Info.Path);
    }

    /// <summary>
    /// The candidates to load, in load order: bundled copies that are not needed are left out; every other copy of a
    /// name stays (the catalog refuses a second copy of a plugin as a duplicate). <paramref name="loaded"/> holds the
    /// names of the plugin assemblies already loaded (the built-ins).
    /// </summary>
    public static IReadOnlyList<Candidate> Arrange(IReadOnlyList<Candidate> candidates, IReadOnlySet<string> loaded)
    {
        var bundled = candidates.Where(c => IsBundled(c, candidates)).ToHashSet();
        var winners = new Dictionary<string, Candidate>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<Candidate>();
        foreach (var group in candidates.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            var winner = loaded.Contains(group.Key) ? null : group.FirstOrDefault(c => !bundled.Contains(c)) ?? group.First();
            if (winner is not null) winners[group.Key] = winner;
            kept.AddRange(group.Where(c => c == winner || !bundled.Contains(c)));
        }

        var order = new List<Candidate>();
        var visiting = new HashSet<Candidate>();
        var done = new HashSet<Candidate>();
        void Visit(Candidate candidate)
        {
            if (done.Contains(candidate) || !visiting.Add(candidate)) return; // a reference cycle: load in search order
            foreach (var reference in candidate.Info.References)
                if (winners.TryGetValue(reference, out var dependency) && dependency != candidate) Visit(dependency);
            visiting.Remove(candidate);
            done.Add(candidate);
            order.Add(candidate);
        }
        foreach (var candidate in candidates.Where(kept.Contains)) Visit(candidate);
        return order;
    }

    // Another plugin in the same folder references it: it is that plugin's copy of a dependency.
    private static bool IsBundled(Candidate copy, IReadOnlyList<Candidate> candidates) =>
        candidates.Any(other => !string.Equals(other.Name, copy.Name, StringComparison.OrdinalIgnoreCase)
                                && string.Equals(other.Folder, copy.Folder, StringComparison.Ordinal)
                                && other.Info.References.Contains(copy.Name, StringComparer.OrdinalIgnoreCase));
}
