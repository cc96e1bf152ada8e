using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Cortex.Input;

namespace Cortex.Plugins.Loading;

/// <summary>
/// What the loader reads from a candidate assembly's metadata before loading it: whether it declares a plugin,
/// its name and version, and the SDK version it was compiled against. Reading metadata loads no code, so a
/// plugin built for another SDK is refused before it can fail in confusing ways.
/// </summary>
/// <param name="Path">The assembly file.</param>
/// <param name="Name">Assembly simple name.</param>
/// <param name="Version">Informational version when present (without a +commit suffix), else the assembly version.</param>
/// <param name="SdkVersion">Version of <c>Cortex.Plugins.Abstractions</c> it references, or null.</param>
/// <param name="IsPlugin">True when it carries <see cref="CortexPluginAttribute"/>.</param>
public sealed record PluginAssemblyInfo(string Path, string Name, string Version, Version? SdkVersion, bool IsPlugin)
{
    private const string SdkAssemblyName = "Cortex.Plugins.Abstractions";

    /// <summary>Simple names of the assemblies it references: the loader binds a reference to another plugin to that plugin's loaded copy.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="BadImageFormatException"/> when it is not a .NET assembly.</summary>
    public static PluginAssemblyInfo Read(string path)
    {
        InputFile.Check(path, "plugin assembly", InputFile.BinaryCap);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) throw new BadImageFormatException("the file has no .NET metadata (a native library?)", path);
        var metadata = pe.GetMetadataReader();
        if (!metadata.IsAssembly) throw new BadImageFormatException("the file is a .NET module, not an assembly", path);
        var definition = metadata.GetAssemblyDefinition();
        var name = metadata.GetString(definition.Name);
        var version = definition.Version.ToString(3);
        var isPlugin = false;
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            var (ns, type) = AttributeType(metadata, attribute);
            if (ns == "Cortex.Plugins" && type == nameof(CortexPluginAttribute)) isPlugin = true;
            else if (ns == "System.Reflection" && type == nameof(AssemblyInformationalVersionAttribute)
                     && ReadStringArgument(metadata, attribute) is { Length: > 0 } informational)
                version = informational.Split('+')[0];
        }
        Version? sdk = null;
        var references = new List<string>();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            var referenceName = metadata.GetString(reference.Name);
            references.Add(referenceName);
            if (referenceName == SdkAssemblyName) sdk = reference.Version;
        }
        return new PluginAssemblyInfo(System.IO.Path.GetFullPath(path), name, version, sdk, isPlugin) { References = references };
    }

    private static (string Namespace, string Name) AttributeType(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type;
        if (attribute.Constructor.Kind == HandleKind.MemberReference)
            type = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        else if (attribute.Constructor.Kind == HandleKind.MethodDefinition)
            type = metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        else return ("", "");
        switch (type.Kind)
        {
            case HandleKind.TypeReference:
                var reference = metadata.GetTypeReference((TypeReferenceHandle)type);
                return (metadata.GetString(reference.Namespace), metadata.GetString(reference.Name));
            case HandleKind.TypeDefinition:
                var definition = metadata.GetTypeDefinition((TypeDefinitionHandle)type);
                return (metadata.GetString(definition.Namespace), metadata.GetString(definition.Name));
            default:
                return ("", "");
        }
    }

    private static string? ReadStringArgument(MetadataReader metadata, CustomAttribute attribute)
    {
        var blob = metadata.GetBlobReader(attribute.Value);
        if (blob.Length < 2 || blob.ReadUInt16() != 1) return null;
        return blob.ReadSerializedString();
    }
}
