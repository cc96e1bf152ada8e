namespace Cortex.BrainRegions.Tests.WholeBrain;

/// <summary>A test that reads the shared connectome sets; skipped, with the reason, only when they are absent and CI is not set.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>The shared TVB folder (<c>/work/shared/data/tvb</c> unless <c>CORTEX_DATA</c> says otherwise).</summary>
    public static string Root => Environment.GetEnvironmentVariable("CORTEX_DATA") is { Length: > 0 } data ? System.IO.Path.Combine(data, "tvb") : "/work/shared/data/tvb";

    public SharedDataFactAttribute()
    {
        var underCi = Environment.GetEnvironmentVariable("CI") is { Length: > 0 };
        if (!Directory.Exists(Root) && !underCi) Skip = $"{Root} is absent (the shared connectome data); set CORTEX_DATA to its parent folder";
    }
}
