using ILGPU;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>Fills <paramref name="into"/> with the target population's membrane potentials after the step's update (for voltage-reading rules).</summary>
public delegate void GpuVoltageReader(ArrayView<float> into);
