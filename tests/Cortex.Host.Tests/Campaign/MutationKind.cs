namespace Cortex.Host.Tests.Campaign;

/// <summary>One way a hostile user breaks a JSON input (issue 18's campaign classes).</summary>
internal enum MutationKind
{
    /// <summary>Removes an object member.</summary>
    DeleteKey,

    /// <summary>Replaces a value with one of another JSON type (null, a bool, a number, a string, an array, an object).</summary>
    SwapType,

    /// <summary>Replaces a number with an extreme one (±1e308, denormals, 2³¹, −0).</summary>
    ExtremeNumber,

    /// <summary>Replaces the number inside a quantity string (<c>"20 ms"</c>) with an extreme or non-finite one.</summary>
    ExtremeQuantity,

    /// <summary>Replaces the unit of a quantity string with one of another dimension, an unknown one or none.</summary>
    WrongUnit,

    /// <summary>Replaces a string with an unknown name (or markup, a path, an empty or very long string).</summary>
    UnknownName,

    /// <summary>Adds a member no schema knows.</summary>
    UnknownKey,

    /// <summary>Replaces a number with a size far beyond memory, or an array with one of 10⁶ elements.</summary>
    HugeSize,

    /// <summary>Puts a lone UTF-16 surrogate into a string.</summary>
    BadUtf16,

    /// <summary>Replaces a value with arrays or objects nested thousands deep.</summary>
    DeepNesting,

    /// <summary>Duplicates an array element (two populations of one name, a repeated index).</summary>
    DuplicateElement,

    /// <summary>Cuts the file's text short.</summary>
    TruncateText,

    /// <summary>Puts bytes that are not UTF-8 into the file.</summary>
    InvalidBytes,
}

/// <summary>
/// One mutation: its kind, which node of the document it hits (<see cref="Target"/> modulo the node count) and which
/// of the kind's replacement values it uses (<see cref="Choice"/> modulo their count). Plain integers, so CsCheck
/// generates and shrinks them.
/// </summary>
internal readonly record struct Mutation(MutationKind Kind, int Target, int Choice);
