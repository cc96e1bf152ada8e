using System.Reflection;
using Xunit;

namespace Cortex.Hardware.Cpu.Tests;

public class HotPathsTests
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Theory]
    [InlineData(typeof(CpuSession), "StepOnce")]
    [InlineData(typeof(CpuPopulation), "Update")]
    [InlineData(typeof(CpuReceptor), "ArriveLinear")]
    [InlineData(typeof(CompactSynapses), "Deliver")]
    public void The_per_step_methods_are_among_those_compiled_when_the_first_session_opens(Type type, string name)
    {
        var methods = type.GetMethods(Declared).Where(m => m.Name == name).ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(HotPaths.IsCompiledAhead(m), $"{type.Name}.{name} would compile at step 0"));
    }

    [Fact]
    public void Compiling_ahead_covers_every_method_it_selects_once_per_process()
    {
        var selected = typeof(CpuSession).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetMethods(Declared)).Count(HotPaths.IsCompiledAhead);

        Assert.True(selected >= 10, $"only {selected} per-step methods found");
        Assert.Equal(selected, HotPaths.EnsureCompiled());
        Assert.Equal(selected, HotPaths.EnsureCompiled());
    }
}
