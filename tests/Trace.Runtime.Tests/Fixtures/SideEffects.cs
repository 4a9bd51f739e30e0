using System.Text;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A struct whose own Equals must never run because of tracing (it counts its calls, then throws).</summary>
public struct Touchy
{
    public static int EqualsCalls;

    public int Value;

    public override readonly bool Equals(object? obj)
    {
        EqualsCalls++;
        throw new InvalidOperationException("Equals of the program's own was called");
    }

    public override readonly int GetHashCode() => Value;

    [Traced]
    public readonly int Doubled() => 2 * Value;
}

/// <summary>A part whose formatting is logged.</summary>
public sealed class LoggedPart(int number, List<string> log)
{
    public override string ToString()
    {
        log.Add($"format {number}");
        return $"n{number}";
    }
}

/// <summary>Calls whose side effects must happen as they would untraced.</summary>
public class SideEffects
{
    [Traced]
    public Touchy Make(int value) => new() { Value = value };

    [Traced]
    public int Read(Touchy touchy) => touchy.Value;

    private static List<int> Numbers() => [1, 2, 3];

    [Traced]
    public string Label(int number) => new string('l', number);

    [Traced]
    public int Length(string text) => text.Length;

    // A struct a traced call made, passed to another directly, through a local, and called on.
    public int PassStructs()
    {
        var made = Make(3);
        return Read(Make(2)) + Read(made) + Make(5).Doubled();
    }

    // Each part made, then formatted, in turn, as string.Join does.
    public int JoinLazily(List<string> log) =>
        Length(string.Join(",", Numbers().Select(number => { log.Add($"make {number}"); return (object)new LoggedPart(number, log); })));

    // A sequence of traced results that throws at its third part: the first two are appended before it does.
    public string AppendUntilThrown()
    {
        var builder = new StringBuilder("[");
        try
        {
            builder.AppendJoin(",", Numbers().Select(number => number == 3 ? throw new InvalidOperationException("third") : Label(number)));
        }
        catch (InvalidOperationException)
        {
        }

        return builder.ToString();
    }
}
