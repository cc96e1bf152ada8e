using System.Reflection;
using Cortex.Compilation;
using Cortex.Hardware.Cpu;
using Cortex.Modules;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;
using GuideExamples;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// The built-in models, the CPU backend and the guide's plugin, registered in-process the way the host registers loaded
/// plugins; and the repository, for the test that compares Plugins/README.md with the sample sources.
/// </summary>
internal static class GuideRuntime
{
    /// <summary>The backends every example is checked on: the reference semantics and the fast one.</summary>
    public static readonly string[] Backends = ["reference", "cpu"];

    private static readonly CortexRuntime Runtime = CortexRuntime.Create(
        CortexRuntime.PluginsIn(typeof(ModulesPlugin).Assembly)
            .Concat(CortexRuntime.PluginsIn(typeof(CpuBackendPlugin).Assembly))
            .Append(new GuideExamplesPlugin()));

    public static ComponentRegistry Registry => Runtime.Registry;

    public static CompiledNetwork Compile(NetworkSpec spec) => new NetworkCompiler(Registry).Compile(spec);

    public static ClosedLoopSession Open(NetworkSpec spec, string backend) => ClosedLoopSession.Open(Compile(spec), Registry.GetBackend(backend));

    /// <summary>The repository root (where Cortex.sln is).</summary>
    public static string Root { get; } = typeof(GuideRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
