using Cortex.Registry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins.Tests.Support;

/// <summary>
/// Compiles small plugin assemblies in-process with Roslyn, against the SDK the host uses: each fault class gets a
/// real assembly in a real folder in milliseconds, where a dotnet build would take seconds.
/// </summary>
internal static class PluginCompiler
{
    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "System.dll" or "netstandard.dll" or "mscorlib.dll"))
            .Select(p => MetadataReference.CreateFromFile(p)),
    ]);

    /// <summary>The real SDK, DI abstractions and kernel, as a plugin compiles against them.</summary>
    public static IReadOnlyList<MetadataReference> Sdk { get; } =
    [
        MetadataReference.CreateFromFile(typeof(ICortexPlugin).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
    ];

    /// <summary>The kernel, for plugins that provide a backend.</summary>
    public static MetadataReference Kernel { get; } = MetadataReference.CreateFromFile(typeof(CortexRuntime).Assembly.Location);

    /// <summary>
    /// A stand-in for the SDK of another major version (same assembly name, just the plugin entry contract), to
    /// compile plugins that the host must refuse for their SDK.
    /// </summary>
    public static MetadataReference FakeSdk(string directory, int major) => MetadataReference.CreateFromFile(Compile(directory, "Cortex.Plugins.Abstractions", $$"""
        [assembly: System.Reflection.AssemblyVersion("{{major}}.0.0.0")]
        namespace Cortex.Plugins;
        public interface ICortexPlugin { string Name { get; } void Configure(object services); }
        [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)]
        public sealed class CortexPluginAttribute(System.Type pluginType) : System.Attribute { public System.Type PluginType { get; } = pluginType; }
        """, []));

    /// <summary>Compiles <paramref name="source"/> into <paramref name="directory"/>/<paramref name="assemblyName"/>.dll; throws with the diagnostics when it does not compile.</summary>
    public static string Compile(string directory, string assemblyName, string source, IEnumerable<MetadataReference>? references = null)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(assemblyName, [tree], [.. Framework.Value, .. references ?? Sdk],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, assemblyName + ".dll");
        using (var stream = File.Create(path))
        {
            var result = compilation.Emit(stream);
            if (!result.Success)
                throw new InvalidOperationException($"{assemblyName} does not compile:\n" +
                    string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        return path;
    }
}

/// <summary>Sources of the test plugins.</summary>
internal static class TestPlugins
{
    /// <summary>
    /// A plugin registering neuron model <paramref name="model"/>: v grows by gain·(1 + I) per step and fires at 10
    /// (so with no input it fires every ⌈10/gain⌉ steps); with parameter fuse > 0 it throws after that many steps.
    /// </summary>
    public static string Neuron(string plugin, string model, double gain = 1, string version = "1.0.0",
        string constructor = "", string configure = "", string extra = "") => $$"""
        using System;
        using System.Collections.Generic;
        using Cortex.Models;
        using Cortex.Plugins;
        using Cortex.Units;
        using Microsoft.Extensions.DependencyInjection;

        [assembly: CortexPlugin(typeof(TestPlugin.P))]
        [assembly: System.Reflection.AssemblyVersion("{{version}}.0")]
        [assembly: System.Reflection.AssemblyInformationalVersion("{{version}}")]

        namespace TestPlugin;

        public sealed class P : ICortexPlugin
        {
            public P() { {{constructor}} }
            public string Name => "{{plugin}}";
            public void Configure(IServiceCollection services) { {{configure}} services.AddNeuronModel(new M()); }
        }

        public sealed class M : NeuronModel<M.S, M.Prm, M.Dyn>
        {
            public override string Name => "{{model}}";
            public override string Description => "test model {{model}} v{{version}}";
            public override IReadOnlyList<ParameterSpec> Parameters { get; } =
            [
                new("gain", Dimension.Dimensionless, {{gain.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, ValueRule.Positive, "mV per step"),
                new("fuse", Dimension.Dimensionless, 0, ValueRule.NonNegative, "throw after this many steps (0: never)"),
            ];
            public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("v", Dimension.Voltage, "v")];
            public override Prm Prepare(ParameterValues p, double dt) => new((float)p["gain"], (long)p["fuse"]);
            public override S InitialState(ParameterValues p) => default;
            public readonly record struct Prm(float Gain, long Fuse);
            public struct S { public float V; public long Steps; }
            public readonly struct Dyn : INeuronDynamics<S, Prm>
            {
                public bool Step(ref S s, in Prm p, in NeuronInput input)
                {
                    if (p.Fuse > 0 && ++s.Steps >= p.Fuse) throw new InvalidOperationException($"fuse burnt out after {p.Fuse} steps");
                    s.V += p.Gain * (1 + input.Current);
                    if (s.V < 10) return false;
                    s.V = 0;
                    return true;
                }
                public float Voltage(in S s) => s.V;
                public void AddVoltage(ref S s, in Prm p, float jump) => s.V += jump;
                public float Get(in S s, int variable) => s.V;
                public void Set(ref S s, int variable, float value) => s.V = value;
            }
        }

        {{extra}}
        """;

    /// <summary>A spec with one population of <paramref name="model"/> (recorded) next to a LIF population that fires steadily.</summary>
    public static string Spec(string model, int size = 3, string duration = "20 ms", string parameters = "{}") => $$"""
        {
          "name": "plugin-test",
          "simulation": { "dt": "0.1 ms", "duration": "{{duration}}", "seed": 1 },
          "populations": [
            { "name": "lif", "size": 2, "model": "lif" },
            { "name": "cells", "size": {{size}}, "model": "{{model}}", "params": {{parameters}} }
          ],
          "stimuli": [ { "type": "dc", "target": "lif", "amplitude": "1 nA" } ],
          "probes": [ { "type": "spikes", "population": "lif" }, { "type": "spikes", "population": "cells" } ]
        }
        """;
}
