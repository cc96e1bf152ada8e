using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Cortex.Benchmarks;

/// <summary>
/// Entry point. <c>stream [options]</c> runs the STREAM-like triad (<see cref="StreamTriad"/>);
/// anything else goes to BenchmarkDotNet's switcher, e.g. <c>--filter *Lif* -j short</c> or <c>--list flat</c>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "stream", StringComparison.OrdinalIgnoreCase))
            return StreamTriad.Run(args[1..]);

        // Results go under bin/ (ignored by git) unless --artifacts says otherwise.
        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
