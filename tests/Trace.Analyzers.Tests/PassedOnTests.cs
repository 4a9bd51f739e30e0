using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

// An untraced helper that passes its parameter on as it is to a traced call: a traced call's result given to it keeps its
// identity there, but glue made of one (a member of it, text joined to it, a part of a chat response) is linked only at a
// traced call's own argument, which the helper's parameter is not.
public class PassedOnTests
{
    [Test]
    public Task OPTO017_glue_given_to_a_helper_that_passes_it_on_as_it_is_is_reported_where_it_is_made() => Verify.Analyze("""
        using Microsoft.Extensions.AI;
        using Opto;

        public sealed class Note { public string Text = ""; }

        public class Agent
        {
            [Traced] public Note Take(string q) => new() { Text = q };
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Classify(string t) => t;
            [Traced] public string Log(object o) => o.ToString()!;
            [Traced] public ChatResponse Chat(string q) => new(new ChatMessage(ChatRole.Assistant, q));
            private string Relay(string s) => Classify(s);
            private string Twice(string s) => Relay(s);
            private string Pass(object o) => Log(o);
            private string Framed(string s) => Relay("[" + s + "]");
            private string Wrapped(string s) => Relay(Summarize(s));

            public string Glued(string x) => Relay({|#0:Summarize(x) + "!"|});
            public string Member(string x) { var n = Take(x); return Relay({|#1:n.Text|}); }
            public string Nested(string x) => Twice({|#2:Summarize(x).Trim()|});
            public string ChatText(string x) { var r = Chat(x); return Pass({|#3:r.Text|}); }
            public string MadeInTheHelper(string x) => Framed({|#4:Summarize(x)|});

            // Linked: a result passed on as it is keeps its identity through the helpers.
            public string AsItIs(string x) => Relay(Summarize(x)) + Pass(Take(x)) + Twice(Summarize(x)) + Pass(Chat(x).Messages[0]);
            // Linked: what the helper gives a traced call of its own as it is links there; what it passes on is that call's.
            public string Consumed(string x) => Wrapped(Summarize(x));
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", PassedOn("Relay", "Relay")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Take", "Classify", PassedOn("Relay", "Relay")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", PassedOn("Twice', then 'Relay", "Twice")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Chat", "Log", PassedOn("Pass", "Pass")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Classify",
            "it is passed to 'Framed', then 'Relay', which are not traced and pass it on changed to 'Classify'; make 'Framed' [Traced]"));

    private static string PassedOn(string through, string helper) =>
        $"it is made from the result here and passed to '{through}', {(through.Contains("', then '") ? "which are not traced and pass it" : "which is not traced and passes it")} on to '{(helper == "Pass" ? "Log" : "Classify")}', where it is no traced call's result; make '{helper}' [Traced]";
}
