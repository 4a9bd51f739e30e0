using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableReadAnalyzer>;

namespace Trace.Analyzers.Tests;

public class TrainableReadTests
{
    private const string Book = """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public class PromptBook { [Trainable] public string Instruction { get; set; } = "Be brief."; }
        public class Settings
        {
            public PromptBook Book { get; set; } = new();
            public PromptBook Computed => new();
            public Holder Inline;
        }
        public struct Holder { public PromptBook Book; }
        public record Request(PromptBook Book);
        public static class Prompts { public static PromptBook Default { get; set; } = new(); }

        """;

    [Test]
    public Task Reads_the_compiler_can_follow_are_not_reported() => Verify.Analyze(Book + """
        public class Agent(PromptBook captured)
        {
            private readonly PromptBook _book = new();
            private PromptBook? _maybe;
            public Settings Settings { get; set; } = new();

            [Traced] public string Field() => _book.Instruction + this._book.Instruction + _maybe?.Instruction;
            [Traced] public string Chain() => Settings.Book.Instruction + this.Settings.Book.Instruction;
            [Traced] public string Argument(Request request, PromptBook book) => request.Book.Instruction + book.Instruction;
            [Traced] public string Static() => Prompts.Default.Instruction;
            [Traced] public string Captured() => captured.Instruction;
            [Traced] public void Write(PromptBook book) => GetBook().Instruction = "x";
            [Traced] public string Local(Request request) { var book = _book; var settings = Settings; var given = request.Book; return book.Instruction + settings.Book.Instruction + given.Instruction; }
            private PromptBook GetBook() => _book;
        }
        """);

    [Test]
    public Task OPTO016_reads_through_objects_the_compiler_cannot_follow() => Verify.Analyze(Book + """
        public class Agent
        {
            private readonly PromptBook _book = new();
            private readonly List<PromptBook> _books = new();
            public Settings Settings { get; set; } = new();

            private PromptBook GetBook() => _book;

            [Traced] public string Local() { var book = GetBook(); return {|#0:book.Instruction|}; }
            [Traced] public string Call() => {|#1:GetBook().Instruction|};
            [Traced] public string Element() => {|#2:_books[0].Instruction|};
            [Traced] public string Computed() => {|#4:Settings.Computed.Instruction|};
            [Traced] public string Struct() => {|#5:Settings.Inline.Book.Instruction|};
            [Traced] public string Reassigned(bool other) { var book = _book; if (other) book = GetBook(); return {|#6:book.Instruction|}; }
            public string Untraced() => GetBook().Instruction;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Local", "PromptBook.Instruction", "book", "it is read through the local 'book', whose value the compiler cannot follow: it is returned by a method call"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Call", "PromptBook.Instruction", "GetBook()", "it is returned by a method call"),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Element", "PromptBook.Instruction", "_books[0]", "it is an element of a collection"),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Computed", "PromptBook.Instruction", "Settings.Computed", "'Computed' is a computed property, and reading it again could run code"),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Struct", "PromptBook.Instruction", "Settings.Inline.Book", "it is reached through the struct 'Holder', which is copied on each read"),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Reassigned", "PromptBook.Instruction", "book", "it is read through the local 'book', which is assigned after it is declared"));

    [Test]
    public Task OPTO016_reads_on_the_elements_of_a_collection_are_followed_when_the_runtime_can_read_the_collection_again() => Verify.Analyze(Book + """
        public sealed class Shelf : List<PromptBook> { }
        public sealed class Wrapper { public PromptBook Book = new(); public static implicit operator PromptBook(Wrapper w) => w.Book; }
        public sealed class Library { public PromptBook[] Books { get; set; } = []; }

        public class Agent(IReadOnlyList<PromptBook> captured)
        {
            private readonly List<PromptBook> _books = new();
            private readonly PromptBook[] _array = [];
            private readonly Shelf _shelf = new();
            private readonly List<Settings> _settings = new();
            private readonly List<Library> _libraries = new();
            public IEnumerable<PromptBook> Sequence { get; set; } = [];

            // Followed: every element of the collection is a dependency.
            [Traced] public string Select() => string.Join(",", _books.Where(b => b.Instruction.Length > 0).OrderBy(b => b.Instruction).Select(b => b.Instruction));
            [Traced] public string Loop() { var s = ""; foreach (var book in _array) s += book.Instruction; return s; }
            [Traced] public string Given(IEnumerable<PromptBook> books) => string.Concat(books.Select(b => b.Instruction));
            [Traced] public string Captured() { var s = ""; captured.ToList().ForEach(b => s += b.Instruction); return s; }
            [Traced] public string Property() => string.Concat(Sequence.Select((b, i) => b.Instruction + i));
            [Traced] public string Values(Dictionary<string, PromptBook> books) { var s = ""; foreach (var b in books.Values) s += b.Instruction; return s; }
            [Traced] public string MemberOfAnElement() => string.Concat(_settings.Select(s => s.Book.Instruction));
            [Traced] public string ThroughALocal() { var books = _books; return string.Concat(books.Where(b => b.Instruction.Length > 0).Select(b => b.Instruction)); }

            // Not followed.
            [Traced] public string OwnType() => string.Concat(_shelf.Select(b => {|#0:b.Instruction|}));
            [Traced] public string ElementOfAnElement() => string.Concat(_libraries.SelectMany(l => l.Books).Select(b => {|#2:b.Instruction|}));
            [Traced] public string Accumulated() => _books.Aggregate("", (text, b) => text + {|#3:b.Instruction|});
            [Traced] public string Indexed() => {|#4:_books[0].Instruction|};
            private List<PromptBook> _replaced = new();
            private PromptBook _current = new();
            private readonly Wrapper _wrapper = new();
            private readonly List<Wrapper> _wrappers = new();
            [Traced] public string Replaced() { var s = string.Concat(_replaced.Select(b => {|#7:b.Instruction|})); _replaced = new(); return s; }
            [Traced] public string Swapped() { var old = _current; this._current = new(); return {|#8:old.Instruction|}; }
            [Traced] public string KeyedOnTwo() => _books.UnionBy(_array, b => {|#9:b.Instruction|}).Count().ToString();
            [Traced] public string Converted() { PromptBook b = _wrapper; return {|#10:b.Instruction|}; }
            [Traced] public string ConvertedInALoop() { var s = ""; foreach (PromptBook b in _wrappers) s += {|#11:b.Instruction|}; return s; }
            [Traced] public string ComputedOnAnElement() => string.Concat(_settings.Select(s => {|#1:s.Computed.Instruction|}));
            [Traced] public string Keys(Dictionary<PromptBook, int> books) => string.Concat(books.Keys.Select(b => {|#6:b.Instruction|}));
            [Traced] public async System.Threading.Tasks.Task<string> Streamed(IAsyncEnumerable<PromptBook> books) { var s = ""; await foreach (var b in books) s += {|#5:b.Instruction|}; return s; }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("OwnType", "PromptBook.Instruction", "b",
            "'_shelf' is not an array or a collection type of the framework's, whose elements the runtime reads without running code"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("ComputedOnAnElement", "PromptBook.Instruction", "s.Computed", "'Computed' is a computed property, and reading it again could run code"),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("ElementOfAnElement", "PromptBook.Instruction", "b", "it is returned by a method call"),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Accumulated", "PromptBook.Instruction", "b", "'b' is a parameter of a lambda or local function"),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Indexed", "PromptBook.Instruction", "_books[0]", "it is an element of a collection"),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Streamed", "PromptBook.Instruction", "b", "it is read through the local 'b', which is not set where it is declared"),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Replaced", "PromptBook.Instruction", "b",
            "it is read on the elements of a collection reached through '_replaced', which the method assigns: when the call completes it may hold another collection"),
        Verify.Diagnostic("OPTO016").WithLocation(8).WithArguments("Swapped", "PromptBook.Instruction", "old",
            "it is read through the local 'old', set from '_current', which the method assigns: when the call completes it may hold another object"),
        Verify.Diagnostic("OPTO016").WithLocation(9).WithArguments("KeyedOnTwo", "PromptBook.Instruction", "b", "'b' is a parameter of a lambda or local function"),
        Verify.Diagnostic("OPTO016").WithLocation(10).WithArguments("Converted", "PromptBook.Instruction", "b",
            "it is read through the local 'b', whose value the compiler cannot follow: it is reached through an expression the compiler cannot follow"),
        Verify.Diagnostic("OPTO016").WithLocation(11).WithArguments("ConvertedInALoop", "PromptBook.Instruction", "b", "it is read through the local 'b', which is not set where it is declared"),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Keys", "PromptBook.Instruction", "b", "'Keys' is a computed property, and reading it again could run code"));

    [Test]
    public Task Reads_in_helpers_the_compiler_can_follow_through_their_arguments_are_not_reported() => Verify.Analyze(Book + """
        public static class Helpers
        {
            public static string Of(PromptBook book) => book.Instruction;
            public static string Relay(PromptBook book) => Of(book);
            public static string Own(this Agent agent) => agent.Book.Instruction;
        }

        public class Agent
        {
            public PromptBook Book { get; set; } = new();

            private string Read(PromptBook book) => book.Instruction;

            [Traced] public string This() => Helpers.Own(this) + this.Own();
            [Traced] public string Field() => Helpers.Of(Book) + Helpers.Relay(Book) + Read(Book);
            [Traced] public string Argument(Request request) => Helpers.Of(request.Book);
            public string Untraced() => Helpers.Of(new PromptBook());
        }
        """);

    [Test]
    public Task OPTO016_reads_in_helpers_of_objects_the_compiler_cannot_follow() => Verify.Analyze(Book + """
        public static class Helpers
        {
            public static string Of(PromptBook book) => book.Instruction;
            public static string Relay(PromptBook book) => Of(book);
            public static string Fresh() => new PromptBook().Instruction;
        }

        public class Agent
        {
            private readonly List<PromptBook> _books = new();

            private PromptBook GetBook() => new();
            private string First() => _books[0].Instruction;

            [Traced] public string Local() { var book = GetBook(); return {|#0:Helpers.Of(book)|}; }
            [Traced] public string Call() => {|#1:Helpers.Relay(GetBook())|};
            [Traced] public string Created() => {|#2:Helpers.Fresh()|};
            [Traced] public string Element() => {|#3:First()|};
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Local", "PromptBook.Instruction", "book", "it is read through the local 'book', whose value the compiler cannot follow: it is returned by a method call (in 'Of', called here)"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Call", "PromptBook.Instruction", "book", "it is returned by a method call (in 'Of', called here)"),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Created", "PromptBook.Instruction", "new PromptBook()", "it is reached through an expression the compiler cannot follow (in 'Fresh', called here)"),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Element", "PromptBook.Instruction", "_books[0]", "it is an element of a collection (in 'First', called here)"));

    [Test]
    public Task Helpers_the_generator_follows_through_extensions_nesting_and_partial_parts_are_not_reported() => Verify.Analyze(Book + """
        public static class Helpers
        {
            public static string Outer(PromptBook book) => Inner(book);
            public static string Inner(PromptBook book) => book.Instruction;
            public static string Of(this PromptBook book) => book.Instruction;
        }

        public partial class Agent
        {
            private readonly PromptBook _first = new(), _second = new();
            public Agent Peer { get; set; } = null!;

            private string Describe(PromptBook book) => book.Instruction;
            private partial string Part(PromptBook book);
            private partial string Part(PromptBook book) => book.Instruction;

            [Traced] public string Nested() => Helpers.Outer(_first) + Helpers.Outer(_second);
            [Traced] public string Extensions(PromptBook book) => _first.Of() + book.Of() + _second?.Of();
            [Traced] public string Partial() => Part(_first);
            [Traced] public string OthersMethodGroup() => string.Join(",", new List<PromptBook>().Select(Peer.Describe));
            [Traced] public string Chain() => Start();
            [Traced] public string Generic() => Generic<int>.Of(_first) + (this).Describe(_second);

            private string Start() => L1(_first);
            private string L1(PromptBook b) => L2(b);
            private string L2(PromptBook b) => L3(b);
            private string L3(PromptBook b) => L4(b);
            private string L4(PromptBook b) => L5(b);
            private string L5(PromptBook b) => L6(b);
            private string L6(PromptBook b) => L7(b);
            private string L7(PromptBook b) => L8(b);
            private string L8(PromptBook b) => b.Instruction;
        }

        public static class Generic<T>
        {
            public static string Of(PromptBook book) => book.Instruction;
        }
        """);

    [Test]
    public Task OPTO016_reads_in_helpers_used_without_a_call_to_follow_recursion_getters_and_method_groups() => Verify.Analyze(Book + """
        public static class Helpers
        {
            public static string Of(PromptBook book) => book.Instruction;
            public static string Pick(PromptBook a, PromptBook b, bool swap) => swap ? Pick(b, a, false) : a.Instruction;
        }

        public class Agent
        {
            private readonly PromptBook _first = new(), _second = new();
            private readonly List<PromptBook> _books = new();

            private PromptBook Lookup() => _first;
            private string Summary => Helpers.Of(Lookup());

            [Traced] public string Recursive() => {|#0:Helpers.Pick(_first, _second, true)|};
            [Traced] public string Getter() => {|#1:Summary|};
            [Traced] public string Group() => string.Join(",", _books.Select({|#2:Helpers.Of|}));
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Recursive", "PromptBook.Instruction", "a", "'a' is not a parameter of the traced method (in 'Pick', called here)"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Getter", "PromptBook.Instruction", "book", "it is returned by a method call (in 'Of', read here)"),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Group", "PromptBook.Instruction", "book", "'book' is not a parameter of the traced method (in 'Of', used here)"));

    [Test]
    public Task OPTO016_trainable_reads_in_untraced_methods_of_other_objects() => Verify.Analyze(Book + """
        public class Tool
        {
            [Trainable] public string Description { get; set; } = "Finds things.";
            private readonly PromptBook _book = new();

            public string Describe() => Description;
            public string Styled() => Header() + _book.Instruction;
            private string Header() => Description;
            public string Plain(string text) => text.Trim();
            [Traced] public string Traced() => Description;
        }

        public class Agent
        {
            private readonly Tool _tool = new();

            [Traced] public string Run(string text) => {|#0:_tool.Describe()|} + {|#1:_tool.Styled()|} + _tool.Plain(text) + _tool.Traced();
            public string Untraced() => _tool.Describe();
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Run", "Tool.Description", "_tool", "it is read in 'Describe', a method of that object that is not traced (make 'Describe' [Traced], or read the value in 'Run')"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Run", "PromptBook.Instruction", "_tool", "it is read in 'Styled', a method of that object that is not traced (make 'Styled' [Traced], or read the value in 'Run')"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Run", "Tool.Description", "_tool", "it is read in 'Header', a method of that object that is not traced (make 'Styled' [Traced], or read the value in 'Run')"));

    [Test]
    public Task OPTO016_reads_through_reassigned_parameters_and_extension_method_groups() => Verify.Analyze(Book + """
        public class Shelf { public PromptBook Inner { get; set; } = new(); }

        public static class Helpers
        {
            public static string Of(this PromptBook book) => book.Instruction;
            public static string Moved(PromptBook book, Shelf shelf) { book = shelf.Inner; return book.Instruction; }
        }

        public class Agent
        {
            [Traced] public string Reassigned(PromptBook book, Shelf shelf) => {|#0:Helpers.Moved(book, shelf)|};
            [Traced] public string Own(Request request, Shelf shelf) { request = new Request(shelf.Inner); return {|#1:request.Book.Instruction|}; }
            [Traced] public string Group(PromptBook book) { System.Func<string> read = {|#2:book.Of|}; return read(); }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Reassigned", "PromptBook.Instruction", "book", "the parameter 'book' is assigned in the method, so it may not be the object passed (in 'Moved', called here)"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Own", "PromptBook.Instruction", "request.Book", "the parameter 'request' is assigned in the method, so it may not be the object passed"),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Group", "PromptBook.Instruction", "book", "'book' is not a parameter of the traced method (in 'Of', used here)"));

    [Test]
    public Task OPTO016_a_member_of_the_path_the_method_assigns_after_the_read() => Verify.Analyze(Book + """
        public class Agent
        {
            private PromptBook _current = new();
            private PromptBook _next = new();
            private PromptBook? _loaded;
            public Settings Settings { get; set; } = new();

            [Traced] public string After() { var text = {|#0:_current.Instruction|}; _current = _next; return text; }
            [Traced] public string Deeper() { var text = {|#1:Settings.Book.Instruction|}; Settings.Book = new(); return text; }
            [Traced] public string InALoop(int n) { var text = ""; for (var i = 0; i < n; i++) { text += {|#2:_current.Instruction|}; _current = _next; } return text; }
            [Traced] public string InALambda() { System.Action swap = () => _current = _next; var text = {|#3:_current.Instruction|}; swap(); return text; }
            [Traced] public string LoadedFirst() { _loaded ??= new(); _current = _next; return _loaded.Instruction + _current.Instruction; }
            [Traced] public string OtherMember() { var text = _current.Instruction; _next = new(); return text; }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("After", "PromptBook.Instruction", "_current", "it is reached through '_current', which the method assigns after this read: when the call completes it may hold another object"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Deeper", "PromptBook.Instruction", "Settings.Book", "it is reached through 'Book', which the method assigns after this read: when the call completes it may hold another object"),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("InALoop", "PromptBook.Instruction", "_current", "it is reached through '_current', which the method assigns after this read: when the call completes it may hold another object"),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("InALambda", "PromptBook.Instruction", "_current", "it is reached through '_current', which the method assigns after this read: when the call completes it may hold another object"));
}
