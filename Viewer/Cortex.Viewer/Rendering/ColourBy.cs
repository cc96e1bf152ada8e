namespace Cortex.Viewer.Rendering;

/// <summary>What a neuron's colour says.</summary>
public enum ColourBy
{
    /// <summary>Regions when the layout names them, else populations.</summary>
    Auto,
    /// <summary>One colour per population.</summary>
    Population,
    /// <summary>One colour per region (populations without a region keep their own).</summary>
    Region,
}
