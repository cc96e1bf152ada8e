namespace Cortex.Nir.Tests;

/// <summary>A file path in a fresh temporary directory, deleted with the directory on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cortex-nir-").FullName;

    public TempFile(string name = "model.nir") => Path = System.IO.Path.Combine(_directory, name);

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
