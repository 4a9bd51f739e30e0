using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Opto.Interception;

/// <summary>
/// A field or property through which an object holds other objects that may have trainable parameters (a planner, a
/// list of tools, a dictionary of experts), with a typed getter registered by generated code. The objects it returns
/// are looked up by their runtime type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class HeldMember
{
    private protected HeldMember(Type declaringType, string name)
    {
        DeclaringType = declaringType;
        Name = name;
    }

    /// <summary>The type that declares the member.</summary>
    public Type DeclaringType { get; }

    /// <summary>The member's name as it appears in parameter paths (a captured primary-constructor parameter's name for its hidden field).</summary>
    public string Name { get; }

    /// <summary>A member holding one object.</summary>
    /// <param name="name">The member's name.</param>
    /// <param name="get">Reads the member.</param>
    public static HeldMember One<TOwner, T>(string name, Func<TOwner, T?> get)
        where TOwner : class
        where T : class =>
        new OneMember<TOwner, T>(name, get);

    /// <summary>A member holding a list or an array: each item is named by its position (<c>Tools[2]</c>).</summary>
    /// <param name="name">The member's name.</param>
    /// <param name="get">Reads the member.</param>
    public static HeldMember List<TOwner, T>(string name, Func<TOwner, IEnumerable<T?>?> get)
        where TOwner : class
        where T : class =>
        new ListMember<TOwner, T>(name, get);

    /// <summary>A member holding a dictionary: each value is named by its key (<c>Experts["math"]</c>).</summary>
    /// <param name="name">The member's name.</param>
    /// <param name="get">Reads the member.</param>
    public static HeldMember Dictionary<TOwner, TKey, TValue>(string name, Func<TOwner, IEnumerable<KeyValuePair<TKey, TValue?>>?> get)
        where TOwner : class
        where TValue : class =>
        new DictionaryMember<TOwner, TKey, TValue>(name, get);

    /// <summary>Adds the objects the member holds now, each with its path segment after the member's name (<c>""</c>, <c>[2]</c>, <c>["math"]</c>); nulls are left out.</summary>
    internal void AddChildren(object owner, List<(object Child, string Segment)> children)
    {
        try
        {
            AddChildrenCore(owner, children);
        }
        catch (MissingMemberException e)
        {
            throw new InvalidOperationException(
                $"The trainable parameters of {TypeNames.Display(DeclaringType)} cannot be listed: its member '{Name}' could not be read ({e.Message}). " +
                "Hold the object in an ordinary field or property.", e);
        }
    }

    private protected abstract void AddChildrenCore(object owner, List<(object Child, string Segment)> children);

    /// <summary>A dictionary key as a path segment: strings and characters quoted and escaped, other keys as invariant text.</summary>
    internal static string KeySegment(object? key) => key switch
    {
        string text => "[" + Quote(text, '"') + "]",
        char c => "[" + Quote(c.ToString(), '\'') + "]",
        IFormattable formattable => "[" + formattable.ToString(null, CultureInfo.InvariantCulture) + "]",
        _ => "[" + key + "]",
    };

    private static string Quote(string text, char quote)
    {
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                default:
                    if (c == quote) builder.Append('\\').Append(c);
                    else if (char.IsControl(c)) builder.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }

        return builder.Append(quote).ToString();
    }

    private static string Index(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private sealed class OneMember<TOwner, T>(string name, Func<TOwner, T?> get) : HeldMember(typeof(TOwner), name)
        where TOwner : class
        where T : class
    {
        private protected override void AddChildrenCore(object owner, List<(object Child, string Segment)> children)
        {
            if (get((TOwner)owner) is { } child) children.Add((child, ""));
        }
    }

    private sealed class ListMember<TOwner, T>(string name, Func<TOwner, IEnumerable<T?>?> get) : HeldMember(typeof(TOwner), name)
        where TOwner : class
        where T : class
    {
        private protected override void AddChildrenCore(object owner, List<(object Child, string Segment)> children)
        {
            switch (get((TOwner)owner))
            {
                case null:
                    return;
                case IReadOnlyList<T?> list:
                    // By index: a list changed since the last call is named by the positions it has now.
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is { } item) children.Add((item, Index(i)));
                    }

                    return;
                case var items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is not null) children.Add((item, Index(index)));
                        index++;
                    }

                    return;
            }
        }
    }

    private sealed class DictionaryMember<TOwner, TKey, TValue>(string name, Func<TOwner, IEnumerable<KeyValuePair<TKey, TValue?>>?> get)
        : HeldMember(typeof(TOwner), name)
        where TOwner : class
        where TValue : class
    {
        private protected override void AddChildrenCore(object owner, List<(object Child, string Segment)> children)
        {
            if (get((TOwner)owner) is not { } entries) return;
            foreach (var (key, value) in entries)
            {
                if (value is not null) children.Add((value, KeySegment(key)));
            }
        }
    }
}
