using System.CommandLine;
using System.Text.Json;
using Cortex.Plugins.Loading;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex plugins [--json]</c>: every plugin, built-ins included, with version, SDK version, path and each component
/// it registers by kind, then every refused plugin with its reason. Exits 4 when any plugin was refused.
/// </summary>
internal static class PluginsCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON (for scripts)" };
        var command = new Command("plugins", "List every plugin (built-ins included): name, version, path and the components it registers") { json };
        command.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            using var catalog = RunPipeline.CreateRuntime(console, reportFaults: false);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(ToJson(catalog, console.PluginSearch), JsonOptions));
            else PrintText(console, catalog);
            return catalog.Faults.Count == 0 ? ExitCodes.Ok : ExitCodes.PluginsRefused;
        }));
        return command;
    }

    private static void PrintText(CliConsole console, PluginCatalog catalog)
    {
        console.Out.WriteLine($"Cortex plugin SDK {PluginCatalog.HostSdkVersion.ToString(3)}; searched: " +
                              (console.PluginSearch.Directories.Count == 0 ? "built-ins only" : string.Join(", ", console.PluginSearch.Directories.Select(d => d.Path))));
        foreach (var plugin in catalog.Plugins)
        {
            console.Out.WriteLine();
            console.Out.WriteLine($"{plugin.Name} {plugin.Assembly.Version} ({Origin(plugin.Origin)}, SDK {plugin.Assembly.SdkVersion?.ToString(3) ?? "?"})");
            console.Out.WriteLine($"  path: {plugin.Assembly.Path}");
            foreach (var group in plugin.Components.GroupBy(c => c.Kind))
                console.Out.WriteLine($"  {PluginComponent.Describe(group.Key)}s: {string.Join(", ", group.Select(c => c.Name))}");
            if (plugin.Components.Count == 0) console.Out.WriteLine("  (registers nothing)");
        }
        foreach (var warning in catalog.Warnings) console.Warn(warning);
        if (catalog.Faults.Count == 0) return;
        console.Out.WriteLine();
        console.Out.WriteLine($"refused ({catalog.Faults.Count}):");
        foreach (var fault in catalog.Faults) console.Out.WriteLine($"  {fault.Message}");
    }

    private static string Origin(PluginOrigin origin) => origin switch
    {
        PluginOrigin.BuiltIn => "built-in",
        PluginOrigin.HostFolder => "host plugins/ folder",
        PluginOrigin.UserFolder => "~/.cortex/plugins",
        PluginOrigin.ConfigFile => "~/.cortex/config.json",
        PluginOrigin.Environment => PluginSearchPath.PluginsVariable,
        _ => "--plugins",
    };

    private static Dictionary<string, object> ToJson(PluginCatalog catalog, PluginSearchPath search) => new()
    {
        ["sdk_version"] = PluginCatalog.HostSdkVersion.ToString(3),
        ["search_path"] = search.Directories.Select(d => new Dictionary<string, string> { ["path"] = d.Path, ["origin"] = Origin(d.Origin) }),
        ["plugins"] = catalog.Plugins.Select(p => new Dictionary<string, object?>
        {
            ["name"] = p.Name,
            ["assembly"] = p.Assembly.Name,
            ["version"] = p.Assembly.Version,
            ["sdk_version"] = p.Assembly.SdkVersion?.ToString(3),
            ["origin"] = Origin(p.Origin),
            ["path"] = p.Assembly.Path,
            ["components"] = Enum.GetValues<ComponentKind>()
                .Where(k => p.Components.Any(c => c.Kind == k))
                .ToDictionary(k => JsonKey(k), k => p.Components.Where(c => c.Kind == k).Select(c => c.Name).ToList()),
        }),
        ["refused"] = catalog.Faults.Select(f => new Dictionary<string, string?>
        {
            ["path"] = f.Path,
            ["plugin"] = f.Plugin,
            ["kind"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()),
            ["reason"] = f.Reason,
            ["message"] = f.Message,
        }),
    };

    private static string JsonKey(ComponentKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()) + "s";
}
