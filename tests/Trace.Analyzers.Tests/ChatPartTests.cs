using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

// Of a chat response the runtime links the messages and their contents, each by its identity as an element: no member of a
// response or a message (`Text`, `RawRepresentation`, the `Contents` list itself) is one of them, and glue over one is linked
// only where the compiler proves the flow.
public class ChatPartTests
{
    [Test]
    public Task OPTO017_a_member_of_a_chat_response_or_message_is_not_linked_by_its_identity() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Opto;

        public class Agent
        {
            [Traced] public ChatResponse Chat(string q) => new(new ChatMessage(ChatRole.Assistant, [new TextContent("C" + q), new FunctionCallContent("id", "f")]) { RawRepresentation = "raw" });
            [Traced] public async Task<ChatResponse> ChatAsync(string q) { await Task.Yield(); return Chat(q); }
            [Traced] public string Log(object o) => o.ToString()!;
            [Traced] public string Answer(string s) => s;
            public virtual void Hook() { }

            public string Text(string x) { var r = Chat(x); return Log({|#0:r.Text|}); }
            public string TextAsString(string x) { var r = Chat(x); return Answer({|#1:r.Text|}); }
            public string Raw(string x) { var r = Chat(x); return Log({|#2:r.Messages[0].RawRepresentation|}!); }
            public string ContentsList(string x) { var r = Chat(x); return Log({|#3:r.Messages[0].Contents|}); }
            public string MessagesList(string x) { var r = Chat(x); return Log({|#4:r.Messages|}); }
            public string Author(string x) { var m = Chat(x).Messages[0]; Hook(); return Log({|#5:m.AuthorName|}!); }
            public string Role(string x) { var r = Chat(x); return Log({|#6:r.Messages[0].Role|}); }
            public string KeptAsObject(string x) { var r = Chat(x); object o = r.Text; return Log({|#7:o|}); }

            // Linked: a message or a content as it is, by its identity; glue over a member in an async method, by the compiler's flow.
            public string Content(string x) { var r = Chat(x); Hook(); return Log(r.Messages[0].Contents[1]); }
            public string Message(string x) { var r = Chat(x); Hook(); return Log(r.Messages[0]); }
            public string Narrowed(string x) { var r = Chat(x); Hook(); return Log(r.Messages[0].Contents.OfType<TextContent>().First()); }
            public string Response(string x) { var r = Chat(x); Hook(); return Log(r); }
            public async Task<string> Flowed(string x) { var r = await ChatAsync(x); Hook(); return Log(r.Text) + Log(r.Messages[0].Contents); }
            public string Found(string x) { var table = new Dictionary<string, string> { ["k"] = x }; Hook(); return table.TryGetValue("k", out var text) ? Log(text) : ""; }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Chat", "Log", Here("r.Text")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Chat", "Answer", Here("r.Text")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Chat", "Log", Here("r.Messages[0].RawRepresentation")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Chat", "Log", Here("r.Messages[0].Contents")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Chat", "Log", Here("r.Messages")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Chat", "Log", Here("Chat(x).Messages[0]")),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Chat", "Log", Here("r.Messages[0].Role")),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Chat", "Log", Here("r.Text")));

    private static string Here(string culprit) =>
        $"the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: {culprit}); make it [Traced] or async";
}
