namespace Cortex.Learning.Memory;

/// <summary>
/// Frees the tensors that C# autograd functions (the surrogate spike and the other custom nodes) make in their backward
/// pass on a GPU. libtorch's engine calls a backward on the thread that called <c>backward()</c> for CPU tensors, inside
/// the trainer's dispose scope, but for CUDA tensors on its own device thread, which has no scope: the gradients handed
/// in, the saved variables, the intermediates and the gradients handed back are then freed only when their wrappers are
/// finalised, and with almost no managed allocation the GC never runs. fashion_t8 filled an H200's 140 GiB that way
/// within its first hundred steps. A full collection after each GPU step finalises them, a few milliseconds a step.
/// </summary>
internal static class AutogradWorkerTensors
{
    /// <summary>Finalises every unreachable tensor wrapper, returning its device memory to libtorch's allocator.</summary>
    public static void Release()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
