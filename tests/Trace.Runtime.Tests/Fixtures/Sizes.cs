using Opto;

namespace Trace.Runtime.Tests.Fixtures.Sizes;

/// <summary>A size whose comparisons take another size as an object or an interface, as the framework's interfaces do.</summary>
public readonly struct Size(double bytes) : IComparable
{
    /// <summary>The size in bytes.</summary>
    public double Bytes { get; } = bytes;

    /// <summary>Makes a size.</summary>
    [Traced]
    public static Size FromBytes(double bytes) => new(bytes);

    /// <summary>Compares with a size given as an object.</summary>
    [Traced]
    public bool SameBoxed(object? other) => other is Size size && size.Bytes == Bytes;

    /// <summary>Compares with a size given as an interface.</summary>
    [Traced]
    public int CompareWith(IComparable? other) => other is Size size ? Bytes.CompareTo(size.Bytes) : 1;

    int IComparable.CompareTo(object? obj) => obj is Size size ? Bytes.CompareTo(size.Bytes) : 1;

    /// <summary>Compares with a size given as itself.</summary>
    [Traced]
    public bool SameTyped(Size other) => other.Bytes == Bytes;
}

/// <summary>Glue that passes sizes on in the three ways.</summary>
public static class SizeChecks
{
    /// <summary>Makes two sizes and compares them as objects, as an interface and as sizes.</summary>
    public static (bool Boxed, int Compared, bool Typed) Compare(double first, double second)
    {
        var one = Size.FromBytes(first);
        var two = Size.FromBytes(second);
        IComparable comparable = two;
        return (one.SameBoxed(two), one.CompareWith(comparable), one.SameTyped(two));
    }
}
