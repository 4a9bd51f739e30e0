using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Trainable properties whose setters validate, as users write them.</summary>
public class GuardedSettings
{
    private int _size = 1;

    [Trainable("A name.")]
    public string Name { get; set; } = "start";

    [Trainable("A positive size.")]
    public int Size
    {
        get => _size;
        set => _size = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Size must be positive.");
    }
}
