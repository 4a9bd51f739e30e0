using Microsoft.CodeAnalysis.CSharp;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// The messages of a chat response a traced call returned are linked to it as a returned list's elements are: a history
/// they are added to links the next turn. A member of one read out of the history (its text) is not, and a framework
/// method that puts into a collection something made from another value puts in a new value: both are reported.
/// </summary>
public class ChatHistoryTests
{
    private const string Agent = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Opto;

        public partial class Agent
        {
            [Traced] public Task<ChatResponse> AskAsync(List<ChatMessage> history) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "R")));
            [Traced] public string Judge(string reply) => reply;
        }
        """;

    [Test]
    public Task No_diagnostic_for_a_history_holding_a_response_s_messages() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public partial class Agent
        {
            public async Task<ChatResponse> AddedAsAResponse()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "q1") };
                var first = await AskAsync(history);
                history.AddMessages(first);
                history.Add(new ChatMessage(ChatRole.User, "q2"));
                return await AskAsync(history);
            }

            public async Task<ChatResponse> AddedAsMessages()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "q1") };
                var first = await AskAsync(history);
                history.AddRange(first.Messages);
                return await AskAsync(history);
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_the_text_of_a_reply_read_out_of_the_history() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public partial class Agent
        {
            public async Task<string> LastReply()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "q1") };
                var first = await AskAsync(history);
                history.AddMessages(first);
                return Judge({|#0:history[^1].Text|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("AskAsync", "Judge", "it reaches 'history' through AddMessages, which changes the object where the compiler does not follow it"));

    [Test]
    public Task OPTO017_messages_made_from_the_updates_of_a_traced_stream() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Opto;

        public partial class Agent
        {
            [Traced] public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> history) { await Task.Yield(); yield return new ChatResponseUpdate(ChatRole.Assistant, "R"); }

            public async Task<ChatResponse> Coalesced()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "q1") };
                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in StreamAsync(history)) updates.Add(update);
                history.AddMessages(updates.ToChatResponse());
                return await AskAsync({|#0:history|});
            }

            public async Task<ChatResponse> Added()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "q1") };
                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in StreamAsync(history)) updates.Add(update);
                history.AddMessages(updates);
                return await AskAsync({|#1:history|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("StreamAsync", "AskAsync", "'ToChatResponse' makes new values from it outside a traced method; call it in a [Traced] method"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("StreamAsync", "AskAsync", "it reaches 'history' through AddMessages, which changes the object where the compiler does not follow it"));

    [Test]
    public Task No_diagnostic_where_a_framework_call_keeps_the_same_values_or_a_library_method_stores_the_value_itself() => Verify.AnalyzeWithLibrary(LanguageVersion.Latest, """
        using System.Collections.Generic;

        public static class Notes
        {
            public static void AddIfText(List<string> into, object value)
            {
                if (value is string text) into.Add(text);
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using Opto;

        public class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Combine(List<string> notes) => string.Join("\n", notes);
            [Traced] public string CombineAll(IEnumerable<string> notes) => string.Join("\n", notes);

            private static List<string> Dedup(List<string> notes) => notes.Distinct().ToList();

            public string Copied(string a, string b)
            {
                var notes = new List<string> { Summarize(a), Summarize(b) };
                return CombineAll(ImmutableList.CreateRange(notes));
            }

            public string Deduplicated(string a, string b)
            {
                var notes = new List<string> { Summarize(a), Summarize(b) };
                return Combine(Dedup(notes));
            }

            public string StoredAsItIs(string a)
            {
                var notes = new List<string>();
                Notes.AddIfText(notes, Summarize(a));
                return Combine(notes);
            }
        }
        """);

    [Test]
    public Task OPTO017_a_library_method_that_puts_something_made_from_a_result_into_a_list() => Verify.AnalyzeWithLibrary(LanguageVersion.Latest, """
        using System.Collections.Generic;

        public sealed record Doc(string Title, string Text);

        public static class Notes
        {
            public static void AddText(List<string> notes, Doc doc) => notes.Add(doc.Text);
        }
        """, """
        using System.Collections.Generic;
        using Opto;

        public class Agent
        {
            [Traced] public Doc Load(string q) => new(q, q + "!");
            [Traced] public string Combine(List<string> notes) => string.Join("\n", notes);

            public string Run(string q)
            {
                var notes = new List<string>();
                Notes.AddText(notes, Load(q));
                return Combine({|#0:notes|});
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Load", "Combine", "it reaches 'notes' through AddText, which changes the object where the compiler does not follow it"));

    private const string Tools = """
        using Microsoft.Extensions.AI;
        using Opto;

        public partial class Agent
        {
            [Traced] public string RunTool(FunctionCallContent call) => call.Name;
            [Traced] public string Describe(AIContent content) => content.ToString() ?? "";
            [Traced] public string Reply(ChatMessage message) => message.Text;
            [Traced] public ChatMessage ToolMessage(FunctionCallContent call) => new(ChatRole.Tool, [new FunctionResultContent(call.CallId, call.Name)]);
        }
        """;

    [Test]
    public Task No_diagnostic_for_a_tool_call_found_in_the_contents_of_a_reply() => Verify.Analyze([Agent, Tools, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public partial class Agent
        {
            public async Task Flattened()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "Weather in Paris?") };
                var response = await AskAsync(history);
                history.AddMessages(response);
                foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()) history.Add(ToolMessage(call));
                await AskAsync(history);
            }

            public async Task Nested()
            {
                var response = await AskAsync([]);
                foreach (var message in response.Messages)
                {
                    foreach (var content in message.Contents)
                    {
                        if (content is FunctionCallContent call) RunTool(call);
                        Describe(content);
                    }
                }
            }

            [Opto.Traced] public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> history) { await Task.Yield(); yield return new ChatResponseUpdate(ChatRole.Assistant, "R"); }

            public async Task Streamed()
            {
                await foreach (var update in StreamAsync([]))
                {
                    foreach (var call in update.Contents.OfType<FunctionCallContent>()) RunTool(call);
                }
            }

            public async Task Gathered()
            {
                var response = await AskAsync([]);
                var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                foreach (var call in calls) RunTool(call);
                foreach (var call in response.Messages[0].Contents.Cast<FunctionCallContent>()) RunTool(call);
                foreach (var content in response.Messages.SelectMany(m => m.Contents).Where(c => c is FunctionCallContent)) Describe(content);
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task No_diagnostic_for_glue_over_a_content_of_a_reply() => Verify.Analyze([Agent, Tools, """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public partial class Agent
        {
            public async Task Glued()
            {
                var response = await AskAsync([]);
                foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()) RunTool(new FunctionCallContent(call.CallId, call.Name));
            }

            public async Task GluedText()
            {
                var response = await AskAsync([]);
                foreach (var text in response.Messages.SelectMany(m => m.Contents).OfType<TextContent>()) Judge(text.Text);
            }

            public async Task GluedMessage()
            {
                var response = await AskAsync([]);
                foreach (var content in response.Messages.SelectMany(m => m.Contents)) Reply(new ChatMessage(ChatRole.Tool, [content]));
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_contents_a_lambda_makes_from_a_reply_s() => Verify.Analyze([Agent, Tools, """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public partial class Agent
        {
            public async Task Made()
            {
                var response = await AskAsync([]);
                foreach (var content in response.Messages.SelectMany(m => m.Contents.Select(c => new TextContent(c.ToString())))) Describe({|#0:content|});
                foreach (var content in response.Messages.SelectMany(m => new[] { new TextContent(m.Text) })) Describe({|#1:content|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("AskAsync", "Describe", "'content' is assigned at each iteration of a loop"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("AskAsync", "Describe", "'content' is assigned at each iteration of a loop"));

    [Test]
    public Task OPTO017_glue_over_a_content_where_the_reply_is_also_used_otherwise() => Verify.Analyze([Agent, Tools, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public partial class Agent
        {
            // The reply's messages also went into the history, where anything could change their contents: the tool call's id
            // in the tool message is not linked (the turn still reaches the next one through the history's messages).
            public async Task Copied()
            {
                var history = new List<ChatMessage> { new(ChatRole.User, "Weather in Paris?") };
                var response = await AskAsync(history);
                history.AddMessages(response);
                foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
                {
                    var result = RunTool(call);
                    history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
                }

                await AskAsync({|#0:history|});
            }

            // The program adds a content of its own to the reply first: it is not the reply's.
            public async Task Changed()
            {
                var response = await AskAsync([]);
                foreach (var message in response.Messages) message.Contents.Add(new FunctionCallContent("p", "mine"));
                foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()) Judge({|#1:call.Name + "!"|});
            }

            // A value kept in a message's additional properties is not one of its contents.
            public async Task Kept()
            {
                var response = await AskAsync([]);
                foreach (var message in response.Messages)
                {
                    foreach (var value in message.AdditionalProperties!.Values) if (value is FunctionCallContent call) RunTool({|#2:call|});
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("AskAsync", "AskAsync", "'call' is assigned at each iteration of a loop"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("AskAsync", "Judge", "'call' is assigned at each iteration of a loop"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("AskAsync", "RunTool", "'call' is declared by a pattern"));
}
