using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Cortex.Viewer.Output;

/// <summary>
/// Encodes frames to H.264 with Debian's <c>ffmpeg</c>: raw RGBA frames, bottom row first as GL reads them, go through
/// a pipe (<c>-f rawvideo -pix_fmt rgba -s WxH -r fps -i - -vf vflip -pix_fmt yuv420p</c>).
/// </summary>
public sealed class FfmpegVideo : IDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Task<string> _errors;
    private bool _finished;

    private FfmpegVideo(Process process, string path, int width, int height)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _errors = process.StandardError.ReadToEndAsync();
        Path = path;
        Width = width;
        Height = height;
    }

    /// <summary>The video file written.</summary>
    public string Path { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Starts ffmpeg writing <paramref name="path"/>.</summary>
    /// <exception cref="ViewerUnavailableException">ffmpeg is not installed (the message says how to install it).</exception>
    public static FfmpegVideo Start(string path, int width, int height, double fps)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // yuv420p halves the chroma resolution: H.264 needs even sizes.
        if (width % 2 != 0 || height % 2 != 0) throw new ArgumentException($"video frames need an even width and height, got {width}x{height}");
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var executable = Environment.GetEnvironmentVariable("CORTEX_FFMPEG") is { Length: > 0 } overridden ? overridden : "ffmpeg";
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-y", "-hide_banner", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}", "-r", fps.ToString("R", CultureInfo.InvariantCulture), "-i", "-",
            "-vf", "vflip", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path,
        })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            var process = Process.Start(start) ?? throw new ViewerUnavailableException($"{executable} did not start");
            return new FfmpegVideo(process, path, width, height);
        }
        catch (Win32Exception e)
        {
            throw new ViewerUnavailableException($"no {executable} to encode {path}: install it (Debian: apt-get install ffmpeg, or run scripts/setup), or leave out --video", e);
        }
    }

    /// <summary>Writes one frame (Width·Height·4 RGBA bytes, bottom row first).</summary>
    /// <exception cref="IOException">ffmpeg stopped (its message is included).</exception>
    public void Write(ReadOnlySpan<byte> rgbaBottomUp)
    {
        try
        {
            _input.Write(rgbaBottomUp[..(Width * Height * 4)]);
            Frames++;
        }
        catch (IOException e)
        {
            throw new IOException($"ffmpeg stopped while writing {Path}: {Stderr()}", e);
        }
    }

    /// <summary>Closes the pipe and waits for ffmpeg to finish the file.</summary>
    /// <exception cref="IOException">ffmpeg failed (its message is included).</exception>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _input.Close();
        _process.WaitForExit();
        if (_process.ExitCode != 0) throw new IOException($"ffmpeg failed ({_process.ExitCode}) writing {Path}: {Stderr()}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            try { _input.Close(); } catch (IOException) { }
            if (!_process.WaitForExit(10_000)) _process.Kill();
        }
        _process.Dispose();
    }

    private string Stderr()
    {
        var text = _errors.Wait(5_000) ? _errors.Result : "";
        return string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
    }
}
