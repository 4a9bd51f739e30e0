using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableReadAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// A trainable member a property pattern reads (<c>x is { Text: var t }</c>) is read on the value the pattern matches: linked
/// along the same paths as <c>x.Text</c>, and reported where that value cannot be followed or the pattern tests its type.
/// </summary>
public class PatternReadTests
{
    [Test]
    public Task OPTO016_a_pattern_read_the_compiler_cannot_follow() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        public class Note { [Trainable] public string Text { get; set; } = "n"; }
        public class Shelf { public Note Note { get; } = new(); }

        public class Reader
        {
            private readonly Note _note = new();
            private readonly Shelf _shelf = new();
            private readonly object _any = new Note();
            private readonly List<Note> _notes = new();

            // Followed.
            [Traced] public string Matched(string q) => _note is { Text: var t } ? t + q : q;
            [Traced] public string Switched(string q) => _note switch { { Text.Length: > 3 } => "long", _ => q };
            [Traced] public string Nested(string q) => _shelf is { Note: { Text: var t } } ? t : q;
            [Traced] public string Argument(Note other) => other is { Text: var t } ? t : "";
            private Shelf? _maybe = new();
            [Traced] public string Conditional(string q) => _maybe?.Note is { Text: var t } ? t : q;
            [Traced] public string Statement(string q) { switch (_note) { case { Text: "x" }: return q; default: return ""; } }

            // Not followed.
            [Traced] public string Typed(string q) => _any is Note { {|#0:Text|}: var t } ? t + q : q;
            [Traced] public string Element(string q) => _notes[0] is { {|#1:Text|}: var t } ? t : q;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Typed", "Note.Text", "_any",
            "it is read by a pattern that tests the object's type ('Note { ... }'), which the compiler does not follow; read it on a variable of that type"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Element", "Note.Text", "_notes[0]", "it is an element of a collection"));
}
