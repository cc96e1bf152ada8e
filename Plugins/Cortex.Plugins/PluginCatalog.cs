using System.Reflection;
using System.Runtime.Loader;
using Cortex.Registry;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins.Loading;

/// <summary>
/// Loads the built-in plugin assemblies and every plugin found on a <see cref="PluginSearchPath"/>, each discovered
/// assembly in its own unloadable load context that shares only the contract assemblies with the host (the SDK,
/// DI abstractions and the kernel) and the plugins it references: a plugin assembly is loaded once, and a plugin that
/// references it binds to that copy (see <see cref="PluginLoadOrder"/> and <see cref="PluginDependencyContext"/>).
/// Each plugin configures a service collection of its own; its components are checked (created, named, no clash with
/// earlier plugins) before they are committed to the runtime, so a faulty plugin is refused with one message naming
/// its path and the rest carry on. Disposing the catalog releases the runtime, the plugins' providers and then their
/// load contexts. Hosts and library callers get one through the composition root (<c>AddCortex</c>).
/// </summary>
public sealed class PluginCatalog : IDisposable
{
    /// <summary>Types whose assemblies every plugin shares with the host: SDK, DI abstractions, kernel (for backends).</summary>
    public static readonly IReadOnlyList<Type> SharedTypes = [typeof(ICortexPlugin), typeof(IServiceCollection), typeof(CortexRuntime)];

    private readonly List<PluginRecord> _plugins = [];
    private readonly List<PluginFault> _faults = [];
    private readonly List<string> _warnings = [];
    private readonly List<PluginLoader> _loaders = [];
    private readonly List<WeakReference> _contexts = [];
    private readonly Dictionary<(ComponentKind Kind, string Name), PluginRecord> _names = [];
    private readonly HashSet<string> _assemblyNames = new(StringComparer.OrdinalIgnoreCase);
    // Plugin assemblies that loaded (a plugin referencing one binds to it), and those refused (a plugin referencing one is refused too).
    private readonly Dictionary<string, Assembly> _pluginAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _refusedAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private CortexRuntime? _runtime;

    private PluginCatalog()
    {
    }

    /// <summary>The plugins that loaded, built-ins first, then in search order except that a plugin comes after the plugins it references.</summary>
    public IReadOnlyList<PluginRecord> Plugins => _plugins;

    /// <summary>Every refused plugin (and configuration problem), in the order met.</summary>
    public IReadOnlyList<PluginFault> Faults => _faults;

    /// <summary>
    /// Things in plugin folders that were ignored but not refused, one line each: a .NET assembly that is no Cortex plugin
    /// (no <c>[assembly: CortexPlugin]</c>) and that no plugin references, so a plugin built without the attribute, or
    /// copied to the wrong place, is not skipped without a word.
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The runtime built from every plugin that loaded.</summary>
    public CortexRuntime Runtime => _runtime ?? throw new ObjectDisposedException(nameof(PluginCatalog));

    /// <summary>The registered components (shortcut for <c>Runtime.Registry</c>).</summary>
    public ComponentRegistry Registry => Runtime.Registry;

    /// <summary>Weak references to the load contexts of the discovered plugins, to check they are released after <see cref="Dispose"/>.</summary>
    public IReadOnlyList<WeakReference> LoadContexts => _contexts;

    /// <summary>The SDK version of this host.</summary>
    public static Version HostSdkVersion => SdkVersion.Current;

    /// <summary>
    /// Loads <paramref name="builtIns"/> (assemblies already in the host, each with <see cref="CortexPluginAttribute"/>)
    /// and then the plugins on <paramref name="search"/>; never throws for a faulty plugin.
    /// </summary>
    public static PluginCatalog Load(IEnumerable<Assembly> builtIns, PluginSearchPath search)
    {
        var catalog = new PluginCatalog();
        catalog._faults.AddRange(search.Problems);
        foreach (var assembly in builtIns) catalog.LoadBuiltIn(assembly);
        var candidates = new List<PluginLoadOrder.Candidate>();
        var others = new List<PluginAssemblyInfo>();
        foreach (var directory in search.Directories)
            foreach (var file in Candidates(directory.Path))
                if (catalog.ReadCandidate(file) is { } info)
                {
                    if (info.IsPlugin) candidates.Add(new PluginLoadOrder.Candidate(info, directory.Origin));
                    else if (!IsSharedAssembly(info.Name)) others.Add(info);
                }
        catalog.WarnAboutStrays(candidates.Select(c => c.Info), others);
        foreach (var candidate in PluginLoadOrder.Arrange(candidates, catalog._assemblyNames))
            catalog.LoadDiscovered(candidate.Info, candidate.Origin);
        IServiceCollection services = new ServiceCollection();
        foreach (var plugin in catalog._plugins)
        {
            foreach (var component in plugin.Components)
                if (component.Instance is not null) services.AddSingleton(component.ServiceType, component.Instance);
            foreach (var descriptor in plugin.OtherServices) services.Add(descriptor);
        }
        catalog._runtime = CortexRuntime.FromServices(services, catalog._plugins.Select(p => p.Plugin));
        return catalog;
    }

    /// <summary>The plugin (and, when it can tell, the component) whose code threw <paramref name="exception"/>; null for host code.</summary>
    public PluginBlame? Blame(Exception exception) => PluginBlame.Find(exception, _plugins);

    /// <summary>
    /// Notes, at the moment each exception is first thrown, which plugin's code threw it: backends that rethrow a
    /// worker thread's exception lose the original stack, and this keeps <see cref="Blame"/> right for them.
    /// Dispose the result when the risky work is done.
    /// </summary>
    public IDisposable TrackExceptions() => PluginBlame.Track(_plugins);

    /// <inheritdoc />
    public void Dispose()
    {
        _runtime?.Dispose();
        _runtime = null;
        foreach (var plugin in _plugins) plugin.Provider.Dispose();
        _plugins.Clear();
        _names.Clear();
        _pluginAssemblies.Clear();
        _refusedAssemblies.Clear();
        foreach (var loader in _loaders) loader.Dispose();
        _loaders.Clear();
    }

    // A folder holds plugins directly (a build output folder) or one folder per plugin (plugins/<Name>/<Name>.dll).
    private static IEnumerable<string> Candidates(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        try
        {
            var top = Directory.EnumerateFiles(directory, "*.dll");
            var nested = Directory.EnumerateDirectories(directory).SelectMany(d => Directory.EnumerateFiles(d, "*.dll"));
            return [.. top.Order(StringComparer.Ordinal), .. nested.Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private void LoadBuiltIn(Assembly assembly)
    {
        var info = string.IsNullOrEmpty(assembly.Location)
            ? new PluginAssemblyInfo(assembly.GetName().Name ?? "?", assembly.GetName().Name ?? "?", assembly.GetName().Version?.ToString(3) ?? "?", SdkVersion.Current, true)
            : PluginAssemblyInfo.Read(assembly.Location);
        _assemblyNames.Add(info.Name);
        _pluginAssemblies[info.Name] = assembly;
        CreateAndConfigure(assembly, info, PluginOrigin.BuiltIn);
    }

    // The metadata of a file in a plugin folder; null (and a fault when unreadable) for anything that is not a plugin to load.
    private PluginAssemblyInfo? ReadCandidate(string path)
    {
        PluginAssemblyInfo info;
        try
        {
            info = PluginAssemblyInfo.Read(path);
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Fault(PluginFaultKind.NotReadable, Path.GetFullPath(path), null, $"not a readable .NET assembly ({e.Message})");
            return null;
        }
        return info.IsPlugin && IsSharedAssembly(info.Name) ? null : info;
    }

    // A non-plugin assembly that some plugin needs (directly or through another such assembly) is a dependency, as expected
    // in a plugin's folder; any other is a stray worth one line.
    private void WarnAboutStrays(IEnumerable<PluginAssemblyInfo> plugins, List<PluginAssemblyInfo> others)
    {
        var byName = others.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(plugins.SelectMany(p => p.References));
        while (pending.TryPop(out var name))
        {
            if (!needed.Add(name) || !byName.TryGetValue(name, out var dependency)) continue;
            foreach (var reference in dependency.References) pending.Push(reference);
        }
        foreach (var other in others.Where(o => !needed.Contains(o.Name)))
            _warnings.Add($"{Path.GetFullPath(other.Path)}: a .NET assembly ('{other.Name}') but not a Cortex plugin (no [assembly: CortexPlugin]) and no plugin uses it; ignored");
    }

    private void LoadDiscovered(PluginAssemblyInfo info, PluginOrigin origin)
    {
        if (SdkProblem(info.SdkVersion) is { } sdkProblem)
        {
            Refuse(info, PluginFaultKind.SdkMismatch, sdkProblem);
            return;
        }
        if (!_assemblyNames.Add(info.Name))
        {
            var first = _plugins.FirstOrDefault(p => string.Equals(p.Assembly.Name, info.Name, StringComparison.OrdinalIgnoreCase));
            Fault(PluginFaultKind.DuplicateName, info.Path, null,
                $"an assembly named '{info.Name}' is already loaded{(first is null ? "" : $" from {first.Assembly.Path}")}");
            return;
        }
        var dependencies = info.References.Where(_pluginAssemblies.ContainsKey).ToList();
        if (info.References.FirstOrDefault(r => !_pluginAssemblies.ContainsKey(r) && _refusedAssemblies.ContainsKey(r)) is { } refused)
        {
            Refuse(info, PluginFaultKind.MissingDependency, $"it references plugin assembly '{refused}' ({_refusedAssemblies[refused]}), which was refused");
            return;
        }

        PluginLoader loader;
        Assembly assembly;
        try
        {
            loader = PluginLoader.CreateFromAssemblyFile(info.Path, [.. SharedTypes], config =>
            {
                config.IsUnloadable = true;
                // Read the files into memory: a rebuild can then overwrite them while the plugin is loaded.
                config.LoadInMemory = true;
                if (dependencies.Count == 0) return;
                // The plugins it references bind to their loaded copies, not to copies in its own folder.
                foreach (var name in dependencies) config.SharedAssemblies.Add(new AssemblyName(name));
                config.DefaultContext = DependencyContext(info, dependencies);
            });
        }
        catch (Exception e)
        {
            Refuse(info, PluginFaultKind.LoadFailed, $"cannot create its load context: {Describe(e)}");
            return;
        }
        try
        {
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception e)
        {
            loader.Dispose();
            Refuse(info, KindOf(e, PluginFaultKind.LoadFailed), $"loading the assembly failed: {Describe(e)}");
            return;
        }
        if (DependencyProblem(assembly, loader, info) is { } dependency)
        {
            loader.Dispose();
            Refuse(info, dependency.Kind, dependency.Reason);
            return;
        }
        var before = _plugins.Count;
        CreateAndConfigure(assembly, info, origin);
        if (_plugins.Count == before)
        {
            loader.Dispose();
            _refusedAssemblies[info.Name] = info.Path;
            return;
        }
        _pluginAssemblies[info.Name] = assembly;
        _loaders.Add(loader);
        _contexts.Add(new WeakReference(loader.LoadContext));
    }

    private PluginDependencyContext DependencyContext(PluginAssemblyInfo info, IEnumerable<string> dependencies)
    {
        var contexts = dependencies.Select(d => AssemblyLoadContext.GetLoadContext(_pluginAssemblies[d]))
            .OfType<AssemblyLoadContext>().Where(c => c != AssemblyLoadContext.Default).Distinct();
        return new PluginDependencyContext(info.Name, new Dictionary<string, Assembly>(_pluginAssemblies, StringComparer.OrdinalIgnoreCase), [.. contexts]);
    }

    // A refused plugin assembly also refuses the plugins that reference it, with a message that says why.
    private void Refuse(PluginAssemblyInfo info, PluginFaultKind kind, string reason)
    {
        _refusedAssemblies[info.Name] = info.Path;
        Fault(kind, info.Path, null, reason);
    }

    private static bool IsSharedAssembly(string name) =>
        SharedTypes.Any(t => string.Equals(t.Assembly.GetName().Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Null when a plugin built against SDK <paramref name="built"/> can run on this host; else why not. An older major
    /// version points to the migration notes, since its model contracts changed incompatibly; a newer version (major
    /// or minor) may call members this host lacks.
    /// </summary>
    internal static string? SdkProblem(Version? built)
    {
        var host = SdkVersion.Current;
        if (built is null) return "it does not reference Cortex.Plugins.Abstractions, so it cannot be a Cortex plugin";
        if (built.Major < host.Major)
            return $"built for Cortex SDK {built.ToString(2)}; this host has SDK {host.ToString(2)} — rebuild it against SDK {host.Major} " +
                   $"(see Plugins/README.md, \"Migrating from SDK {built.Major}\")";
        if (built.Major > host.Major || built.Minor > host.Minor)
            return $"built against Cortex plugin SDK {built.ToString(3)}, newer than this host's SDK {host.ToString(3)}; update Cortex or rebuild it against SDK {host.ToString(2)}";
        return null;
    }

    // Every direct reference must resolve now, not halfway through a run; a shared contract must resolve to the host's
    // copy; a plugin it references must be loaded in at least the version it was built against (the runtime would bind
    // an older one silently and fail later, on the first member the older one lacks).
    private (PluginFaultKind Kind, string Reason)? DependencyProblem(Assembly assembly, PluginLoader loader, PluginAssemblyInfo info)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            Assembly resolved;
            try
            {
                resolved = loader.LoadContext.LoadFromAssemblyName(reference);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                return (PluginFaultKind.MissingDependency,
                    $"missing dependency assembly '{reference.Name}, Version={reference.Version}': it is neither in {Path.GetDirectoryName(info.Path)} nor part of the host " +
                    "(copy the plugin's whole build output, including its .deps.json)");
            }
            if (IsSharedAssembly(reference.Name ?? "") && AssemblyLoadContext.GetLoadContext(resolved) != AssemblyLoadContext.Default)
                return (PluginFaultKind.LoadFailed,
                    $"it needs {reference.Name} {reference.Version}, newer than the host's {SharedTypes.First(t => t.Assembly.GetName().Name == reference.Name).Assembly.GetName().Version}");
            if (_pluginAssemblies.TryGetValue(reference.Name ?? "", out var plugin) && ReferenceEquals(plugin, resolved)
                && resolved.GetName().Version is { } loaded && reference.Version is { } needed && loaded < needed)
                return (PluginFaultKind.MissingDependency,
                    $"it was built against plugin assembly '{reference.Name}' {needed}, but {loaded} is loaded " +
                    $"({_plugins.FirstOrDefault(p => ReferenceEquals(p.LoadedAssembly, plugin))?.Assembly.Path ?? "built in"}); install {reference.Name} {needed} or newer");
        }
        return null;
    }

    private void CreateAndConfigure(Assembly assembly, PluginAssemblyInfo info, PluginOrigin origin)
    {
        List<CortexPluginAttribute> attributes;
        try
        {
            attributes = [.. assembly.GetCustomAttributes<CortexPluginAttribute>()];
        }
        catch (Exception e)
        {
            Fault(KindOf(e, PluginFaultKind.LoadFailed), info.Path, null, $"reading its [CortexPlugin] attributes failed: {Describe(e)}");
            return;
        }
        foreach (var type in attributes.Select(a => a.PluginType))
        {
            if (!typeof(ICortexPlugin).IsAssignableFrom(type))
            {
                Fault(PluginFaultKind.LoadFailed, info.Path, null, $"{type.FullName} is named by [CortexPlugin] but does not implement ICortexPlugin");
                continue;
            }
            ICortexPlugin plugin;
            string name;
            try
            {
                plugin = (ICortexPlugin)Activator.CreateInstance(type)!;
                name = plugin.Name;
            }
            catch (Exception e)
            {
                Fault(KindOf(e, PluginFaultKind.LoadFailed), info.Path, null, $"creating {type.FullName} threw {Describe(e)}");
                continue;
            }
            Configure(plugin, string.IsNullOrWhiteSpace(name) ? type.FullName ?? type.Name : name, info, origin, assembly);
        }
    }

    private void Configure(ICortexPlugin plugin, string name, PluginAssemblyInfo info, PluginOrigin origin, Assembly assembly)
    {
        var services = new ServiceCollection();
        try
        {
            plugin.Configure(services);
        }
        catch (Exception e)
        {
            Fault(KindOf(e, PluginFaultKind.ConfigureFailed), info.Path, name, $"Configure threw {Describe(e)}");
            return;
        }
        var provider = services.BuildServiceProvider();
        var components = new List<PluginComponent>();
        try
        {
            foreach (var (kind, serviceType, nameOf) in PluginComponent.Named)
                foreach (var instance in provider.GetServices(serviceType))
                    components.Add(new PluginComponent(kind, nameOf(instance!) ?? "", serviceType, instance));
        }
        catch (Exception e)
        {
            provider.Dispose();
            Fault(KindOf(e, PluginFaultKind.ConfigureFailed), info.Path, name, $"creating the components it registered threw {Describe(e)}");
            return;
        }
        var others = services.Where(d => PluginComponent.Named.All(n => n.ServiceType != d.ServiceType)).ToList();
        if (NameProblem(components) is { } problem)
        {
            provider.Dispose();
            Fault(PluginFaultKind.DuplicateName, info.Path, name, problem);
            return;
        }
        components.AddRange(others.Select(d => new PluginComponent(ComponentKind.Service, d.ServiceType.FullName ?? d.ServiceType.Name, d.ServiceType, null)));
        var record = new PluginRecord(plugin, name, info, origin, assembly, components, others, provider);
        foreach (var component in components.Where(c => c.Kind != ComponentKind.Service)) _names[(component.Kind, component.Name)] = record;
        _plugins.Add(record);
    }

    private string? NameProblem(List<PluginComponent> components)
    {
        var own = new HashSet<(ComponentKind, string)>();
        foreach (var component in components)
        {
            var what = PluginComponent.Describe(component.Kind);
            if (string.IsNullOrWhiteSpace(component.Name)) return $"it registers a {what} ({component.Instance?.GetType().FullName}) with an empty name";
            if (!own.Add((component.Kind, component.Name))) return $"it registers two {what}s named '{component.Name}'";
            if (_names.TryGetValue((component.Kind, component.Name), out var other))
                return $"{what} '{component.Name}' is already registered by plugin '{other.Name}' ({other.Assembly.Path})";
        }
        return null;
    }

    private void Fault(PluginFaultKind kind, string path, string? plugin, string reason) => _faults.Add(new PluginFault(kind, path, plugin, reason));

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is { } inner) e = inner;
        return e;
    }

    private static PluginFaultKind KindOf(Exception e, PluginFaultKind otherwise) =>
        Unwrap(e) is FileNotFoundException or FileLoadException ? PluginFaultKind.MissingDependency : otherwise;

    /// <summary>One line for an exception: the missing assembly when that is the cause, else type and message.</summary>
    internal static string Describe(Exception exception)
    {
        var e = Unwrap(exception);
        return e switch
        {
            FileNotFoundException { FileName: { } file } => $"FileNotFoundException: missing dependency assembly '{file}' (not in the plugin's folder nor in the host)",
            FileLoadException { FileName: { } file } => $"FileLoadException: dependency assembly '{file}' could not be loaded: {e.Message}",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
    }
}
