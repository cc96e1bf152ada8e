using Cortex.Plots;

namespace Cortex.Plots.Tests;

/// <summary>
/// Entry point of the test assembly run as a program, for tests that need a separate process:
/// <c>dotnet Cortex.Plots.Tests.dll render-raster OUT.png</c> renders <see cref="SampleRun"/> and prints how many
/// named font families the system offers (0 when they are hidden).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "render-raster")
        {
            SampleRun.Render(args[1]);
            // Skia's font manager without fonts still lists one nameless (empty) family.
            var families = SkiaSharp.SKFontManager.Default.GetFontFamilies().Where(f => f.Length > 0).ToArray();
            Console.WriteLine($"system-font-families={families.Length}: {string.Join(", ", families)}");
            return 0;
        }
        Console.Error.WriteLine("usage: Cortex.Plots.Tests render-raster OUT.png");
        return 2;
    }
}
