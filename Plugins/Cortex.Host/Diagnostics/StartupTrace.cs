using System.Diagnostics;

namespace Cortex.Host.Diagnostics;

/// <summary>
/// With <c>CORTEX_TRACE_STARTUP=1</c>, prints the milliseconds since the process started (wall clock, and CPU time of
/// all its threads, and the methods the JIT compiled so far and its time) at named points of a command (one <c>startup:</c> line each, on standard error), so where a short command's wall time goes (runtime start,
/// plugin discovery, compile, first step, summary, exit) can be measured on any machine without a profiler.
/// Off, a mark costs one branch.
/// </summary>
internal static class StartupTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string Variable = "CORTEX_TRACE_STARTUP";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) is "1" or "true";
    private static readonly DateTime ProcessStart = Enabled ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    /// <summary>Prints the time since the process started and <paramref name="point"/>, when the trace is on.</summary>
    public static void Mark(string point)
    {
        if (!Enabled) return;
        // CPU time of every thread besides wall time: on a loaded machine the wall clock also counts waiting for a core.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        Console.Error.WriteLine(FormattableString.Invariant(
            $"startup: {(DateTime.UtcNow - ProcessStart).TotalMilliseconds,7:0} ms wall {cpu,7:0} ms cpu {System.Runtime.JitInfo.GetCompiledMethodCount(),5} methods JIT-compiled in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,5:0} ms  {point}"));
    }
}
