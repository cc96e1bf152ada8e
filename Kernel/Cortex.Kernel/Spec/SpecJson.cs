using System.Text;
using System.Text.Json;
using Cortex.Input;

namespace Cortex.Spec;

/// <summary>
/// The JSON front door: reads a spec with units as strings ("20 ms") and writes it back in the same
/// shape. Reading reports every structural problem at once with its path; malformed JSON gives line
/// and column.
/// </summary>
public static class SpecJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a spec file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SpecFormatException">The file is not valid JSON.</exception>
    /// <exception cref="SpecValidationException">The JSON does not describe a spec.</exception>
    public static NetworkSpec Load(string path)
    {
        InputFile.Check(path, "spec file", InputFile.TextCap);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a spec from JSON text; <paramref name="source"/> names it in messages.</summary>
    public static NetworkSpec Parse(string json, string? source = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = $"{source ?? "spec"}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}";
            throw new SpecFormatException($"{where}: malformed JSON: {FirstSentence(e.Message)}", e);
        }
        using (document)
        {
            var reader = new SpecJsonReader();
            NetworkSpec spec;
            try
            {
                spec = reader.ReadNetwork(document.RootElement);
            }
            catch (InvalidOperationException) when (JsonStrings.FirstUndecodable(document.RootElement) is { } bad)
            {
                // A lone UTF-16 surrogate ("\ud800") is valid JSON syntax but no string, and reading it throws: name where it is.
                throw new SpecValidationException([new SpecError(bad.Length == 0 ? "(root)" : bad, "holds an invalid string (a lone UTF-16 surrogate escape such as \\ud800)")], source);
            }
            if (reader.Errors.Count > 0) throw new SpecValidationException(reader.Errors, source);
            return spec;
        }
    }

    /// <summary>Writes a spec as indented JSON that <see cref="Parse"/> reads back to an equal spec.</summary>
    public static string Write(NetworkSpec spec)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            SpecJsonWriter.Write(writer, spec);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a spec to a file.</summary>
    public static void Save(NetworkSpec spec, string path) => File.WriteAllText(path, Write(spec));

    // System.Text.Json appends " LineNumber: … | BytePositionInLine: …" which we already show.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
