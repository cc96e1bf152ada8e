namespace Cortex.Plugins;

/// <summary>Marks an assembly as a Cortex plugin and names its entry type.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class CortexPluginAttribute(Type pluginType) : Attribute
{
    /// <summary>The type implementing <see cref="ICortexPlugin"/>, created with its parameterless constructor.</summary>
    public Type PluginType { get; } = pluginType;
}
