using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>
/// Two outputs sharing an intermediate value: <c>F(G(H()))</c> reads <see cref="First"/>, <c>K(G(H()))</c> does not, and
/// <c>H</c> reads <see cref="Second"/>.
/// </summary>
public class Relay
{
    [Trainable("The first value.")]
    public string First { get; set; } = "first";

    [Trainable("The second value.")]
    public string Second { get; set; } = "second";

    /// <summary>Starts from the second value.</summary>
    [Traced]
    public string H() => Second + "-h";

    /// <summary>Passes a value on.</summary>
    [Traced]
    public string G(string y) => y + "-g";

    /// <summary>Joins the first value and a value.</summary>
    [Traced]
    public string F(string x) => First + "+" + x;

    /// <summary>Ends a value.</summary>
    [Traced]
    public string K(string x) => x + "-k";
}
