using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Cortex.Plugins.Loading;

/// <summary>
/// Which plugin's code threw an exception, and which of its components when the throwing type belongs to one:
/// the host turns such an exception into one line naming the plugin instead of an "internal error".
/// </summary>
/// <param name="Plugin">The plugin whose code threw.</param>
/// <param name="Component">The component whose code threw, when the throwing type is (or is nested in, or specialises a generic over) a component's type.</param>
public sealed record PluginBlame(PluginRecord Plugin, PluginComponent? Component)
{
    /// <summary>The exception (of the chain given to <see cref="PluginCatalog.Blame"/>) that the plugin's code threw.</summary>
    public Exception? Thrown { get; init; }

    private static readonly ConditionalWeakTable<Exception, PluginBlame> FirstThrown = [];

    // Set while this thread runs the first-chance handler: an exception inside it (an allocation failing under memory
    // pressure) raises the event again, and a handler that recursed or threw there makes the CLR fail fast
    // ("Internal CLR error 0x80131506"). Read only after the exception's type: the first read on a thread allocates
    // the thread's statics, which under memory pressure throws an OutOfMemoryException that raises the event again.
    [ThreadStatic]
    private static bool _inHandler;

    /// <summary>"plugin 'X' (path): neuron model 'qif'" — who threw, for error lines.</summary>
    public string Culprit => Component is { Kind: not ComponentKind.Service } c
        ? $"plugin '{Plugin.Name}' ({Plugin.Assembly.Path}): {PluginComponent.Describe(c.Kind)} '{c.Name}'"
        : $"plugin '{Plugin.Name}' ({Plugin.Assembly.Path})";

    internal static PluginBlame? Find(Exception exception, IReadOnlyList<PluginRecord> plugins)
    {
        foreach (var e in Chain(exception))
            if (FirstThrown.TryGetValue(e, out var noted) && plugins.Contains(noted.Plugin)) return noted with { Thrown = e };
        foreach (var e in Chain(exception))
            if (FromFrames(new StackTrace(e, false).GetFrames(), plugins) is { } blame) return blame with { Thrown = e };
        return null;
    }

    internal static IDisposable Track(IReadOnlyList<PluginRecord> plugins)
    {
        var snapshot = plugins.ToArray();
        void OnFirstChance(object? sender, FirstChanceExceptionEventArgs args)
        {
            // Out of memory: allocate nothing (walking the stack would), blame by the exception's own frames later if memory allows.
            if (args.Exception is OutOfMemoryException or InsufficientExecutionStackException || _inHandler) return;
            _inHandler = true;
            try
            {
                if (FirstThrown.TryGetValue(args.Exception, out _)) return;
                // The current stack still holds every frame down to the throw site, whichever thread threw.
                if (FromFrames(new StackTrace(1, false).GetFrames(), snapshot) is { } blame) FirstThrown.TryAdd(args.Exception, blame);
            }
#pragma warning disable CA1031 // The handler must never throw: blame is a courtesy, the exception itself is what matters.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                _inHandler = false;
            }
        }
        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        return new Subscription(() => AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } innerException) pending.Push(innerException);
        }
    }

    // From the throw site outwards: the first frame that is plugin code decides. Framework and SDK frames are
    // passed over (a plugin calling Math.Log or ParameterValues is still the plugin's fault); any other host
    // frame (kernel, loader, CLI) means the host threw. A frame of generic SDK code specialised over a plugin's
    // type (NeuronGroup<TState, TParams, TDynamics>.StepMany) counts as that plugin's, since its dynamics may be inlined there.
    private static PluginBlame? FromFrames(StackFrame[] frames, IReadOnlyList<PluginRecord> plugins)
    {
        var blameable = plugins.Where(p => p.Origin != PluginOrigin.BuiltIn || !IsHostAssembly(p.LoadedAssembly)).ToList();
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            if (type is null) continue;
            foreach (var candidate in TypesOf(type, method!))
            {
                if (blameable.FirstOrDefault(p => p.LoadedAssembly == candidate.Assembly) is not { } owner) continue;
                var plugin = plugins.Where(p => p.LoadedAssembly == candidate.Assembly).FirstOrDefault(p => ComponentOf(p, candidate) is not null) ?? owner;
                return new PluginBlame(plugin, ComponentOf(plugin, candidate));
            }
            if (!IsPassThrough(type.Assembly)) return null;
        }
        return null;
    }

    private static IEnumerable<Type> TypesOf(Type type, MethodBase method)
    {
        yield return type;
        if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) yield return argument;
        if (method.IsGenericMethod && method is MethodInfo info) foreach (var argument in info.GetGenericArguments()) yield return argument;
    }

    private static PluginComponent? ComponentOf(PluginRecord plugin, Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
            if (plugin.Components.FirstOrDefault(c => c.Instance?.GetType() == t) is { } component) return component;
        return plugin.Components.Count(c => c.Kind != ComponentKind.Service) == 1 ? plugin.Components.First(c => c.Kind != ComponentKind.Service) : null;
    }

    private static bool IsPassThrough(Assembly assembly)
    {
        var name = assembly.GetName().Name ?? "";
        return assembly == typeof(ICortexPlugin).Assembly || name is "System" or "mscorlib" or "netstandard"
               || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
    }

    // The kernel is a built-in plugin too, but an exception from it is a Cortex bug, not a plugin's.
    private static bool IsHostAssembly(Assembly assembly) => assembly == typeof(Registry.CortexRuntime).Assembly;

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
