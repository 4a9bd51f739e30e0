using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>Which arguments a traced method may add to, so that the interceptor watches them: see FilledArguments.</summary>
public class FilledArgumentTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using System.Text;
        using Opto;

        namespace Fill;

        public sealed class Notes : List<string> { }

        public static class Extensions
        {
            [Traced] public static void ToExtension(this List<string> into, string t) => into.Add(t + "!");
        }

        public class Agent
        {
            [Traced] public void ToList(List<string> into, string t) => into.Add(t + "!");
            [Traced] public void ToCollection(ICollection<string> into, string t) => into.Add(t + "!");
            [Traced] public void ToArray(string[] into, string t) => into[0] = t + "!";
            [Traced] public void ToDictionary(Dictionary<string, object> into, string t) => into[t] = t + "!";
            [Traced] public void ToBuilder(StringBuilder into, string t) => into.Append(t + "!");
            [Traced] public void ToQueue(Queue<string> into, string t) => into.Enqueue(t + "!");
            [Traced] public void ToGeneric<T>(List<T> into, T item) where T : class => into.Add(item);
            [Traced] public int FromSequence(IEnumerable<string> items) => 0;
            [Traced] public int FromReadOnly(IReadOnlyList<string> items) => items.Count;
            [Traced] public int FromImmutable(ImmutableList<string> items) => items.Count;
            [Traced] public int FromReadOnlyCollection(ReadOnlyCollection<string> items) => items.Count;
            [Traced] public int FromOwn(Notes items) => items.Count;
            [Traced] public int FromNumbers(List<int> items) => items.Count;
            [Traced] public int FromText(string text) => text.Length;

            public int Run(string t)
            {
                var list = new List<string>();
                ToList(list, t);
                ToCollection(list, t);
                ToArray(new string[1], t);
                ToDictionary(new Dictionary<string, object>(), t);
                ToBuilder(new StringBuilder(), t);
                ToQueue(new Queue<string>(), t);
                ToGeneric(list, t);
                ToList(null!, t);
                list.ToExtension(t);
                return FromSequence(list) + FromReadOnly(list) + FromImmutable(ImmutableList<string>.Empty) + FromReadOnlyCollection(list.AsReadOnly())
                    + FromOwn(new Notes()) + FromNumbers(new List<int>()) + FromText(t);
            }
        }
        """;

    [Test]
    public void Mutable_collections_and_builders_are_watched_and_what_cannot_be_added_to_is_not()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Fill", null, Source));
        generated.AssertClean();

        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];
        var watched = Regex.Matches(interceptors, @"private static \S+ __(?<name>\w+?)_\d+Recorded[\s\S]*?\n        }")
            .Where(m => m.Value.Contains("__call.Fills(0, into);", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value)
            .ToList();

        Assert.That(watched, Is.EquivalentTo(new[] { "ToList", "ToCollection", "ToArray", "ToDictionary", "ToBuilder", "ToQueue", "ToGeneric", "ToExtension" }), "an extension's receiver too");
        Assert.That(Regex.Matches(interceptors, @"__call\.Fills\(").Count, Is.EqualTo(8), "a null written as a constant is not watched");
    }
}
