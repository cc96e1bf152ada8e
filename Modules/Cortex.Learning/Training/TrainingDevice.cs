using System.Globalization;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// Where training runs: <c>"cpu"</c> (the default), <c>"cuda"</c> (the first NVIDIA GPU) or <c>"cuda:N"</c>.
/// A GPU needs a CUDA build of libtorch that TorchSharp can load: this build ships libtorch's CPU package, so
/// <c>"cuda"</c> works where the <c>libtorch-cuda</c> package is referenced instead or where a PyTorch install's
/// <c>lib</c> folder is on the library path (README, "Training on a GPU"); elsewhere asking for it is an error
/// naming <c>train.device</c>, never a silent fall-back to the CPU.
/// </summary>
public static class TrainingDevice
{
    /// <summary>The default.</summary>
    public const string Cpu = "cpu";

    /// <summary>The config key, for error messages.</summary>
    public const string Key = "train.device";

    /// <summary>True for "cpu", "cuda" and "cuda:N" (N ≥ 0); says nothing about whether a GPU is there.</summary>
    public static bool IsValidName(string name) =>
        name is Cpu or "cuda" || (name.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _));

    /// <summary>The problem with <paramref name="name"/> as a device name, or null when it is one.</summary>
    public static string? NameProblem(string name) =>
        IsValidName(name) ? null : $"expected \"cpu\", \"cuda\" or \"cuda:N\", got \"{name}\"";

    /// <summary>
    /// The torch device for <paramref name="name"/>, after checking that it is there: a CUDA device needs a loadable
    /// CUDA libtorch and an index below the GPU count. Errors name <c>train.device</c> and say what is missing.
    /// </summary>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (NameProblem(name) is { } problem) throw new LearningConfigException($"{Key}: {problem}");
        if (name == Cpu) return CPU;
        if (!cuda.is_available())
            throw new LearningConfigException($"{Key}: \"{name}\" asks for an NVIDIA GPU, but TorchSharp found no CUDA device or no CUDA build of libtorch "
                + "(this build ships libtorch's CPU package; put a CUDA libtorch's lib folder, e.g. a PyTorch install's, on LD_LIBRARY_PATH; README, \"Training on a GPU\")");
        var index = name == "cuda" ? 0 : int.Parse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
        var count = cuda.device_count();
        if (index >= count)
            throw new LearningConfigException($"{Key}: \"{name}\" names GPU {index}, but there {(count == 1 ? "is 1 GPU" : $"are {count} GPUs")} (cuda:0{(count > 1 ? $" to cuda:{count - 1}" : "")})");
        return new Device(DeviceType.CUDA, index);
    }
}
