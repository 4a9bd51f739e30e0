using System.Collections.Immutable;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Analyzers;
using Opto.Generators;

namespace Trace.Analyzers.Tests;

/// <summary>
/// More than 400 shapes of ordinary agent code between traced calls (LINQ, awaits, tasks, records, tuples, dictionaries, spans, channels, patterns,
/// out arguments, interpolation, JSON, builders, caches, retries, iterators, computed properties), compiled with the
/// generator and the analyzers as a build compiles them, then run: feedback on what each returns either reaches the prompt
/// its first traced call read, or an OPTO diagnostic says why not inside that shape. A shape whose feedback is lost with
/// no diagnostic is the defect this guards against.
/// </summary>
public class AgentShapeTests
{
    // The shapes whose feedback does not reach the prompt today, each reported inside it.
    private static readonly string[] s_lost =
    [
        "P05_RecordWith", "P06_RecordWithText", "P09_AwaitForeach", "P21_Aggregate", "P47_ConcatPlusLoop", "P55_Regex",
        "Q15_ComputedProperty",
        "Q18_LocalAsyncFunction", "Q29_AwaitForeachValueType",
        "Q31_HelperReturnsUnchanged", "Q32_ComputedPropertyChanged", "Q33_HelperReturnsChanged", "Q34_IteratorYieldsChanged",
        "Q35_AsyncHelperChanged", "R02_RetryChanged", "R03_GetOrAdd", "R04_Lazy", "R05_Interface", "R06_TaskRunChanged",
        "S14_AddConditionalProducer",
        "U01_FilterListedThenUsed", "U03_PickedByTracedKey", "U04_SortedByTracedKey", "U05_FirstByTracedPredicate", "U06_CountOfFilteredList", "U08_ThrowHelperInLoop", "U10_PickedByAScoreKeptBeside", "U11_FilterOfTwoStatements", "U12_AddedOnATracedCondition", "U13_AppendedOnATracedCondition", "U14_AddedToTextOnATracedCondition", "U16_ArgmaxLoop", "U17_BestKeptInALoop", "U18_RemovedInPlace", "U19_SortedInPlace", "U20_RemovedFromASet", "U21_LinesOfOneReplyAdded", "U22_LinesOfOneReplyAddedWithText",
        "W01_SkipWhileByTracedPredicate", "W02_ToDictionaryByTracedKey", "W03_GroupByTracedKey", "W04_AnyByTracedPredicate", "W05_AllByTracedPredicate", "W06_CountByTracedPredicate",
        "W07_SumOfTracedScores", "W08_MaxOfTracedScores", "W09_FindByTracedPredicate", "W10_ExistsByTracedPredicate", "W17_LocalFunctionDecides", "W18_PredicateFieldDecides",
        "W19_StaticHelperDecides", "W20_QueryWhereUsedAsItGoes", "W21_QueryOrderByThenFirst", "W30_TakeWhileListed", "W44_CatchAfterTwoCalls", "W45_CatchAfterOtherCodeFirst",
        "V13_CountedInLoop", "V14_FlagSetInLoop", "V15_IndexFoundByBreak", "V18_JsonDeserialized", "V19_JsonDocumentRead", "V33_FinallySetsValue",
        "V42_ToUpperInvariantAfterTernary", "V45_AsyncRetryLoop",
        "A04_PlanFieldThenSteps", "A05_ScratchpadBuilder", "A10_ZipTwoResults", "A20_TupleReturnedByHelper",
        "J10_ToolErrorFedBack", "W28_CatchWhenOnMessage", "W43_CatchUsesMessageInFilterOnly", "V35_WrappedRethrow",
        "Z91_CatchAfterParse", "Z92_CatchAfterJson", "Z93_IfThrowCatch", "Z94_IfThrowMessage", "Z95_IfParseCatch", "Z96_CatchReentered", "Z97_CatchNotReentered",
        "S27_ArraySetByHelper", "S28_DictionarySetByHelper",
        "S34_StaticPropertyOfOtherClass", "S35_MemberOfFieldObjectSetElsewhere",
        "S36_MemberSetByHelper", "S37_MemberOfFieldObjectSetHere", "S39_EventHandler", "S40_CallbackProperty",
        "S45_BuilderInsertObjectChanged", "S46_OutStringHelper", "S47_RefStringHelper",
        "S50_NestedCollectionInitializer", "S53_UserCodeBeforeTheAdd", "S54_UserCodeBeforeTheAppend", "S52_SubscribedThroughHelper",
        "T01_HandlerKeptByOtherClass", "T02_EventOfOtherClass", "T03_MemberTwoHoldersAway", "T04_MemberTwoHoldersAwayLinked",
        "T08_StaticField", "T09_StaticFieldRunsUserCode", "T10_FieldRunsUserCode", "T13_CapturedByLocalFunction",
        "T14_CapturedByLambda", "T15_ForeachDeconstruct", "T16_RecordToString", "T18_Interlocked", "T19_StringWriter", "T20_StringWriterChanged",
        "T21_ImmutableListAdd", "T22_Channel", "T24_TaskCompletionSource", "T28_RefLocal", "T29_LocalIterator", "T30_AsyncLambdaAwaited", "T31_Dynamic",
        "T37_TupleCreate", "T40_ReturnedObjectMember", "T44_ArrayResize", "T45_Base64",
        "T46_StaticPropertySetHere", "T47_ConditionalAssignMember", "T49_CompoundAssignRunsUserCode", "T51_SpanAlias", "T52_ArrayFill",
        "T53_MarshalSpan", "T54_ListCopyTo", "T55_ArrayCopy", "T58_ListPattern", "T60_OutToField",
        "T63_LocalLazy", "T64_LocalFunc", "T66_TupleFieldSet", "T70_Swap", "T72_VolatileWrite", "T73_AsyncLocal",
        "T75_ArraySegment", "T76_ListSetThroughIList", "T79_StackallocChars", "T81_ListInitializerRunsUserCode", "T82_ArrayElementSetChanged",
        "T83_ListCopyToLinked", "T90_StepsRunUserCode",
        "V01_ConditionalAccessProducer", "V03_DelegateOfTracedMethod",
        "X05_RefThenGlue", "X19_OutToFieldThenGlue", "X20_OutToLocalThenGlue",
        "X22_OutToFieldInAnotherMember", "X24_RefFieldInAnotherMember",
        "Y02_OwnPropertySetThenChanged", "Y04_OwnPropertyLocalUsedTwice", "Y06_OwnListFilledInLambda",
        "Y20_OwnListFilledThroughAlias", "Y23_OwnListFilledByVirtualHelper", "Y24_OwnListFilledByHelperInLambda", "Y25_OwnPropertySetByHelperChanged",
        "Z08_StepSetsInLambda", "Z09_StepSetsInnerMember", "Z11_StepThroughInterface", "Z13_MemberSetChangedStatePassed",
        "Z15_StepSetsMemberReadChanged", "Z17_StepSetsPrivateSetter", "Z19_StepOnArrayElement", "Z23_StateReadByVirtualHelper", "Z24_StateReadInLambda",
        "Z25_StepThenMemberAppended", "Z26_StepThenMemberAppendedRead", "Z27_StepThenMemberReplacedByGlue",
        "N05_MaybeStep", "N07_SwitchWithoutDefault", "N11_AssignedInLoop", "N16_BranchesThenUserCode", "N17_GotoRetry",
        "N19_SwitchBreakInIf", "N20_CatchKeepsEarlierStep", "N22_TernaryInBranch", "N29_SetInLambdaInBranch", "N33_RefAlias", "N34_GotoCase",
        "N36_TryFallbackArgumentRunsCode", "N37_TryFallbackThenChanged", "N38_TryFallbackInBranch", "N42_ChosenMaybeThenAddedToList",
        "M07_WhenAllArrayHandedOn", "M08_WhenAllIndexComputed", "M10_WhenAllOfArrayLocal",
        "J04_FilledListOfTwoIterated", "J11_CachedOrComputed",
        "J18_StepsReadInLambda", "J21_SortedByAComparerField",
        "K05_TernaryOneArmPlain", "K07_MemberFromConstructor", "K08_MemberFromDeclaration", "K13_ListHandedToHelper", "K14_ListClearedThenJoined", "K17_SetClearedThenJoined", "K20_StackPoppedOfTwo",
        "M15_StateMemberSetTwice", "M16_StateMemberSetInBranch", "M17_StateHandedOn", "M18_StateChangedInLambda", "M20_StateOfOwnConstructor", "M23_StateOfOtherObjectSetter", "M24_StateOfBaseConstructor",
    ];

    [Test]
    public void Every_shape_of_glue_code_is_linked_or_reported_where_it_is_lost()
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview).WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")]);
        var compilation = TestCompilations.Create("AgentShapes", Source, parse);
        CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator()], parseOptions: parse).RunGeneratorsAndUpdateCompilation(compilation, out var built, out _);
        var errors = built.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        var diagnostics = built.WithAnalyzers(AllAnalyzers()).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("OPTO", StringComparison.Ordinal)).ToList();

        var outcomes = Run(built).Split('\n').Select(line => line.Split(' ')).ToDictionary(parts => parts[0], parts => parts[1] == "linked");

        var source = compilation.SyntaxTrees.Single();
        var shapes = source.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => outcomes.ContainsKey(m.Identifier.ValueText))
            .ToDictionary(m => m.Identifier.ValueText, m => m.Span);
        bool Inside(Diagnostic diagnostic, string shape) => AgentShapeTests.Inside(diagnostic, source, shape, shapes[shape]);
        var silent = outcomes.Where(o => !o.Value && !s_notThere.Contains(o.Key) && !diagnostics.Any(d => Inside(d, o.Key))).Select(o => o.Key).ToList();
        Assert.That(outcomes, Has.Count.GreaterThan(100));
        Assert.That(silent, Is.Empty, "Lost with no diagnostic inside the shape: " + string.Join(", ", silent));
        var lost = outcomes.Where(o => !o.Value).Select(o => o.Key).ToList();
        Assert.That(lost.Except(s_lost), Is.Empty, "Lost, and not listed as lost: " + string.Join(", ", lost.Except(s_lost)));
        Assert.That(s_lost.Except(lost), Is.Empty, "Listed as lost, and linked: " + string.Join(", ", s_lost.Except(lost)));
        var reportedThoughLinked = outcomes.Where(o => o.Value && diagnostics.Any(d => d.Id == "OPTO017" && Inside(d, o.Key))).Select(o => o.Key);
        Assert.That(reportedThoughLinked, Is.EquivalentTo(s_reportedThoughLinked), "Linked, and reported as lost: " + string.Join(", ", reportedThoughLinked.Except(s_reportedThoughLinked)));
    }

    // Not linked, rightly and silently: the result is no longer in the collection when its text is joined, which links
    // what the collection holds then, by identity.
    private static readonly string[] s_notThere = ["K14_ListClearedThenJoined", "K17_SetClearedThenJoined"];

    // Linked here, and rightly reported: the first step every path holds is linked, the two added on some paths are not; a
    // group LINQ hands a lambda is typed by an interface a class of the user's could implement, and enumerating one could run
    // that class's code. Linked, and reported where the analyzer is more careful than it needs to be: the element read back
    // from a list of objects (`list[0]`, which the compiler cannot prove runs no code of the user's) is the stored value
    // itself, linked by its identity; a list of an object's member, filled by an intercepted Add, is read as the call starts.
    // Linked through the condition, and rightly reported for the value: a pattern that tests a result decides the call (its
    // decision is linked), and the pattern's local, changed and passed on, is not.
    // Linked where the analyzer cannot prove it: an answer made in a lambda on a condition in it, a local set in a do loop on
    // a condition after it, and a filter after SelectMany, whose elements are results kept by identity. Linked through the
    // catch's decision, and rightly reported for the value: the message of the exception a tool call threw, made into new
    // text in a method whose runs the compiler cannot tell apart.
    private static readonly string[] s_reportedThoughLinked =
        ["S09_ListOfObjectsAddChanged", "S30_MemberListPassedWhole", "N35_AppendedTwice", "T34_GroupBy", "T11_IsPatternChanged", "T59_SwitchCasePattern",
            "W11_DecidedInSelect", "W13_DoWhileRetry", "W22_SelectManyThenFiltered",
            // Where the analyzer is more careful than it needs to be: an element read from the end (`msgs[^1]`) and a caught
            // exception's `Message` (virtual, so a class of the user's could override it) are taken to run code of the user's;
            // a pattern's local, a list held in a dictionary, a chunk of a result and the last of a sorted dictionary are
            // followed no further, though the values keep their identity.
            "A07_LastMessageText", "A12_PropertyPatternDecides", "A25_ExceptionMessageRetried", "A27_DictionaryOfLists", "A29_ChunkedAnswers", "A30_SortedDictionaryFirst"];

    // A diagnostic inside the shape's method, where the user reads its code.
    private static bool Inside(Diagnostic diagnostic, SyntaxTree source, string shape, Microsoft.CodeAnalysis.Text.TextSpan method)
    {
        return diagnostic.Location.SourceTree == source && method.Contains(diagnostic.Location.SourceSpan.Start)
            // The interface's own diagnostic is at the method it says is not traced through the interface (OPTO004).
            || diagnostic.Id == "OPTO004" && shape == "R05_Interface";
    }

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        [.. typeof(GlueLinkAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    private static string Run(Compilation built)
    {
        using var image = new MemoryStream();
        var emitted = built.Emit(image);
        Assert.That(emitted.Success, Is.True, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("AgentShapes", isCollectible: true);
        try
        {
            image.Position = 0;
            var run = context.LoadFromStream(image).GetType("Shapes.ShapeRunner", throwOnError: true)!.GetMethod("Run")!;
            return ((Task<string>)run.Invoke(null, null)!).GetAwaiter().GetResult();
        }
        finally
        {
            context.Unload();
        }
    }

    private const string Source = """"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Globalization;
using Opto;
namespace Shapes;

public record Ticket(string Text, int Priority);
public class Chat { public List<string> Messages { get; } = new(); }
public class State { public string Summary { get; set; } = ""; }
public class Counted { public static int Made; public Counted() { Made++; } public string Text { get; set; } = ""; }
public class CountedDerived : Counted { public string Note { get; set; } = ""; }
public class Filled { public List<string> Lines { get; } = new(); public Filled(Desk2 d, string x, Action<string>? hook) { Lines.Add(d.Summarize(x) + "!"); hook?.Invoke(x); } }
public static class Board { public static string Last { get; set; } = ""; }
public static class Memo { public static string Last { get; set; } = ""; }
public class Holder(string text) { public string Text => text; }
public record struct Pair(string Left, string Right);

public class Desk
{
    [Trainable("How to summarize.")]
    public string Prompt { get; set; } = "Summarize briefly";

    [Traced] public string Summarize(string doc) => Prompt.Length + ":" + doc;
    [Traced] public async Task<string> SummarizeAsync(string doc) { await Task.Yield(); return Prompt.Length + "~" + doc; }
    [Traced] public ValueTask<string> SummarizeValueAsync(string doc) => new(Prompt.Length + "v" + doc);
    [Traced] public int Count(string doc) => Prompt.Length + doc.Length;
    [Traced] public (string Head, string Tail) Split(string doc) => (Prompt[..1] + doc, doc + "!");
    [Traced] public Pair Pairs(string doc) => new(Prompt[..1] + doc, doc + "?");
    [Traced] public Ticket Open(string doc) => new(Prompt[..2] + doc, 1);
    [Traced] public List<string> Lines(string doc) => [Prompt[..3] + doc, doc + "."];
    [Traced] public string[] Words(string doc) => [Prompt[..3] + doc, doc + ","];
    [Traced] public async IAsyncEnumerable<string> StreamAsync(string doc) { for (var i = 0; i < 2; i++) { await Task.Yield(); yield return Prompt[..(i + 1)] + doc; } }
    [Traced] public IEnumerable<string> Lazy(string doc) { yield return Prompt[..2] + doc; yield return doc + ";"; }
    [Traced] public Dictionary<string, string> Table(string doc) => new() { ["k"] = Prompt[..4] + doc };
    [Traced] public Dictionary<string, int> Scores(string doc) => new() { ["k"] = doc.Length + Prompt.Length };
    [Traced] public string? Maybe(string doc) => doc.Length > 0 ? Prompt[..1] + doc : null;

    [Traced] public string Answer(string context) => "A(" + context + ")";
    [Traced] public string AnswerAll(IReadOnlyList<string> parts) => "All(" + string.Join("|", parts) + ")";
    [Traced] public string AnswerTicket(Ticket t) => "T(" + t.Text + ")";
    [Traced] public string AnswerNumber(int n) => "N(" + n + ")";
    [Traced] public async Task<string> AnswerAsync(string context) { await Task.Yield(); return "AA(" + context + ")"; }
}

public enum Label { Billing, Other }
public class Req { public string Text { get; set; } = ""; public int N { get; set; } }
public partial class Desk2
{
    [Trainable("How to summarize.")]
    public string Prompt { get; set; } = "Summarize briefly";
    [Traced] public string Summarize(string doc) => Prompt.Length + ":" + doc;
    [Traced] public async Task<string> SummarizeAsync(string doc) { await Task.Yield(); return Prompt.Length + "~" + doc; }
    [Traced] public async Task<(string Head, int Size)> SplitAsync(string doc) { await Task.Yield(); return (Prompt[..1] + doc, Prompt.Length); }
    [Traced] public async IAsyncEnumerable<string> StreamAsync(string doc) { for (var i = 0; i < 2; i++) { await Task.Yield(); yield return Prompt[..(i + 1)] + doc; } }
    [Traced] public int? MaybeCount(string doc) => Prompt.Length;
    [Traced] public async Task<int> SizeAsync(string doc) { await Task.Yield(); return Prompt.Length + doc.Length; }
    [Traced] public string Classify(string doc) => Prompt.Length > 3 ? "Billing" : "Other";
    [Traced] public string Route(Label label) => "R(" + label + ")";
    [Traced] public string AnswerReq(Req r) => "Q(" + r.Text + r.N + ")";
    [Traced] public string PickBest(string[] docs) => docs.MaxBy(d => MaybeCount(d) ?? 0)!;
    [Traced] public string AnswerChat(Chat chat) => "C(" + string.Join("|", chat.Messages) + ")";
    [Traced] public string AnswerMany(params string[] parts) => "M(" + string.Join(",", parts) + ")";
    [Traced] public string Answer(string context) => "A(" + context + ")";
    [Traced] public string AnswerAll(IReadOnlyList<string> parts) => "All(" + string.Join("|", parts) + ")";
    [Traced] public string AnswerNumber(int n) => "N(" + n + ")";
    [Traced] public List<string> Lines(string doc) => [Prompt[..3] + doc, doc + "."];
    [Traced] public Ticket Open(string doc) => new(Prompt[..2] + doc, Prompt.Length);
    [Traced] public Ticket[] Tickets(string doc) => [new(Prompt[..2] + doc, 1), new(doc, 2)];
    [Traced] public string Fail(string doc) => throw new InvalidOperationException(Prompt[..2] + doc);
    [Traced] public async Task<string> FailAsync(string doc) { await Task.Yield(); throw new InvalidOperationException(Prompt[..2] + doc); }
    [Traced] public void AddSummary(List<string> into, string doc) => into.Add(Prompt[..2] + doc);
    [Traced] public void RememberStatic(string doc) => Memo.Last = Prompt[..2] + doc;
    [Traced] public void RememberOwn(string doc) => LastSummary = Prompt[..2] + doc;
    public string LastSummary { get; set; } = "";
    [Traced] public void AppendSummary(StringBuilder into, string doc) => into.Append(Prompt[..2] + doc);
    [Traced] public void FillReq(Req into, string doc) => into.Text = Prompt[..2] + doc;
    [Traced] public async Task AddSummaryAsync(List<string> into, string doc) { await Task.Yield(); into.Add(Prompt[..2] + doc); }
    [Traced] public void SetFirst(string[] into, string doc) => into[0] = Prompt[..2] + doc;
    [Traced] public void Put(Dictionary<string, string> into, string doc) => into["k"] = Prompt[..2] + doc;
    [Traced] public bool TryRead(string doc, out string verdict) { verdict = Prompt[..2] + doc; return doc.Length > 0; }
    [Traced] public void Refine(ref string prompt) => prompt = Prompt[..2] + prompt;
    [Traced] public void Enqueue(Queue<string> into, string doc) => into.Enqueue(Prompt[..2] + doc);
    [Traced] public void AddToSet(HashSet<string> into, string doc) => into.Add(Prompt[..2] + doc);
    [Traced] public void AddToCollection(ICollection<string> into, string doc) => into.Add(Prompt[..2] + doc);
    [Traced] public void InsertFirst(List<string> into, string doc) => into.Insert(0, Prompt[..2] + doc);
    [Traced] public void ReplaceAll(List<string> into, string doc) { into.Clear(); into.Add(Prompt[..2] + doc); }
    [Traced] public void AppendLines(StringBuilder into, string doc) { into.AppendLine(Prompt[..2]); into.AppendLine(doc); }
    [Traced] public void PutList(Dictionary<string, List<string>> into, string doc) => into[doc] = [Prompt[..2] + doc];
    [Traced] public void ReadInto(string doc, out List<string> lines) => lines = [Prompt[..2] + doc];
    public List<string> Notes { get; } = [];
    [Traced] public void Note(string doc) => Notes.Add(Prompt[..2] + doc);
    [Traced] public bool TryFirst(List<string> from, out string first) { first = from.Count > 0 ? from[0] : Prompt[..2]; return from.Count > 0; }
    private readonly List<string> _journal = [];
    public List<string> JournalCopy() => [.. _journal];
    [Traced] public void Journal(string doc) => _journal.Add(Prompt[..2] + doc);
    [Traced] public void NoteLater(string doc) { Action add = () => Notes.Add(Prompt[..3] + doc); add(); }
    [Traced] public void Log(string doc) => Journal2.Entries.Add(Prompt[..2] + doc);
    public StringBuilder Transcript { get; } = new();
    [Traced] public void Transcribe(string doc) => Transcript.AppendLine(Prompt[..2] + doc);
    public Dictionary<string, string> Facts { get; } = [];
    [Traced] public void Learn(string doc) => Facts[doc] = Prompt[..2] + doc;
    [Traced] public async Task RememberAsync(string doc) { await Task.Yield(); LastSummary = Prompt[..3] + doc; }
    [Traced] public void Keep(string doc) => LastSummary = doc;
    public string Computed => LastSummary;
    [Traced] public void NoteTwice(string doc) { Notes.Add(Prompt[..2] + doc); LastSummary = Prompt[..1] + doc; }
    public string[] Slots { get; } = new string[2];
    [Traced] public void Slot(string doc) => Slots[1] = Prompt[..2] + doc;
    [Traced] public void RememberIf(string doc) { if (doc.Length > 100) LastSummary = Prompt[..2] + doc; }
    [Traced] public void NoteViaHelper(string doc) => AddToNotes(Prompt[..2] + doc);
    private void AddToNotes(string s) => Notes.Add(s);
    [Traced] public void RememberViaHelper(string doc) => SetLast(Prompt[..2] + doc);
    private void SetLast(string s) => LastSummary = s;
    [Traced] public void NoteViaVirtual(string doc) => AddVirtual(Prompt[..2] + doc);
    protected virtual void AddVirtual(string s) => Notes.Add(s);
    [Traced] public void NoteViaHelperLater(string doc) => AddLater(Prompt[..2] + doc);
    private void AddLater(string s) { Action add = () => Notes.Add(s); add(); }
    [Traced] public void NoteThroughAlias(string doc) { var n = Notes; n.Add(Prompt[..2] + doc); }
    [Traced] public void NoteRange(string doc) => Notes.AddRange([Prompt[..2] + doc, doc]);
    public List<string> Replaced { get; private set; } = [];
    [Traced] public void Replace(string doc) => Replaced = [.. Replaced, Prompt[..2] + doc];
    [Traced] public Flow Plan(string question) => new() { Question = question };
    [Traced] public void Retrieve(Flow f) => f.Docs = Prompt[..2] + f.Question;
    [Traced] public void DraftFrom(Flow f) => f.Draft = "D(" + f.Docs + ")";
    [Traced] public string Finish(Flow f) => "F(" + f.Draft + ")";
    [Traced] public string AnswerFlow(Flow f) => "AF(" + f.Docs + ")";
    [Traced] public async Task RetrieveAsync(Flow f) { await Task.Yield(); f.Docs = Prompt[..3] + f.Question; }
    [Traced] public void LogStep(Flow f, string doc) => f.Steps.Add(Prompt[..2] + doc);
    [Traced] public string AnswerSteps(Flow f) => "S(" + string.Join("|", f.Steps) + ")";
    [Traced] public void RetrieveViaHelper(Flow f) => SetDocs(f, Prompt[..2] + f.Question);
    private static void SetDocs(Flow f, string s) => f.Docs = s;
    [Traced] public void RetrieveLater(Flow f) { Action set = () => f.Docs = Prompt[..2] + f.Question; set(); }
    [Traced] public void RetrieveInner(Flow f) => f.Inner!.Docs = Prompt[..2] + f.Question;
    [Traced] public string AnswerInner(Flow f) => "I(" + f.Inner!.Docs + ")";
    [Traced] public string AnswerViaHelper(Flow f) => Render(f);
    private static string Render(Flow f) => "R(" + f.Docs + ")";
    [Traced] public void RetrieveInto(IFlow f) => f.Docs = Prompt[..2] + "q";
    [Traced] public string AnswerIFlow(IFlow f) => "IF(" + f.Docs + ")";
    [Traced] public void RetrievePrivate(Flow f) => f.SetSecret(Prompt[..2] + f.Question);
    [Traced] public string AnswerSecret(Flow f) => "P(" + f.Secret + ")";
    [Traced] public void RetrieveMany(Flow[] flows) => flows[0].Docs = Prompt[..2];
    [Traced] public string AnswerPrompt(Flow f) => "P(" + BuildPrompt(f) + ")";
    private static string BuildPrompt(Flow f) => $"Question: {f.Question}\nDocs: {f.Docs}";
    [Traced] public string AnswerVirtual(Flow f) => RenderVirtual(f);
    protected virtual string RenderVirtual(Flow f) => "V(" + f.Docs + ")";
    [Traced] public string AnswerLater(Flow f) { Func<string> read = () => f.Docs; return "L(" + read() + ")"; }
}

public interface IFlow { string Docs { get; set; } }
public class Flow : IFlow
{
    public string Question { get; set; } = "";
    public string Docs { get; set; } = "";
    public string Draft = "";
    public List<string> Steps { get; } = [];
    public Flow? Inner { get; set; }
    public string Secret { get; private set; } = "";
    public void SetSecret(string s) => Secret = s;
}

public static class Journal2 { public static List<string> Entries { get; } = []; }

public static class DeskExtensions
{
    [Traced] public static void AddSummaryTo(this List<string> into, Desk2 desk, string doc) => into.Add(desk.Prompt[..2] + doc);
}

public class Probes(Desk desk)
{
    private readonly Desk _desk = desk;
    private string? _last;
    private readonly Dictionary<string, string> _cache = new();
    private readonly List<string> _history = [];

    public string P01_SelectToList(string d) { var parts = new[] { d, d + "2" }.Select(x => _desk.Summarize(x)).ToList(); return _desk.AnswerAll(parts); }
    public async Task<string> P02_WhenAllSelect(string d) { var parts = await Task.WhenAll(new[] { d, d + "2" }.Select(x => _desk.SummarizeAsync(x))); return _desk.Answer(string.Join("\n", parts)); }
    public string P03_Deconstruct(string d) { var (head, _) = _desk.Split(d); return _desk.Answer(head); }
    public string P04_Interpolation(string d) { var msg = $"Context: {_desk.Summarize(d)}"; return _desk.Answer(msg); }
    public string P05_RecordWith(string d) { var t = _desk.Open(d); var t2 = t with { Priority = 3 }; return _desk.AnswerTicket(t2); }
    public string P06_RecordWithText(string d) { var t = _desk.Open(d); var t2 = t with { Priority = 3 }; return _desk.Answer(t2.Text); }
    public string P07_DictionaryField(string d) { _cache["k"] = _desk.Summarize(d); return _desk.Answer(_cache["k"]); }
    public string P08_StringBuilderLoop(string d) { var sb = new StringBuilder(); foreach (var x in new[] { d, d + "2" }) sb.AppendLine(_desk.Summarize(x)); return _desk.Answer(sb.ToString()); }
    public async Task<string> P09_AwaitForeach(string d) { var acc = ""; await foreach (var c in _desk.StreamAsync(d)) acc += c; return _desk.Answer(acc); }
    public string P10_CoalesceAssign(string d) { string? cached = null; cached ??= _desk.Summarize(d); return _desk.Answer(cached); }
    public string P11_StringChain(string d) => _desk.Answer(_desk.Summarize(d).Trim().ToUpperInvariant());
    public string P12_JsonAnonymous(string d) { var json = JsonSerializer.Serialize(new { s = _desk.Summarize(d) }); return _desk.Answer(json); }
    public string P13_SplitIndex(string d) { var lines = _desk.Summarize(d).Split(':'); return _desk.Answer(lines[1]); }
    public string P14_Range(string d) => _desk.Answer(_desk.Summarize(d)[..3]);
    public string P15_Lambda(string d) { Func<string, string> f = s => _desk.Answer(s + _desk.Summarize(d)); return f("x"); }
    public string P16_Format(string d) => _desk.Answer(string.Format("{0}!", _desk.Summarize(d)));
    public string P17_NullCoalesce(string d) => _desk.Answer(_desk.Maybe(d) ?? "none");
    public string P18_FieldThenRead(string d) { _last = _desk.Summarize(d); return _desk.Answer(_last); }
    public string P19_Concat2(string d) => _desk.Answer(string.Concat(_desk.Summarize(d), _desk.Summarize(d + "b")));
    public string P20_Replace(string d) => _desk.Answer(_desk.Summarize(d).Replace("a", "b"));
    public string P21_Aggregate(string d) { var all = new[] { d, d + "2" }.Select(_desk.Summarize).Aggregate((a, b) => a + b); return _desk.Answer(all); }
    public async Task<string> P22_ValueTask(string d) { var s = await _desk.SummarizeValueAsync(d); return _desk.Answer(s); }
    public async Task<string> P23_TaskRun(string d) { var s = await Task.Run(() => _desk.Summarize(d)); return _desk.Answer(s); }
    public string P24_ListAddFirst(string d) { var list = new List<string>(); list.Add(_desk.Summarize(d)); return _desk.Answer(list.First()); }
    public string P25_SpanTrim(string d) => _desk.Answer(_desk.Summarize(d).AsSpan().Trim().ToString());
    public string P26_CountToNumber(string d) => _desk.AnswerNumber(_desk.Count(d) * 2);
    public string P27_CountInterpolated(string d) => _desk.Answer($"n={_desk.Count(d)}");
    public string P28_TupleItem(string d) { var t = _desk.Split(d); return _desk.Answer(t.Tail); }
    public string P29_StructPair(string d) { var p = _desk.Pairs(d); return _desk.Answer(p.Left); }
    public string P30_ReturnedList(string d) { var lines = _desk.Lines(d); return _desk.Answer(lines[0]); }
    public string P31_ReturnedArrayJoin(string d) { var words = _desk.Words(d); return _desk.Answer(string.Join(" ", words)); }
    public string P32_LazyToList(string d) { var l = _desk.Lazy(d).ToList(); return _desk.AnswerAll(l); }
    public string P33_LazyFirst(string d) => _desk.Answer(_desk.Lazy(d).First());
    public string P34_TableLookup(string d) { var t = _desk.Table(d); return _desk.Answer(t["k"]); }
    public string P35_TryGetValue(string d) { var t = _desk.Table(d); return t.TryGetValue("k", out var v) ? _desk.Answer(v) : "none"; }
    public string P36_HistoryJoin(string d) { _history.Add(_desk.Summarize(d)); _history.Add(_desk.Summarize(d + "b")); return _desk.Answer(string.Join("\n", _history)); }
    public string P37_Switch(string d) { var s = _desk.Summarize(d); var msg = s.Length switch { > 100 => s[..100], _ => s }; return _desk.Answer(msg); }
    public string P38_Ternary(string d) { var s = _desk.Summarize(d); var msg = s.Length > 2 ? s : d; return _desk.Answer(msg); }
    public async Task<string> P39_AwaitAnswerAsync(string d) => await _desk.AnswerAsync(await _desk.SummarizeAsync(d));
    public string P40_LocalFunction(string d) { string Wrap(string x) => "[" + x + "]"; return _desk.Answer(Wrap(_desk.Summarize(d))); }
    public string P41_StaticHelper(string d) => _desk.Answer(Helpers.Wrap(_desk.Summarize(d)));
    public string P42_ExtensionHelper(string d) => _desk.Answer(_desk.Summarize(d).Quote());
    public string P43_ToStringOfNumber(string d) => _desk.Answer(_desk.Count(d).ToString());
    public string P44_ObjectInitializer(string d) { var t = new Ticket(_desk.Summarize(d), 1); return _desk.AnswerTicket(t); }
    public string P45_Linq_Where(string d) { var l = _desk.Lines(d).Where(x => x.Length > 0).ToList(); return _desk.AnswerAll(l); }
    public string P46_LinqSelectMany(string d) { var l = new[] { d }.SelectMany(x => _desk.Lines(x)).ToList(); return _desk.AnswerAll(l); }
    public string P47_ConcatPlusLoop(string d) { var s = ""; foreach (var x in new[] { d, d + "2" }) s += _desk.Summarize(x) + "\n"; return _desk.Answer(s); }
    public string P48_OutParameter(string d) { Produce(d, out var s); return _desk.Answer(s); }
    private void Produce(string d, out string s) => s = _desk.Summarize(d);
    public string P49_ArrayElementAssign(string d) { var arr = new string[2]; arr[0] = _desk.Summarize(d); arr[1] = d; return _desk.AnswerAll(arr); }
    public string P50_ToLower(string d) => _desk.Answer(_desk.Summarize(d).ToLowerInvariant());
    public async Task<string> P51_ContinueWith(string d) { var s = await _desk.SummarizeAsync(d).ContinueWith(t => t.Result + "!"); return _desk.Answer(s); }
    public async Task<string> P52_ConfigureAwait(string d) { var s = await _desk.SummarizeAsync(d).ConfigureAwait(false); return _desk.Answer(s); }
    public string P53_GetAwaiterResult(string d) { var s = _desk.SummarizeAsync(d).GetAwaiter().GetResult(); return _desk.Answer(s); }
    public string P54_SubstringIndexOf(string d) { var s = _desk.Summarize(d); return _desk.Answer(s.Substring(s.IndexOf(':') + 1)); }
    public string P55_Regex(string d) { var m = System.Text.RegularExpressions.Regex.Match(_desk.Summarize(d), "[0-9]+"); return _desk.Answer(m.Value); }
    public string P56_StringCreateJoinLines(string d) => _desk.Answer(string.Join(Environment.NewLine, _desk.Lines(d)));
    public string P57_TupleLiteral(string d) { var t = (a: _desk.Summarize(d), b: 1); return _desk.Answer(t.a); }
    public string P58_ConditionalAccess(string d) => _desk.Answer(_desk.Maybe(d)?.Trim() ?? "none");
    public string P59_PatternVar(string d) { object o = _desk.Summarize(d); return o is string s ? _desk.Answer(s) : "none"; }
    public string P60_Cast(string d) { object o = _desk.Summarize(d); return _desk.Answer((string)o); }
}

public static class Helpers
{
    public static string Wrap(string x) => "<" + x + ">";
    public static string Quote(this string x) => "\"" + x + "\"";
}

public sealed record Note(string Text, int Priority);
public record struct Draft(string Text, int Priority);

public class MoreProbes(Desk desk)
{
    private readonly Desk _desk = desk;

    public string P61_TryGetValueInt(string d) { var t = _desk.Scores(d); return t.TryGetValue("k", out var n) ? _desk.AnswerNumber(n) : "none"; }
    public string P62_ForeachDictionaryValues(string d) { var t = _desk.Table(d); var list = new List<string>(); foreach (var kv in t) list.Add(kv.Value); return _desk.Answer(list[0]); }
    public string P63_DictionaryValuesFirst(string d) { var t = _desk.Table(d); var v = t.Values.First(); return _desk.Answer(v); }
    public string P64_SealedRecordWith(string d) { var n = new Note(_desk.Summarize(d), 1); var n2 = n with { Priority = 2 }; return _desk.Answer(n2.Text); }
    public string P65_RecordStructWith(string d) { var n = new Draft(_desk.Summarize(d), 1); var n2 = n with { Priority = 2 }; return _desk.Answer(n2.Text); }
    public string P66_IndexFromEnd(string d) { var w = _desk.Words(d); return _desk.Answer(w[^2]); }
    public string P67_RangeOfList(string d) => _desk.AnswerAll(_desk.Words(d)[..1]);
    public string P68_OutFromUserTryParse(string d) => Parse(_desk.Summarize(d), out var p) ? _desk.Answer(p) : "none";
    private static bool Parse(string s, out string parsed) { parsed = s.Trim('x'); return true; }
    public string P69_QueueTryDequeue(string d) { var q = new Queue<string>(_desk.Lines(d)); return q.TryDequeue(out var first) ? _desk.Answer(first.ToUpperInvariant()) : "none"; }
    public async Task<string> P70_TryGetValueAsync(string d) { var t = _desk.Scores(d); await Task.Yield(); return t.TryGetValue("k", out var n) ? _desk.AnswerNumber(n + 1) : "none"; }
}

public class Probes2(Desk2 desk)
{
    private readonly Desk2 _d = desk;
    public string Summary => _d.Summarize("computed");

    public async Task<string> Q01_TaskStoredThenAwaited(string x) { var t = _d.SummarizeAsync(x); await Task.Delay(1); var s = await t; return _d.Answer(s + "!"); }
    public async Task<string> Q02_WhenAny(string x) { var t = _d.SummarizeAsync(x); var done = await Task.WhenAny(t, Task.Delay(5000)); return _d.Answer(t.Result + "?"); }
    public async Task<string> Q03_AsyncTupleDeconstruct(string x) { var (head, size) = await _d.SplitAsync(x); return _d.AnswerNumber(size + 1); }
    public async Task<string> Q04_AsyncTupleHead(string x) { var (head, _) = await _d.SplitAsync(x); return _d.Answer(head + "!"); }
    public string Q05_NullableCoalesce(string x) { var n = _d.MaybeCount(x); return _d.AnswerNumber(n ?? 0); }
    public string Q06_NullableValue(string x) { var n = _d.MaybeCount(x); return _d.AnswerNumber(n!.Value); }
    public string Q07_EnumParse(string x) { var label = Enum.Parse<Label>(_d.Classify(x)); return _d.Route(label); }
    public string Q08_ObjectInitializer(string x) { var r = new Req { Text = _d.Summarize(x), N = 1 }; return _d.AnswerReq(r); }
    public string Q09_ParamsArgs(string x) => _d.AnswerMany(_d.Summarize(x), _d.Summarize(x + "2"));
    public string Q10_RecordDeconstruct(string x) { var (text, prio) = _d.Open(x); return _d.Answer(text + prio); }
    public string Q11_CollectionExpression(string x) { string[] arr = [_d.Summarize(x), _d.Summarize(x + "2")]; return _d.AnswerAll(arr); }
    public string Q12_Spread(string x) => _d.AnswerAll([.. _d.Lines(x), "tail"]);
    public string Q13_ToArray(string x) => _d.AnswerAll(_d.Lines(x).ToArray());
    public string Q14_QuerySyntax(string x) { var q = (from l in _d.Lines(x) where l.Length > 0 select l.ToUpper()).ToList(); return _d.AnswerAll(q); }
    public string Q15_ComputedProperty(string x) => _d.Answer(Summary + "!");
    public string Q16_VerbatimInterpolation(string x) { var s = _d.Summarize(x); return _d.Answer($@"Doc:\{s}"); }
    public string Q17_RawInterpolation(string x) { var s = _d.Summarize(x); return _d.Answer($"""Doc: "{s}" """); }
    public async Task<string> Q18_LocalAsyncFunction(string x) { async Task<string> Get() => await _d.SummarizeAsync(x); var s = await Get(); return _d.Answer(s + "!"); }
    public async Task<string> Q19_WhenAllTwoTasks(string x) { var a = _d.SummarizeAsync(x); var b = _d.SummarizeAsync(x + "2"); await Task.WhenAll(a, b); return _d.Answer(a.Result + b.Result); }
    public string Q20_IntParse(string x) { var n = int.Parse(_d.Summarize(x).Split(':')[0]); return _d.AnswerNumber(n); }
    public string Q21_StaticLocalFunction(string x) { static string Wrap(string s) => "[" + s + "]"; return _d.Answer(Wrap(_d.Summarize(x))); }
    public string Q22_Checked(string x) { var n = checked(_d.Open(x).Priority * 2); return _d.AnswerNumber(n); }
    public string Q23_SwitchStatement(string x) { var s = _d.Summarize(x); string msg; switch (s.Length) { case > 100: msg = "long"; break; default: msg = s + "."; break; } return _d.Answer(msg); }
    public string Q24_StringFormatTwo(string x) => _d.Answer(string.Format("{0}/{1}", _d.Summarize(x), _d.Summarize(x + "2")));
    public string Q25_ListOfMessagesAdd(string x) { var messages = new List<string> { "system" }; messages.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(messages); }
    public async Task<string> Q26_ConfiguredAwaitInInterpolation(string x) => _d.Answer($"S: {await _d.SummarizeAsync(x).ConfigureAwait(false)}");
    public string Q27_GenericHelper(string x) => _d.Answer(Same(_d.Summarize(x)) + "!");
    private static T Same<T>(T v) => v;
    public string Q28_TupleReturnedByHelper(string x) { var (a, b) = Pair(_d.Summarize(x)); return _d.Answer(a + b); }
    private static (string, string) Pair(string s) => (s, s.ToUpperInvariant());
    public async Task<string> Q29_AwaitForeachValueType(string x) { var total = 0; await foreach (var n in Counts(x)) total += n; return _d.AnswerNumber(total); }
    private async IAsyncEnumerable<int> Counts(string x) { yield return (await _d.SummarizeAsync(x)).Length; }
    public string Q30_StringCreate(string x) { var s = _d.Summarize(x); return _d.Answer(string.Create(s.Length, s, (span, st) => st.AsSpan().CopyTo(span))); }
    public string Q31_HelperReturnsUnchanged(string x) => _d.Answer(GetSummary(x) + "!");
    private string GetSummary(string x) => _d.Summarize(x);
    public string Q32_ComputedPropertyChanged(string x) => _d.Answer(Summary2);
    public string Summary2 => "S: " + _d.Summarize("computed");
    public string Q33_HelperReturnsChanged(string x) => _d.Answer(GetSummary2(x));
    private string GetSummary2(string x) => "S: " + _d.Summarize(x);
    public string Q34_IteratorYieldsChanged(string x) => _d.AnswerAll(Wrapped(x).ToList());
    private IEnumerable<string> Wrapped(string x) { yield return "[" + _d.Summarize(x) + "]"; }
    public async Task<string> Q35_AsyncHelperChanged(string x) => _d.Answer(await GetAsync(x));
    private async Task<string> GetAsync(string x) => "S: " + await _d.SummarizeAsync(x);
    public string Q36_PropertyUnchangedThenPassed(string x) => _d.Answer(Summary);
}

public interface IAsker { string Ask(string q); }
public class Asker(Desk2 d) : IAsker { [Traced] public string Ask(string q) => d.Summarize(q) + "?"; }

public class Probes3(Desk2 desk)
{
    private readonly Desk2 _d = desk;
    private readonly ConcurrentDictionary<string, string> _cache = new();
    private readonly Lazy<string> _lazy = new(() => desk.Summarize("lazy"));
    private readonly IAsker _asker = new Asker(desk);

    private static async Task<T> Retry<T>(Func<Task<T>> action) { for (var i = 0; ; i++) { try { return await action(); } catch when (i < 2) { } } }

    public async Task<string> R01_RetryUnchanged(string x) { var s = await Retry(() => _d.SummarizeAsync(x)); return _d.Answer(s); }
    public async Task<string> R02_RetryChanged(string x) { var s = await Retry(() => _d.SummarizeAsync(x)); return _d.Answer(s + "!"); }
    public string R03_GetOrAdd(string x) { var s = _cache.GetOrAdd(x, k => _d.Summarize(k)); return _d.Answer(s + "!"); }
    public string R04_Lazy(string x) => _d.Answer(_lazy.Value + "!");
    public string R05_Interface(string x) => _d.Answer(_asker.Ask(x) + "!");
    public async Task<string> R06_TaskRunChanged(string x) { var s = await Task.Run(() => _d.Summarize(x) + "!"); return _d.Answer(s); }
    public async Task<string> R07_ParallelForEach(string x) { var bag = new ConcurrentBag<string>(); await Parallel.ForEachAsync(new[] { x, x + "2" }, async (i, ct) => bag.Add(await _d.SummarizeAsync(i))); return _d.AnswerAll(bag.ToList()); }
    public async Task<string> R08_SemaphoreGuarded(string x) { using var gate = new SemaphoreSlim(1); await gate.WaitAsync(); try { var s = await _d.SummarizeAsync(x); return _d.Answer(s.Trim()); } finally { gate.Release(); } }
    public async Task<string> R09_TryCatchFallback(string x) { string s; try { s = await _d.SummarizeAsync(x); } catch { s = "fallback"; } return _d.Answer(s + "!"); }
    public async Task<string> R10_CancellationToken(string x) { using var cts = new CancellationTokenSource(); var s = await _d.SummarizeAsync(x).WaitAsync(cts.Token); return _d.Answer(s + "!"); }
    public async Task<string> R11_TupleFromTwoAwaits(string x) { var (a, b) = (await _d.SummarizeAsync(x), await _d.SummarizeAsync(x + "2")); return _d.Answer(a + b); }
    public async Task<string> R12_UsingResultInLoop(string x) { var acc = new List<string>(); foreach (var q in new[] { x, x + "2" }) { var s = await _d.SummarizeAsync(q); acc.Add(s.ToUpperInvariant()); } return _d.AnswerAll(acc); }
    public string R13_StringJoinSelectChanged(string x) => _d.Answer(string.Join(",", _d.Lines(x).Select(l => l.Trim('.'))));
    public string R14_ChatHistory(string x) { var history = new List<(string Role, string Text)>(); history.Add(("user", x)); history.Add(("assistant", _d.Summarize(x))); return _d.Answer(string.Join("\n", history.Select(h => $"{h.Role}: {h.Text}"))); }
    public async Task<string> R15_StreamIntoBuilder(string x) { var sb = new StringBuilder(); await foreach (var chunk in _d.StreamAsync(x)) sb.Append(chunk); return _d.Answer(sb.ToString()); }
    public async Task<string> R16_StreamIntoList(string x) { var parts = new List<string>(); await foreach (var chunk in _d.StreamAsync(x)) parts.Add(chunk); return _d.Answer(string.Concat(parts)); }
    public async Task<string> R17_StreamDirect(string x) { var last = ""; await foreach (var chunk in _d.StreamAsync(x)) last = _d.Answer(chunk); return last; }

    // Glue put into a framework collection, then the collection (or an element read back) passed on.
    private readonly List<string> _log = new();
    public string S01_QueueEnqueueChanged(string x) { var q = new Queue<string>(); q.Enqueue(_d.Summarize(x).Trim('.')); return _d.AnswerAll(q.ToList()); }
    public string S02_HashSetAddChanged(string x) { var set = new HashSet<string>(); set.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(set.ToList()); }
    public string S03_DictionaryAddThenIndex(string x) { var d = new Dictionary<string, string>(); d.Add("k", _d.Summarize(x) + "!"); return _d.Answer(d["k"]); }
    public string S04_StackPushThenPeek(string x) { var st = new Stack<string>(); st.Push($"[{_d.Summarize(x)}]"); return _d.Answer(st.Peek()); }
    public string S05_ListInsertChanged(string x) { var list = new List<string> { "tail" }; list.Insert(0, _d.Summarize(x).ToUpperInvariant()); return _d.AnswerAll(list); }
    public string S06_AddChosenByResult(string x) { var list = new List<string>(); var s = _d.Summarize(x); list.Add(s.Length > 3 ? s + "!" : "short"); return _d.AnswerAll(list); }
    public async Task<string> S07_ParallelBagChanged(string x) { var bag = new ConcurrentBag<string>(); await Parallel.ForEachAsync(new[] { x, x + "2" }, async (i, ct) => bag.Add((await _d.SummarizeAsync(i)).Trim())); return _d.AnswerAll(bag.ToList()); }
    public string S08_FieldListAddChanged(string x) { _log.Clear(); _log.Add(_d.Summarize(x) + "\n"); return _d.AnswerAll(_log); }
    public string S09_ListOfObjectsAddChanged(string x) { var list = new List<object>(); list.Add(_d.Summarize(x) + "!"); return _d.Answer((string)list[0]); }
    public string S10_DictionaryKeyChanged(string x) { var d = new Dictionary<string, int>(); d.TryAdd(_d.Summarize(x).Trim(), 1); return _d.Answer(d.Keys.First()); }
    public string S11_AddInBranch(string x) { var list = new List<string>(); var s = _d.Summarize(x); if (s.Length > 3) list.Add(s + "!"); return _d.AnswerAll(list); }
    public string S12_AddOfLengths(string x) { var lens = new List<int>(); lens.Add(_d.Summarize(x).Length); return _d.AnswerNumber(lens.Sum()); }
    public string S13_AddThroughInterface(string x) { ICollection<string> c = new List<string>(); c.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(c.ToList()); }
    public string S14_AddConditionalProducer(string x) { var list = new List<string>(); list.Add(x.Length > 0 ? _d.Summarize(x) + "!" : "none"); return _d.AnswerAll(list); }
    public string S15_AddInLambda(string x) { var list = new List<string>(); new[] { x }.ToList().ForEach(i => list.Add(_d.Summarize(i) + "!")); return _d.AnswerAll(list); }

    // Glue put into a collection by another method: a parameter, a field, an out argument, a returned collection.
    public Action<string>? OnNote { get; set; }
    private void Note(string s) => OnNote?.Invoke(s);
    private void Fill(List<string> into, string x) => into.Add(_d.Summarize(x) + "!");
    private void FillNoted(List<string> into, string x) { into.Add(_d.Summarize(x) + "!"); Note(x); }
    private void RememberNoted(string x) { _log.Add(_d.Summarize(x) + "!"); Note(x); }
    private void MakeNoted(string x, out List<string> made) { made = new List<string>(); made.Add(_d.Summarize(x) + "!"); Note(x); }
    private List<string> BuildNoted(string x) { var l = new List<string>(); l.Add(_d.Summarize(x) + "!"); Note(x); return l; }
    private async Task FillAsync(ICollection<string> into, string x) => into.Add((await _d.SummarizeAsync(x)).Trim());
    public string S16_FillParameter(string x) { var list = new List<string>(); Fill(list, x); return _d.AnswerAll(list); }
    public string S17_FillParameterRunsUserCode(string x) { var list = new List<string>(); FillNoted(list, x); return _d.AnswerAll(list); }
    public string S18_FieldFilledElsewhere(string x) { _log.Clear(); RememberNoted(x); return _d.AnswerAll(_log); }
    public string S19_OutCollection(string x) { MakeNoted(x, out var made); return _d.AnswerAll(made); }
    public string S20_ReturnedCollection(string x) { var l = BuildNoted(x); return _d.AnswerAll(l); }
    public async Task<string> S21_FillParameterAsync(string x) { var list = new List<string>(); await FillAsync(list, x); return _d.AnswerAll(list); }
    public string S22_FillLocalFunction(string x) { var list = new List<string>(); void Put() { list.Add(_d.Summarize(x) + "!"); Note(x); } Put(); return _d.AnswerAll(list); }
    public string S23_FieldAddRunsUserCode(string x) { _log.Clear(); _log.Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerAll(_log); }
    public string S24_ParameterOfLocalFunction(string x) { string Ask(List<string> into) { into.Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerAll(into); } return Ask(new List<string>()); }
    public string S25_FillThroughExtension(string x) { var list = new List<string>(); list.AddSummary(_d, x, OnNote); return _d.AnswerAll(list); }
    public string S26_FillNested(string x) { var list = new List<string>(); FillTwice(list, x); return _d.AnswerAll(list); }
    public string S27_ArraySetByHelper(string x) { var arr = new string[1]; SetFirst(arr, x); return _d.AnswerAll(arr); }
    public string S28_DictionarySetByHelper(string x) { var d = new Dictionary<string, string>(); SetKey(d, x); return _d.Answer(d["k"]); }
    public string S29_MemberListAddRunsUserCode(string x) { var chat = new Chat(); chat.Messages.Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerAll(chat.Messages); }
    public string S30_MemberListPassedWhole(string x) { var chat = new Chat(); chat.Messages.Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerChat(chat); }
    public string S31_TupleListAdd(string x) { var ctx = (Messages: new List<string>(), N: 1); ctx.Messages.Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerAll(ctx.Messages); }
    public string S32_FillByRef(string x) { var list = new List<string>(); FillRef(ref list, x); return _d.AnswerAll(list); }
    public string S33_MemberListLinked(string x) { var chat = new Chat(); chat.Messages.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(chat.Messages); }
    private void FillRef(ref List<string> into, string x) { into.Add(_d.Summarize(x) + "!"); Note(x); }
    public string S34_StaticPropertyOfOtherClass(string x) { RememberLast(x); return _d.Answer(Board.Last); }
    public string S35_MemberOfFieldObjectSetElsewhere(string x) { RememberState(x); return _d.Answer(_state.Summary); }
    public string S36_MemberSetByHelper(string x) { var st = new State(); FillState(st, x); return _d.Answer(st.Summary); }
    public string S37_MemberOfFieldObjectSetHere(string x) { _state.Summary = _d.Summarize(x) + "!"; return _d.Answer(_state.Summary); }
    private readonly State _state = new();
    public string S38_AddRangeRunsUserCode(string x) { var a = new List<string>(); a.Add(_d.Summarize(x) + "!"); var b = new List<string>(); b.AddRange(a); Note(x); return _d.AnswerAll(b); }
    public string S39_EventHandler(string x) { var answer = ""; Replied += s => answer = _d.Answer(s); Reply(x); return answer; }
    public string S40_CallbackProperty(string x) { var answer = ""; OnReply = s => answer = _d.Answer(s); Reply(x); return answer; }
    public string S41_BuilderAppendChanged(string x) { var sb = new StringBuilder("Notes:"); sb.Append(_d.Summarize(x).ToUpperInvariant()); return _d.Answer(sb.ToString()); }
    public string S42_BuilderAppendLineConcat(string x) { var sb = new StringBuilder(); sb.AppendLine("- " + _d.Summarize(x)); sb.AppendLine("end"); return _d.Answer(sb.ToString()); }
    public async Task<string> S43_BuilderLoopChangedAsync(string x) { var sb = new StringBuilder(); foreach (var q in new[] { x, x + "2" }) sb.AppendLine("- " + await _d.SummarizeAsync(q)); return _d.Answer(sb.ToString()); }
    public string S44_BuilderChangedRunsUserCode(string x) { var sb = new StringBuilder(); sb.Append(_d.Summarize(x).ToUpperInvariant()); Note(x); return _d.Answer(sb.ToString()); }
    public string S45_BuilderInsertObjectChanged(string x) { var sb = new StringBuilder("tail"); sb.Insert(0, (object)(_d.Summarize(x) + ": ")); return _d.Answer(sb.ToString()); }
    public string S46_OutStringHelper(string x) => TryMake(x, out var made) ? _d.Answer(made) : "";
    public string S47_RefStringHelper(string x) { var s = _d.Summarize(x); Decorate(ref s); return _d.Answer(s); }
    public string S48_FieldListAssignedFromLocal(string x) { KeepList(x); return _d.AnswerAll(_kept); }
    private List<string> _kept = new();
    private void KeepList(string x) { var l = new List<string>(); l.Add(_d.Summarize(x) + "!"); Note(x); _kept = l; }
    private bool TryMake(string x, out string made) { made = _d.Summarize(x) + "!"; return true; }
    private static void Decorate(ref string s) => s = s + "!";
    public string S49_ListFilledByConstructor(string x) { var c = new Filled(_d, x, OnNote); return _d.AnswerAll(c.Lines); }
    public string S50_NestedCollectionInitializer(string x) { var chat = new Chat { Messages = { _d.Summarize(x) + "!" } }; Note(x); return _d.AnswerAll(chat.Messages); }
    public string S51_ListOfListsAdd(string x) { var groups = new Dictionary<string, List<string>> { ["a"] = new() }; groups["a"].Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerAll(groups["a"]); }
    public string S52_SubscribedThroughHelper(string x) { var answer = ""; Subscribe(s => answer = _d.Answer(s)); Publish(x); return answer; }
    private readonly List<Action<string>> _handlers = new();
    private void Subscribe(Action<string> handler) => _handlers.Add(handler);
    private void Publish(string x) { var text = _d.Summarize(x) + "!"; foreach (var h in _handlers) h(text); }
    public event Action<string>? Replied;
    public Action<string>? OnReply { get; set; }
    private void Reply(string x) { var text = _d.Summarize(x) + "!"; Replied?.Invoke(text); OnReply?.Invoke(text); }
    private void RememberLast(string x) => Board.Last = _d.Summarize(x) + "!";
    private void RememberState(string x) => _state.Summary = _d.Summarize(x) + "!";
    private void FillState(State into, string x) => into.Summary = _d.Summarize(x) + "!";
    private void FillTwice(List<string> into, string x) { FillNoted(into, x); Note(x); }
    private void SetFirst(string[] into, string x) { into[0] = _d.Summarize(x) + "!"; Note(x); }
    private void SetKey(Dictionary<string, string> into, string x) { into["k"] = _d.Summarize(x) + "!"; Note(x); }
}

public struct MutableDraft { public string Text; }
public class Ctx { public State State { get; set; } = new(); public List<string> Notes { get; } = new(); }
public class Bus
{
    private readonly List<Action<string>> _handlers = new();
    public void Subscribe(Action<string> handler) => _handlers.Add(handler);
    public void Publish(Desk2 d, string x) { var text = d.Summarize(x) + "!"; foreach (var h in _handlers) h(text); }
}
public class Relay
{
    public event Action<string>? Said;
    public void Say(Desk2 d, string x) => Said?.Invoke(d.Summarize(x) + "!");
}

public class Probes4(Desk2 desk)
{
    private readonly Desk2 _d = desk;
    private static string s_last = "";
    private readonly Flow _flow = new();
    private string _field = "";
    public Action<string>? OnNote { get; set; }
    private void Note(string s) => OnNote?.Invoke(s);

    public string T01_HandlerKeptByOtherClass(string x) { var answer = ""; var bus = new Bus(); bus.Subscribe(s => answer = _d.Answer(s)); bus.Publish(_d, x); return answer; }
    public string T02_EventOfOtherClass(string x) { var answer = ""; var relay = new Relay(); relay.Said += s => answer = _d.Answer(s); relay.Say(_d, x); return answer; }
    public string T03_MemberTwoHoldersAway(string x) { var ctx = new Ctx(); ctx.State.Summary = _d.Summarize(x) + "!"; Note(x); return _d.Answer(ctx.State.Summary); }
    public string T04_MemberTwoHoldersAwayLinked(string x) { var ctx = new Ctx(); ctx.State.Summary = _d.Summarize(x) + "!"; return _d.Answer(ctx.State.Summary); }
    public string T05_LocalObjectMember(string x) { var st = new State(); st.Summary = _d.Summarize(x) + "!"; return _d.Answer(st.Summary); }
    public string T06_AnonymousType(string x) { var o = new { Text = _d.Summarize(x) + "!" }; return _d.Answer(o.Text); }
    public string T07_TupleChanged(string x) { var t = (Text: _d.Summarize(x) + "!", N: 1); return _d.Answer(t.Text); }
    public string T08_StaticField(string x) { s_last = _d.Summarize(x) + "!"; return _d.Answer(s_last); }
    public string T09_StaticFieldRunsUserCode(string x) { s_last = _d.Summarize(x) + "!"; Note(x); return _d.Answer(s_last); }
    public string T10_FieldRunsUserCode(string x) { _field = _d.Summarize(x) + "!"; Note(x); return _d.Answer(_field); }
    public string T11_IsPatternChanged(string x) => _d.Summarize(x) is { Length: > 0 } s ? _d.Answer(s + "!") : "";
    public string T12_SwitchOnTuple(string x) { var s = _d.Summarize(x); var msg = (x.Length, s) switch { ( > 0, var v) => v + "!", _ => "" }; return _d.Answer(msg); }
    public string T13_CapturedByLocalFunction(string x) { var s = ""; void Set() => s = _d.Summarize(x) + "!"; Set(); return _d.Answer(s); }
    public string T14_CapturedByLambda(string x) { var s = ""; Action set = () => s = _d.Summarize(x) + "!"; set(); return _d.Answer(s); }
    public string T15_ForeachDeconstruct(string x) { var acc = new List<string>(); foreach (var (k, v) in new Dictionary<string, string> { ["k"] = _d.Summarize(x) }) acc.Add(v + "!"); return _d.AnswerAll(acc); }
    public string T16_RecordToString(string x) => _d.Answer(_d.Open(x).ToString());
    public string T17_JsonRoundTrip(string x) { var json = JsonSerializer.Serialize(_d.Lines(x)); var back = JsonSerializer.Deserialize<List<string>>(json)!; return _d.AnswerAll(back); }
    public string T18_Interlocked(string x) { string? slot = null; Interlocked.Exchange(ref slot, _d.Summarize(x) + "!"); return _d.Answer(slot!); }
    public string T19_StringWriter(string x) { using var w = new System.IO.StringWriter(); w.WriteLine(_d.Summarize(x)); w.Write("end"); return _d.Answer(w.ToString()); }
    public string T20_StringWriterChanged(string x) { using var w = new System.IO.StringWriter(); w.WriteLine("- " + _d.Summarize(x)); return _d.Answer(w.ToString()); }
    public string T21_ImmutableListAdd(string x) { var l = System.Collections.Immutable.ImmutableList<string>.Empty.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(l); }
    public async Task<string> T22_Channel(string x) { var ch = System.Threading.Channels.Channel.CreateUnbounded<string>(); await ch.Writer.WriteAsync(_d.Summarize(x) + "!"); var s = await ch.Reader.ReadAsync(); return _d.Answer(s); }
    public async Task<string> T23_ChannelUnchanged(string x) { var ch = System.Threading.Channels.Channel.CreateUnbounded<string>(); await ch.Writer.WriteAsync(_d.Summarize(x)); var s = await ch.Reader.ReadAsync(); return _d.Answer(s); }
    public async Task<string> T24_TaskCompletionSource(string x) { var tcs = new TaskCompletionSource<string>(); tcs.SetResult(_d.Summarize(x) + "!"); var s = await tcs.Task; return _d.Answer(s); }
    public string T25_KeyValuePair(string x) { var kv = new KeyValuePair<string, string>("k", _d.Summarize(x) + "!"); return _d.Answer(kv.Value); }
    public string T26_DictionaryInitializer(string x) { var d = new Dictionary<string, string> { ["k"] = _d.Summarize(x) + "!" }; return _d.Answer(d["k"]); }
    public string T27_NestedMemberInitializer(string x) { var ctx = new Ctx { State = { Summary = _d.Summarize(x) + "!" } }; return _d.Answer(ctx.State.Summary); }
    public string T28_RefLocal(string x) { var arr = new string[1]; ref var slot = ref arr[0]; slot = _d.Summarize(x) + "!"; return _d.AnswerAll(arr); }
    public string T29_LocalIterator(string x) { IEnumerable<string> Items() { yield return _d.Summarize(x) + "!"; } return _d.AnswerAll(Items().ToList()); }
    public async Task<string> T30_AsyncLambdaAwaited(string x) { Func<Task<string>> f = async () => await _d.SummarizeAsync(x) + "!"; var s = await f(); return _d.Answer(s); }
    public string T31_Dynamic(string x) { dynamic dd = _d.Summarize(x); return _d.Answer((string)(dd + "!")); }
    public string T32_TupleArray(string x) { var arr = new[] { (a: _d.Summarize(x) + "!", b: 1) }; return _d.Answer(arr[0].a); }
    public string T33_Zip(string x) { var z = _d.Lines(x).Zip(new[] { "1", "2" }, (a, b) => a + b).ToList(); return _d.AnswerAll(z); }
    public string T34_GroupBy(string x) { var g = _d.Lines(x).GroupBy(l => l.Length).Select(gr => string.Join(",", gr)).ToList(); return _d.AnswerAll(g); }
    public string T35_ForEachMethodGroup(string x) { var sb = new StringBuilder(); _d.Lines(x).ForEach(l => sb.Append(l)); return _d.Answer(sb.ToString()); }
    public string T36_BuilderFilledByHelper(string x) { var sb = new StringBuilder(); AppendSummary(sb, x); return _d.Answer(sb.ToString()); }
    private void AppendSummary(StringBuilder sb, string x) { sb.Append("- " + _d.Summarize(x)); Note(x); }
    public string T37_TupleCreate(string x) { var t = Tuple.Create(_d.Summarize(x) + "!", 1); return _d.Answer(t.Item1); }
    public string T38_ListOfTuplesChanged(string x) { var l = new List<(string Role, string Text)>(); l.Add(("a", _d.Summarize(x) + "!")); return _d.Answer(l[0].Text); }
    public string T39_MemberListOfLocal(string x) { var ctx = new Ctx(); ctx.Notes.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(ctx.Notes); }
    public string T40_ReturnedObjectMember(string x) { var st = MakeState(x); return _d.Answer(st.Summary); }
    private State MakeState(string x) { var st = new State { Summary = _d.Summarize(x) + "!" }; Note(x); return st; }
    public string T41_SpanConcat(string x) { var s = _d.Summarize(x); return _d.Answer(string.Concat(s.AsSpan(0, 1), "!".AsSpan())); }
    public string T42_ConcatFiveParts(string x) { var s = _d.Summarize(x); return _d.Answer(string.Concat(s, "a", s, "b", s)); }
    public string T43_JoinParamsSpan(string x) { var a = _d.Summarize(x); var b = _d.Summarize(x + "2"); return _d.Answer(string.Join(",", a, b)); }
    public string T44_ArrayResize(string x) { var arr = new[] { _d.Summarize(x) + "!" }; Array.Resize(ref arr, 2); arr[1] = "t"; return _d.AnswerAll(arr); }
    public string T45_Base64(string x) => _d.Answer(Convert.ToBase64String(Encoding.UTF8.GetBytes(_d.Summarize(x))));
    public string T46_StaticPropertySetHere(string x) { Board.Last = _d.Summarize(x) + "!"; return _d.Answer(Board.Last); }
    public string T47_ConditionalAssignMember(string x) { var st = new State(); if (x.Length > 0) st.Summary = _d.Summarize(x) + "!"; return _d.Answer(st.Summary); }
    public string T48_CompoundAssign(string x) { var s = _d.Summarize(x); s += "!"; return _d.Answer(s); }
    public string T49_CompoundAssignRunsUserCode(string x) { var s = _d.Summarize(x); s += "!"; Note(x); return _d.Answer(s); }
    public string T51_SpanAlias(string x) { var arr = new string[1]; var span = arr.AsSpan(); span[0] = _d.Summarize(x) + "!"; return _d.AnswerAll(arr); }
    public string T52_ArrayFill(string x) { var arr = new string[1]; Array.Fill(arr, _d.Summarize(x) + "!"); return _d.AnswerAll(arr); }
    public string T53_MarshalSpan(string x) { var list = new List<string> { "" }; System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[0] = _d.Summarize(x) + "!"; return _d.AnswerAll(list); }
    public string T54_ListCopyTo(string x) { var list = new List<string> { _d.Summarize(x) + "!" }; var arr = new string[1]; list.CopyTo(arr); Note(x); return _d.AnswerAll(arr); }
    public string T55_ArrayCopy(string x) { var src = new[] { _d.Summarize(x) + "!" }; var dst = new string[1]; Array.Copy(src, dst, 1); Note(x); return _d.AnswerAll(dst); }
    public string T56_DictionaryTryAddValue(string x) { var d = new Dictionary<string, string>(); d.TryAdd("k", _d.Summarize(x) + "!"); Note(x); return _d.Answer(d["k"]); }
    public string T57_ConcurrentQueue(string x) { var q = new ConcurrentQueue<string>(); q.Enqueue(_d.Summarize(x) + "!"); q.TryDequeue(out var s); return _d.Answer(s!); }
    public string T58_ListPattern(string x) => _d.Lines(x) is [var first, ..] ? _d.Answer(first + "!") : "";
    public string T59_SwitchCasePattern(string x) { switch (_d.Summarize(x)) { case string s when s.Length > 0: return _d.Answer(s + "!"); default: return ""; } }
    public string T60_OutToField(string x) { TryMakeIt(x, out _field); return _d.Answer(_field); }
    private bool TryMakeIt(string x, out string made) { made = _d.Summarize(x) + "!"; return true; }
    public string T61_RefForeach(string x) { var arr = new[] { _d.Summarize(x) }; foreach (ref var item in arr.AsSpan()) item = item + "!"; return _d.AnswerAll(arr); }
    public async Task<string> T62_TaskFromResult(string x) { var s = await Task.FromResult(_d.Summarize(x) + "!"); return _d.Answer(s); }
    public string T63_LocalLazy(string x) { var lazy = new Lazy<string>(() => _d.Summarize(x) + "!"); return _d.Answer(lazy.Value); }
    public string T64_LocalFunc(string x) { Func<string> f = () => _d.Summarize(x) + "!"; return _d.Answer(f()); }
    public string T65_StrongBox(string x) { var box = new System.Runtime.CompilerServices.StrongBox<string>(_d.Summarize(x) + "!"); return _d.Answer(box.Value!); }
    public string T66_TupleFieldSet(string x) { var t = (a: "", b: 1); t.a = _d.Summarize(x) + "!"; return _d.Answer(t.a); }
    public string T67_MutableStruct(string x) { var m = new MutableDraft(); m.Text = _d.Summarize(x) + "!"; return _d.Answer(m.Text); }
    public string T68_AnonymousWith(string x) { var o = new { Text = "" }; var o2 = o with { Text = _d.Summarize(x) + "!" }; return _d.Answer(o2.Text); }
    public string T69_DeconstructAssign(string x) { string a, b; (a, b) = (_d.Summarize(x) + "!", "z"); return _d.Answer(a); }
    public string T70_Swap(string x) { var a = _d.Summarize(x) + "!"; var b = "z"; (a, b) = (b, a); return _d.Answer(b); }
    public string T71_EnumerableAppend(string x) => _d.AnswerAll(_d.Lines(x).Append("!").ToList());
    public string T72_VolatileWrite(string x) { Volatile.Write(ref _field, _d.Summarize(x) + "!"); return _d.Answer(_field); }
    public string T73_AsyncLocal(string x) { var al = new AsyncLocal<string>(); al.Value = _d.Summarize(x) + "!"; return _d.Answer(al.Value); }
    public string T74_ThrowExpression(string x) { var s = _d.Summarize(x) ?? throw new InvalidOperationException(); return _d.Answer(s + "!"); }
    public string T75_ArraySegment(string x) { var arr = new string[2]; var seg = new ArraySegment<string>(arr, 0, 1); seg[0] = _d.Summarize(x) + "!"; return _d.AnswerAll(arr); }
    public string T76_ListSetThroughIList(string x) { var list = new List<string> { "" }; IList<string> view = list; view[0] = _d.Summarize(x) + "!"; return _d.AnswerAll(list); }
    // Code of the user's between the call and the store (after the store, the same shapes are linked: S17, S23, S44).
    public string S53_UserCodeBeforeTheAdd(string x) { var list = new List<string>(); var s = _d.Summarize(x); Note(x); list.Add(s + "!"); return _d.AnswerAll(list); }
    public string S54_UserCodeBeforeTheAppend(string x) { var sb = new StringBuilder(); var s = _d.Summarize(x); Note(x); sb.Append(s.ToUpperInvariant()); return _d.Answer(sb.ToString()); }
    public string T77_AliasLocalAdd(string x) { var list = new List<string>(); var alias = list; alias.Add(_d.Summarize(x) + "!"); Note(x); return _d.AnswerAll(list); }
    public string T78_AliasLocalAddLinked(string x) { var list = new List<string>(); var alias = list; alias.Add(_d.Summarize(x) + "!"); return _d.AnswerAll(list); }
    public string T79_StackallocChars(string x) { var s = _d.Summarize(x); Span<char> buf = stackalloc char[s.Length]; s.AsSpan().CopyTo(buf); return _d.Answer(new string(buf)); }
    public string T80_CharArray(string x) { var chars = _d.Summarize(x).ToCharArray(); Array.Reverse(chars); return _d.Answer(new string(chars)); }
    public string T81_ListInitializerRunsUserCode(string x) { var list = new List<string> { _d.Summarize(x) + "!" }; Note(x); return _d.AnswerAll(list); }
    public string T82_ArrayElementSetChanged(string x) { var arr = new string[1]; arr[0] = _d.Summarize(x) + "!"; return _d.AnswerAll(arr); }
    public string T83_ListCopyToLinked(string x) { var list = new List<string> { _d.Summarize(x) + "!" }; var arr = new string[1]; list.CopyTo(arr); return _d.AnswerAll(arr); }
    public string T84_PromptInSteps(string x) { var prompt = "Context:\n"; prompt += _d.Summarize(x); prompt += "\nAnswer briefly."; return _d.Answer(prompt); }
    public string T85_ReassignedFromItself(string x) { var s = _d.Summarize(x); s = s.Trim(); s = s.ToUpperInvariant(); return _d.Answer(s); }
    public string T86_StartedAgain(string x) { var s = _d.Summarize(x); s = _d.Summarize(x + "2") + "!"; return _d.Answer(s); }
    public string T87_StepInBranch(string x) { var s = _d.Summarize(x); if (x.Length > 0) s += "!"; return _d.Answer(s); }
    public async Task<string> T88_AsyncSteps(string x) { var s = await _d.SummarizeAsync(x); s += "!"; s += await _d.SummarizeAsync(x + "2"); return _d.Answer(s); }
    public string T89_StepsThenLoop(string x) { var s = _d.Summarize(x); s += "!"; var r = ""; foreach (var c in new[] { 1, 2 }) r = _d.Answer(s + c); return r; }
    public string T90_StepsRunUserCode(string x) { var s = _d.Summarize(x); Note(x); s += "!"; return _d.Answer(s); }
    public string T91_NumberInSteps(string x) { var n = _d.MaybeCount(x) ?? 0; n += 2; n *= 3; return _d.AnswerNumber(n); }
    public string U01_TracedFillsList(string x) { var list = new List<string>(); _d.AddSummary(list, x); return _d.AnswerAll(list); }
    public string U02_TracedFillsBuilder(string x) { var sb = new StringBuilder(); _d.AppendSummary(sb, x); return _d.Answer(sb.ToString()); }
    public string U03_TracedSetsMember(string x) { var r = new Req(); _d.FillReq(r, x); return _d.AnswerReq(r); }
    public string U04_TracedSetsMemberRead(string x) { var r = new Req(); _d.FillReq(r, x); return _d.Answer(r.Text); }
    public async Task<string> U05_TracedFillsListAsync(string x) { var list = new List<string>(); await _d.AddSummaryAsync(list, x); return _d.AnswerAll(list); }
    public string U08_TracedSetsElement(string x) { var arr = new string[1]; _d.SetFirst(arr, x); return _d.AnswerAll(arr); }
    public string U09_TracedSetsKey(string x) { var d = new Dictionary<string, string>(); _d.Put(d, x); return _d.Answer(d["k"]); }
    public string U10_TracedFillsListElement(string x) { var list = new List<string>(); _d.AddSummary(list, x); return _d.Answer(list[0]); }
    public async Task<string> U11_WhenAllOfList(string x) { var tasks = new List<Task<string>>(); foreach (var q in new[] { x, x + "2" }) tasks.Add(_d.SummarizeAsync(q)); var all = await Task.WhenAll(tasks); return _d.Answer(string.Join(",", all)); }
    public string U12_LockAssigned(string x) { string s; lock (_gate) { s = _d.Summarize(x); } return _d.Answer(s + "!"); }
    private readonly object _gate = new();
    public string U13_DeclaredThenAssigned(string x) { string s; s = _d.Summarize(x); return _d.Answer(s + "!"); }
    public string U14_IfElseAssigned(string x) { string s; if (x.Length > 0) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); return _d.Answer(s + "!"); }
    public string U15_InLock(string x) { lock (_gate) { var s = _d.Summarize(x); return _d.Answer(s + "!"); } }
    public string V01_ConditionalAccessProducer(string x) { var s = _maybe?.Summarize(x); return _d.Answer(s + "!"); }
    private readonly Desk2? _maybe = null;
    private string _verdict = "";
    private string _read = "";
    private string _kept = "";
    private readonly List<string> _filled = [];
    public string V02_FormatSpecifier(string x) => _d.Answer($"{_d.MaybeCount(x):D3}");
    public string V03_DelegateOfTracedMethod(string x) { Func<string, string> f = _d.Summarize; var s = f(x); return _d.Answer(s + "!"); }
    public async Task<string> V04_AsTask(string x) { var s = await _d.SummarizeAsync(x).WaitAsync(TimeSpan.FromSeconds(5)); return _d.Answer(s + "!"); }
    public async Task<string> V05_WhenAllIndex(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); return _d.Answer(all[0] + "!"); }
    public string V06_DictionaryValuesJoin(string x) { var d = new Dictionary<string, string> { ["a"] = _d.Summarize(x) }; return _d.Answer(string.Join(",", d.Values) + "!"); }
    public string V07_TernaryOfTwoResults(string x) { var a = _d.Summarize(x); var b = _d.Summarize(x + "2"); return _d.Answer((a.Length > b.Length ? a : b) + "!"); }
    public string V08_MaxBy(string x) { var best = new[] { _d.Summarize(x), _d.Summarize(x + "2") }.MaxBy(s => s.Length)!; return _d.Answer(best + "!"); }
    public string W01_PrimaryConstructorCapture(string x) { var h = new Holder(_d.Summarize(x)); return _d.Answer(h.Text + "!"); }
    public string W02_StaticSetByTracedMethod(string x) { _d.RememberStatic(x); return _d.Answer(Memo.Last); }
    public string W03_OwnPropertySetByTracedMethod(string x) { _d.RememberOwn(x); return _d.Answer(_d.LastSummary); }
    public string X01_OutThenGlue(string x) { _d.TryRead(x, out var v); return _d.Answer(v + "!"); }
    public string X02_OutDirect(string x) => _d.TryRead(x, out var v) ? _d.Answer(v) : "";
    public string X03_OutToField(string x) { _d.TryRead(x, out _verdict); return _d.Answer(_verdict); }
    public string X04_RefRefined(string x) { var p = x + "?"; _d.Refine(ref p); return _d.Answer(p); }
    public string X05_RefThenGlue(string x) { var p = x + "?"; _d.Refine(ref p); return _d.Answer(p + "!"); }
    public string X06_QueueFilled(string x) { var q = new Queue<string>(); _d.Enqueue(q, x); return _d.Answer(q.Dequeue()); }
    public string X07_SetFilled(string x) { var set = new HashSet<string>(); _d.AddToSet(set, x); return _d.AnswerAll(set.ToList()); }
    public string X08_CollectionFilled(string x) { var list = new List<string>(); _d.AddToCollection(list, x); return _d.AnswerAll(list); }
    public string X09_InsertedFirst(string x) { var list = new List<string> { x }; _d.InsertFirst(list, x); return _d.Answer(list[0]); }
    public string X10_ClearedAndFilled(string x) { var list = new List<string> { x }; _d.ReplaceAll(list, x); return _d.AnswerAll(list); }
    public string X11_BuilderLines(string x) { var sb = new StringBuilder("Notes:\n"); _d.AppendLines(sb, x); return _d.Answer(sb.ToString()); }
    public string X12_NestedListValue(string x) { var d = new Dictionary<string, List<string>>(); _d.PutList(d, x); return _d.AnswerAll(d[x]); }
    public string X13_FilledThenJoined(string x) { var list = new List<string>(); _d.AddSummary(list, x); return _d.Answer(string.Join(",", list) + "!"); }
    public string X14_FilledTwiceThenIndexed(string x) { var list = new List<string>(); _d.AddSummary(list, x); _d.AddSummary(list, x + "2"); return _d.Answer(list[1]); }
    public string X15_TwoOutsJoined(string x) { _d.TryRead(x, out var a); _d.TryRead(x + "2", out var b); return _d.Answer(a + b); }
    public string X16_OutList(string x) { _d.ReadInto(x, out var lines); return _d.AnswerAll(lines); }
    public string X17_FilledThenCopied(string x) { var list = new List<string>(); _d.AddSummary(list, x); var copy = list.ToArray(); return _d.AnswerAll(copy); }
    public string X19_OutToFieldThenGlue(string x) { _d.TryRead(x, out _verdict); return _d.Answer(_verdict + "!"); }
    public string X20_OutToLocalThenGlue(string x) { string v; _d.TryRead(x, out v); return _d.Answer(v + "!"); }
    public string X21_RefTwice(string x) { var p = x + "?"; _d.Refine(ref p); _d.Refine(ref p); return _d.Answer(p); }
    public string X22_OutToFieldInAnotherMember(string x) { SetRead(x); return _d.Answer(_read + "!"); }
    public string X23_OutToFieldInAnotherMemberAsIs(string x) { SetRead(x); return _d.Answer(_read); }
    public string X24_RefFieldInAnotherMember(string x) { RefineKept(x); return _d.Answer(_kept + "!"); }
    private void SetRead(string x) => _d.TryRead(x, out _read);
    private void RefineKept(string x) { _kept = x + "?"; _d.Refine(ref _kept); }
    public string X25_FilledField(string x) { _d.AddSummary(_filled, x); return _d.AnswerAll(_filled); }
    public string X26_FilledMemberOfObject(string x) { var chat = new Chat(); _d.AddSummary(chat.Messages, x); return _d.Answer(chat.Messages[0]); }
    public string X27_FilledThenWhere(string x) { var list = new List<string>(); _d.AddSummary(list, x); return _d.AnswerAll(list.Where(s => s.Length > 0).ToList()); }
    public string X28_FilledThenFirst(string x) { var list = new List<string>(); _d.AddSummary(list, x); return _d.Answer(list.First()); }
    public string X29_FilledThenConcat(string x) { var list = new List<string>(); _d.AddSummary(list, x); return _d.Answer(string.Concat(list)); }
    public string X30_FilledByExtension(string x) { var list = new List<string>(); list.AddSummaryTo(_d, x); return _d.AnswerAll(list); }
    public string X31_OwnListFilledByTracedMethod(string x) { _d.Note(x); return _d.AnswerAll(_d.Notes); }
    public string X32_OutOfFilled(string x) { var list = new List<string>(); _d.AddSummary(list, x); _d.TryFirst(list, out var first); return _d.Answer(first); }
    public string Y01_OwnListFilledThenJoined(string x) { _d.Note(x); return _d.Answer(string.Join(",", _d.Notes) + "!"); }
    public string Y02_OwnPropertySetThenChanged(string x) { _d.RememberOwn(x); return _d.Answer(_d.LastSummary + "!"); }
    public string Y03_OwnPropertyThroughLocal(string x) { _d.RememberOwn(x); var s = _d.LastSummary; return _d.Answer(s); }
    public string Y04_OwnPropertyLocalUsedTwice(string x) { _d.RememberOwn(x); var s = _d.LastSummary; _d.Answer(s); return _d.Answer(s + "!"); }
    public string Y05_PrivateListFilled(string x) { _d.Journal(x); return _d.AnswerAll(_d.JournalCopy()); }
    public string Y06_OwnListFilledInLambda(string x) { _d.NoteLater(x); return _d.AnswerAll(_d.Notes); }
    public string Y07_StaticListFilled(string x) { _d.Log(x); return _d.AnswerAll(Journal2.Entries); }
    public string Y08_OwnBuilderAppended(string x) { _d.Transcribe(x); return _d.Answer(_d.Transcript.ToString()); }
    public string Y09_OwnDictionarySet(string x) { _d.Learn(x); return _d.Answer(_d.Facts[x]); }
    public async Task<string> Y10_OwnPropertySetAfterAwait(string x) { await _d.RememberAsync(x); return _d.Answer(_d.LastSummary); }
    public string Y11_OwnPropertySetToParameter(string x) { _d.Keep(_d.Summarize(x)); return _d.Answer(_d.LastSummary); }
    public string Y12_OwnPropertyThroughComputed(string x) { _d.RememberOwn(x + "y"); return _d.Answer(_d.Computed); }
    public string Y13_OwnListAndPropertyBothRead(string x) { _d.NoteTwice(x); return _d.AnswerMany(_d.LastSummary, _d.Notes[^1]); }
    public string Y14_OwnArraySlotSet(string x) { _d.Slot(x); return _d.Answer(_d.Slots[1]); }
    public string Y15_OwnListElementByIndex(string x) { _d.Note(x + "z"); return _d.Answer(_d.Notes[^1]); }
    public string Y16_OwnListFilledThenLinq(string x) { _d.Note(x + "w"); return _d.AnswerAll(_d.Notes.Where(n => n.Length > 0).ToList()); }
    public string Y17_OwnPropertyMaybeSetAgain(string x) { _d.RememberOwn(x + "v"); _d.RememberIf(x); return _d.Answer(_d.LastSummary); }
    public string Y18_OwnListFilledByHelper(string x) { _d.NoteViaHelper(x + "h"); return _d.AnswerAll(_d.Notes); }
    public string Y19_OwnPropertySetByHelper(string x) { _d.RememberViaHelper(x + "h"); return _d.Answer(_d.LastSummary); }
    public string Y23_OwnListFilledByVirtualHelper(string x) { _d.NoteViaVirtual(x + "v"); return _d.AnswerAll(_d.Notes); }
    public string Y24_OwnListFilledByHelperInLambda(string x) { _d.NoteViaHelperLater(x + "l"); return _d.AnswerAll(_d.Notes); }
    public string Y25_OwnPropertySetByHelperChanged(string x) { _d.RememberViaHelper(x + "c"); return _d.Answer(_d.LastSummary + "!"); }
    public string Y20_OwnListFilledThroughAlias(string x) { _d.NoteThroughAlias(x + "a"); return _d.AnswerAll(_d.Notes); }
    public string Y21_OwnListAddRange(string x) { _d.NoteRange(x + "r"); return _d.AnswerAll(_d.Notes); }
    public string Y22_OwnListReplacedWhole(string x) { _d.Replace(x); return _d.AnswerAll(_d.Replaced); }
    public string X33_FilledThenForeach(string x) { var list = new List<string>(); _d.AddSummary(list, x); var r = ""; foreach (var s in list) r = _d.Answer(s); return r; }
    public string X18_FilledInLoop(string x) { var list = new List<string>(); foreach (var d in new[] { x, x + "2" }) _d.AddSummary(list, d); return _d.AnswerAll(list); }
    public string Z01_StepSetsMemberThenRead(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.Answer(f.Docs); }
    public string Z02_StepSetsMemberStatePassed(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.AnswerFlow(f); }
    public string Z03_ThreeStepsOnState(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); _d.DraftFrom(f); return _d.Finish(f); }
    public async Task<string> Z04_AsyncStepOnState(string x) { var f = new Flow { Question = x }; await _d.RetrieveAsync(f); return _d.AnswerFlow(f); }
    public string Z05_StepFillsStateList(string x) { var f = new Flow(); _d.LogStep(f, x); return _d.AnswerSteps(f); }
    public string Z06_StepFillsStateListRead(string x) { var f = new Flow(); _d.LogStep(f, x); return _d.AnswerAll(f.Steps); }
    public string Z07_StepSetsThroughHelper(string x) { var f = new Flow { Question = x }; _d.RetrieveViaHelper(f); return _d.AnswerFlow(f); }
    public string Z08_StepSetsInLambda(string x) { var f = new Flow { Question = x }; _d.RetrieveLater(f); return _d.AnswerFlow(f); }
    public string Z09_StepSetsInnerMember(string x) { var f = new Flow { Question = x, Inner = new Flow() }; _d.RetrieveInner(f); return _d.AnswerInner(f); }
    public string Z10_StateReadByUntracedHelper(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.AnswerViaHelper(f); }
    public string Z11_StepThroughInterface(string x) { IFlow f = new Flow(); _d.RetrieveInto(f); return _d.AnswerIFlow(f); }
    public string Z12_MemberSetAsIsStatePassed(string x) { var f = new Flow(); f.Docs = _d.Summarize(x); return _d.AnswerFlow(f); }
    public string Z13_MemberSetChangedStatePassed(string x) { var f = new Flow(); f.Docs = _d.Summarize(x) + "!"; return _d.AnswerFlow(f); }
    public string Z14_ReturnedStateThenStep(string x) { var f = _d.Plan(x); _d.Retrieve(f); return _d.AnswerFlow(f); }
    public string Z15_StepSetsMemberReadChanged(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.Answer(f.Docs + "!"); }
    public string Z17_StepSetsPrivateSetter(string x) { var f = new Flow { Question = x }; _d.RetrievePrivate(f); return _d.AnswerSecret(f); }
    public string Z19_StepOnArrayElement(string x) { var fs = new[] { new Flow() }; _d.RetrieveMany(fs); return _d.AnswerFlow(fs[0]); }
    public string Z20_StepSetsMemberOfField(string x) { _flow.Question = x; _d.Retrieve(_flow); return _d.AnswerFlow(_flow); }
    public string Z22_StateReadByPromptHelper(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.AnswerPrompt(f); }
    public string Z23_StateReadByVirtualHelper(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.AnswerVirtual(f); }
    public string Z24_StateReadInLambda(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); return _d.AnswerLater(f); }
    public string Z25_StepThenMemberAppended(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); f.Docs += "!"; return _d.AnswerFlow(f); }
    public string Z26_StepThenMemberAppendedRead(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); f.Docs += "!"; return _d.Answer(f.Docs); }
    public string Z27_StepThenMemberReplacedByGlue(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); f.Docs = f.Docs.Trim() + "!"; return _d.AnswerFlow(f); }
    public string Z21_StateMemberSetByTwoSteps(string x) { var f = new Flow { Question = x }; _d.Retrieve(f); _d.RetrieveViaHelper(f); return _d.AnswerFlow(f); }
    public string T50_ElementOfReturnedArrayChanged(string x) { var l = _d.Lines(x); l[0] = l[0] + "!"; return _d.AnswerAll(l); }

    // A local set in branches: linked when each path's value is made by a step of its own, or by the same step.
    public string N01_IfElseBothSteps(string x) { string s; if (x.Length > 5) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); return _d.Answer($"[{s}]"); }
    public string N02_RefineIfLong(string x) { var s = _d.Summarize(x); if (s.Length > 3) s = _d.Summarize(s + "?"); return _d.Answer(s + "!"); }
    public string N03_TryFallbackStep(string x) { string s; try { s = _d.Summarize(x); } catch (InvalidOperationException) { s = _d.Summarize(x + "2"); } return _d.Answer(s + "!"); }
    public string N04_TryFallbackConstant(string x) { string s; try { s = _d.Summarize(x); } catch (InvalidOperationException) { s = "fallback"; } return _d.Answer(s + "!"); }
    public string N05_MaybeStep(string x) { var s = "none"; if (x.Length > 0) s = _d.Summarize(x); return _d.Answer(s + "!"); }
    public string N06_SwitchSections(string x) { string s; switch (x.Length) { case 1: s = _d.Summarize(x + "1"); break; case 3: s = _d.Summarize(x); break; default: s = _d.Summarize(x + "d"); break; } return _d.Answer(s + "!"); }
    public string N07_SwitchWithoutDefault(string x) { var s = "none"; switch (x.Length) { case 3: s = _d.Summarize(x); break; case 4: s = _d.Summarize(x + "4"); break; } return _d.Answer(s + "!"); }
    public string N08_NestedIf(string x) { string s; if (x.Length > 1) { if (x.Length > 2) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); } else s = _d.Summarize(x + "3"); return _d.Answer(s + "!"); }
    public string N09_ElseReturns(string x) { string s; if (x.Length > 0) s = _d.Summarize(x); else return ""; return _d.Answer(s + "!"); }
    public string N10_UsingBlock(string x) { string s; using (var w = new System.IO.StringWriter()) { s = _d.Summarize(x); } return _d.Answer(s + "!"); }
    public string N11_AssignedInLoop(string x) { var s = ""; foreach (var q in new[] { x }) s = _d.Summarize(q); return _d.Answer(s + "!"); }
    public async Task<string> N12_IfElseAsync(string x) { string s; if (x.Length > 5) s = await _d.SummarizeAsync(x); else s = await _d.SummarizeAsync(x + "2"); return _d.Answer(s + "!"); }
    public string N13_TrimmedAfterBranch(string x) { string s; if (x.Length > 0) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); s = s.Trim(); return _d.Answer(s + "!"); }
    public string N14_AppendedAfterBranch(string x) { string s; if (x.Length > 0) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); s += "!"; return _d.Answer(s); }
    public string N15_ConditionFromStep(string x) { var s = _d.Summarize(x); string msg; if (s.Length > 100) msg = "long"; else msg = s + "."; return _d.Answer(msg); }
    public string N16_BranchesThenUserCode(string x) { string s; if (x.Length > 0) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); Note(x); return _d.Answer(s + "!"); }
    public string N17_GotoRetry(string x) { string s; var tries = 0; retry: s = _d.Summarize(x); if (s.Length < 2 && tries++ < 1) goto retry; return _d.Answer(s + "!"); }
    public string N18_NumberFromEitherStep(string x) { int n; if (x.Length > 0) n = _d.MaybeCount(x) ?? 1; else n = _d.MaybeCount(x + "2") ?? 2; return _d.AnswerNumber(n); }
    public string N19_SwitchBreakInIf(string x) { var s = ""; switch (x.Length) { case 3: s = _d.Summarize(x); if (x == "doc") break; s = _d.Summarize(x + "!"); break; default: s = _d.Summarize(x + "d"); break; } return _d.Answer(s + "!"); }
    public string N20_CatchKeepsEarlierStep(string x) { var s = _d.Summarize(x); try { s = _d.Summarize(x + "2").Trim(); } catch (NullReferenceException) { } return _d.Answer(s + "!"); }
    public string N21_IfWithoutElse(string x) { var s = _d.Summarize(x); if (x.Length > 1) s = _d.Summarize(x + "2"); return _d.Answer(s + "!"); }
    public string N22_TernaryInBranch(string x) { string s; if (x.Length > 0) s = x.Length > 1 ? _d.Summarize(x) : _d.Summarize(x + "2"); else s = _d.Summarize(x + "3"); return _d.Answer(s + "!"); }
    public string N23_SameStepBothBranches(string x) { var s = _d.Summarize(x); string t; if (x.Length > 0) t = s + "!"; else t = s + "?"; return _d.Answer(t); }
    public string N24_ReadInsideBranch(string x) { string s; if (x.Length > 0) { s = _d.Summarize(x); return _d.Answer(s + "!"); } else s = "none"; return s; }
    public string N25_TryFinally(string x) { string s; try { s = _d.Summarize(x); } finally { _field = x; } return _d.Answer(s + "!"); }
    public string N26_CatchRethrows(string x) { string s; try { s = _d.Summarize(x); } catch (InvalidOperationException) { throw; } return _d.Answer(s + "!"); }
    public string N27_BranchInLoopBody(string x) { var r = ""; foreach (var q in new[] { x }) { string s; if (q.Length > 0) s = _d.Summarize(q); else s = _d.Summarize(q + "2"); r = _d.Answer(s + "!"); } return r; }
    public string N28_ContinueInBranch(string x) { var r = ""; foreach (var q in new[] { x, "" }) { string s; if (q.Length > 0) s = _d.Summarize(q); else continue; r = _d.Answer(s + "!"); } return r; }
    public string N29_SetInLambdaInBranch(string x) { var s = ""; if (x.Length > 0) { Action set = () => s = _d.Summarize(x); set(); } return _d.Answer(s + "!"); }
    public string N30_LockedBranches(string x) { string s; lock (_gate) { if (x.Length > 0) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); } return _d.Answer(s + "!"); }
    public string N31_TwoIfsInARow(string x) { var s = _d.Summarize(x); if (x.Length > 1) s = _d.Summarize(x + "2"); if (x.Length > 2) s = _d.Summarize(x + "3"); return _d.Answer(s + "!"); }
    public string N33_RefAlias(string x) { var s = _d.Summarize(x); ref var r = ref s; r = _d.Summarize(x + "2") + "?"; return _d.Answer(s + "!"); }
    public string N34_GotoCase(string x) { var s = "n"; switch (x.Length) { case 1: s = _d.Summarize(x); if (x == "a") goto case 2; s = _d.Summarize(x + "1"); break; case 2: x += "!"; break; default: s = _d.Summarize(x + "d"); break; } return _d.Answer(s + "!"); }
    public string N35_AppendedTwice(string x) { var s = _d.Summarize(x); if (x.Length > 1) s += _d.Summarize(x + "2"); if (x.Length > 2) s += _d.Summarize(x + "3"); return _d.Answer(s + "!"); }
    public string N36_TryFallbackArgumentRunsCode(string x) { string s; try { s = _d.Summarize(Wrap(x)); } catch (InvalidOperationException) { s = "fallback"; } return _d.Answer(s + "!"); }
    private static string Wrap(string v) => "[" + v + "]";
    public string N37_TryFallbackThenChanged(string x) { string s; try { s = _d.Summarize(x).Trim(); } catch (InvalidOperationException) { s = "fallback"; } return _d.Answer(s + "!"); }
    public string N38_TryFallbackInBranch(string x) { var s = "none"; if (x.Length > 0) { try { s = _d.Summarize(x); } catch (InvalidOperationException) { s = "fallback"; } } return _d.Answer(s + "!"); }
    public async Task<string> N39_TryFallbackAsync(string x) { string s; try { s = await _d.SummarizeAsync(x + "?"); } catch (InvalidOperationException) { s = "fallback"; } catch (TimeoutException) { s = "late"; } return _d.Answer(s + "!"); }
    public string N40_ChosenThenAddedToList(string x) { var list = new List<string>(); string s; if (x.Length > 5) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); list.Add(s + "!"); return _d.AnswerAll(list); }
    public string N41_ChosenThenAppended(string x) { var sb = new StringBuilder(); string s; if (x.Length > 5) s = _d.Summarize(x); else s = _d.Summarize(x + "2"); sb.Append(s.Trim()); return _d.Answer(sb.ToString()); }
    public string N42_ChosenMaybeThenAddedToList(string x) { var list = new List<string>(); var s = "none"; if (x.Length > 0) s = _d.Summarize(x); list.Add(s + "!"); return _d.AnswerAll(list); }
    public async Task<string> M01_WhenAllBothIndexed(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); return _d.Answer($"A: {all[0]} B: {all[1]}"); }
    public async Task<string> M02_WhenAllSecondIndexed(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); return _d.Answer(all[1] + "!"); }
    public async Task<string> M03_WhenAllCollectionExpression(string x) { var all = await Task.WhenAll([_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")]); return _d.Answer(all[1] + "!"); }
    public async Task<string> M04_WhenAllOfTaskLocals(string x) { var a = _d.SummarizeAsync(x); var b = _d.SummarizeAsync(x + "2"); var all = await Task.WhenAll(a, b); return _d.Answer(all[1].Trim() + "!"); }
    public async Task<string> M05_WhenAllIndexedInPlace(string x) => _d.Answer((await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")))[0] + "!");
    public async Task<string> M06_WhenAllElementReplaced(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); all[1] = x; return _d.Answer(all[0] + "!"); }
    public async Task<string> M07_WhenAllArrayHandedOn(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); Array.Reverse(all); return _d.Answer(all[0] + "!"); }
    public async Task<string> M08_WhenAllIndexComputed(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); var i = x.Length % 2; return _d.Answer(all[i] + "!"); }
    public async Task<string> M09_WhenAllNewArray(string x) { var all = await Task.WhenAll(new[] { _d.SummarizeAsync(x), _d.SummarizeAsync(x + "2") }); return _d.Answer(all[0] + "!"); }
    public async Task<string> M10_WhenAllOfArrayLocal(string x) { var tasks = new[] { _d.SummarizeAsync(x), _d.SummarizeAsync(x + "2") }; var all = await Task.WhenAll(tasks); return _d.Answer(all[0] + "!"); }
    public async Task<string> M11_WhenAllNumbers(string x) { var all = await Task.WhenAll(_d.SizeAsync(x), _d.SizeAsync(x + "2")); return _d.AnswerNumber(all[1] * 2); }
    public async Task<string> M12_WhenAllIndexedTwiceOneChanged(string x) { var all = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "2")); var first = all[0].ToUpperInvariant(); return _d.Answer(first + all[1]); }
    public string M13_StateMemberSetThenGlued(string x) { var st = new State(); st.Summary = _d.Summarize(x) + "!"; return _d.Answer(st.Summary + "?"); }
    public string M14_StateInitializer(string x) { var st = new State { Summary = _d.Summarize(x) }; return _d.Answer(st.Summary.Trim() + "!"); }
    public string M15_StateMemberSetTwice(string x) { var st = new State(); st.Summary = _d.Summarize(x); st.Summary += "!"; return _d.Answer(st.Summary); }
    public string M16_StateMemberSetInBranch(string x) { var st = new State(); if (x.Length > 0) st.Summary = _d.Summarize(x) + "!"; return _d.Answer(st.Summary); }
    public string M17_StateHandedOn(string x) { var st = new State(); st.Summary = _d.Summarize(x) + "!"; Touch(st); return _d.Answer(st.Summary); }
    public string M18_StateChangedInLambda(string x) { var st = new State(); st.Summary = _d.Summarize(x) + "!"; Action again = () => st.Summary += "?"; again(); return _d.Answer(st.Summary); }
    public string M19_StateNumber(string x) { var r = new Req(); r.N = _d.Summarize(x).Length; r.Text = x; return _d.AnswerNumber(r.N + 1); }
    public string M20_StateOfOwnConstructor(string x) { var st = new Counted(); st.Text = _d.Summarize(x) + "!"; return _d.Answer(st.Text); }
    public string M21_StateReadBeforeAndAfter(string x) { var st = new State(); var before = st.Summary; st.Summary = _d.Summarize(x); return _d.Answer(before + st.Summary + "!"); }
    public string M22_StateSetInLoopBody(string x) { var all = ""; foreach (var q in new[] { x }) { var st = new State(); st.Summary = _d.Summarize(q) + "!"; all = _d.Answer(st.Summary); } return all; }
    public string M23_StateOfOtherObjectSetter(string x) { var st = new Req(); st.Text = _d.Summarize(x) + "!"; var alias = st; alias.Text = x; return _d.Answer(st.Text); }
    public string M24_StateOfBaseConstructor(string x) { var st = new CountedDerived(); st.Note = _d.Summarize(x) + "!"; return _d.Answer(st.Note); }
    private static void Touch(State st) => st.Summary = "touched";
    public string N32_FirstOfTwoIfs(string x) { var s = _d.Summarize(x); if (x.Length > 1) s = _d.Summarize(x + "2"); if (x.Length > 5) s = _d.Summarize(x + "3"); return _d.Answer(s + "!"); }
    public string K01_TernaryBothCalls(string x) { var s = x.Length > 2 ? _d.Summarize(x) : _d.Summarize(x + "?"); return _d.Answer(s + "!"); }
    public string K02_TernaryInline(string x) => _d.Answer((x.Length > 5 ? _d.Summarize(x) : _d.Classify(x)) + "!");
    public string K03_SwitchArmsCalls(string x) { var s = x.Length switch { 1 => _d.Summarize(x), _ => _d.Summarize(x + "!") }; return _d.Answer(s.Trim()); }
    public string K04_NestedTernary(string x) { var s = x.Length > 5 ? _d.Summarize(x) : x.Length > 2 ? _d.Classify(x) : _d.Summarize(x + "?"); return _d.Answer(s + "!"); }
    public string K05_TernaryOneArmPlain(string x) { var s = x.Length < 5 ? _d.Summarize(x) : x; return _d.Answer(s + "!"); }
    public string K06_DeconstructIntoDeclared(string x) { string a; int n; (a, n) = (_d.Summarize(x), 1); return _d.Answer(a + n); }
    public string K07_MemberFromConstructor(string x) { var p = new Primed(_d); return _d.Answer(p.Seed + x); }
    public string K08_MemberFromDeclaration(string x) { var p = new Seeded(_d); return _d.Answer(p.Seed + x); }
    public string K09_DictionarySetThenRead(string x) { var state = new Dictionary<string, string>(); state["summary"] = _d.Summarize(x); state["label"] = _d.Classify(x); return _d.Answer(state["summary"] + "!"); }
    public string K10_ListAddThenRead(string x) { var history = new List<string> { "system: be brief" }; history.Add(_d.Summarize(x)); return _d.Answer(history[1].Trim()); }
    public string K11_ArraySetThenRead(string x) { var parts = new string[3]; parts[2] = _d.Summarize(x); return _d.Answer($"[{parts[2]}]"); }
    public string K12_DictionaryInitializerKey(string x) { var d = new Dictionary<string, string> { ["a"] = _d.Summarize(x), ["b"] = _d.Classify(x) }; return _d.Answer(d["a"] + "!"); }
    public string K13_ListHandedToHelper(string x) { var notes = new List<string> { _d.Summarize(x) }; Touch(notes); return _d.Answer(notes[0] + "!"); }
    public string K14_ListClearedThenJoined(string x) { var notes = new List<string> { _d.Summarize(x) }; notes.Clear(); notes.Add(x); return _d.Answer(string.Join("\n", notes) + "!"); }
    public string K15_ListAddedInBranchThenJoined(string x) { var notes = new List<string>(); notes.Add(_d.Summarize(x)); if (x.Length > 3) notes.Add(x); return _d.Answer(string.Join("\n", notes) + "!"); }
    public string K16_QueueThenJoined(string x) { var pending = new Queue<string>(); pending.Enqueue(_d.Summarize(x)); return _d.Answer(string.Join("\n", pending) + "!"); }
    public string K17_SetClearedThenJoined(string x) { var seen = new HashSet<string> { _d.Summarize(x) }; seen.Clear(); return _d.Answer(string.Join("\n", seen) + "!"); }
    public string K18_JoinedBeforeClear(string x) { var notes = new List<string> { _d.Summarize(x) }; var text = string.Join("\n", notes); notes.Clear(); return _d.Answer(text + "!"); }
    public string K20_StackPoppedOfTwo(string x) { var pending = new Stack<string>(); pending.Push(_d.Summarize(x)); pending.Push(x); return _d.Answer(pending.Pop() + "!"); }
    public string K19_SortedThenJoined(string x) { var notes = new List<string> { x, _d.Summarize(x) }; notes.Sort(); return _d.Answer(string.Join("\n", notes) + "!"); }
    private static void Touch(List<string> notes) => notes.Sort();
    public string J01_ElementsOfResultMemberGlued(string x) { var last = ""; foreach (var t in _d.Tickets(x)) last = _d.Answer("Do: " + t.Text); return last; }
    public string J02_ElementsOfResultGlued(string x) { var last = ""; foreach (var line in _d.Lines(x)) last = _d.Answer("- " + line); return last; }
    public string J03_FilledListSubsetIterated(string x) { var notes = new List<string> { _d.Summarize(x) }; var last = ""; foreach (var n in notes.Where(v => v.Length > 0)) last = _d.Answer(n + "!"); return last; }
    public string J04_FilledListOfTwoIterated(string x) { var notes = new List<string> { x, _d.Summarize(x) }; var last = ""; foreach (var n in notes) last = _d.Answer(n + "!"); return last; }
    public string J05_FormatInvariant(string x) => _d.Answer(string.Format(CultureInfo.InvariantCulture, "S: {0}", _d.Summarize(x)));
    public string J06_NumberToStringInvariant(string x) => _d.Answer(_d.Summarize(x).Length.ToString(CultureInfo.InvariantCulture));
    public string J07_StringCreateInvariant(string x) { var s = _d.Summarize(x); return _d.Answer(string.Create(CultureInfo.InvariantCulture, $"S={s}")); }
    public string J08_PropertyPatternInTernary(string x) { var s = _d.Summarize(x) is { Length: > 0 } t ? t : "none"; return _d.Answer(s + "!"); }
    public string J09_CaseInsensitiveDictionary(string x) { var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["k"] = _d.Summarize(x) }; return _d.Answer(d["K"] + "!"); }
    public string J10_ToolErrorFedBack(string x) { try { return _d.Fail(x); } catch (InvalidOperationException ex) { return _d.Answer("Tool failed: " + ex.Message); } }
    public string J11_CachedOrComputed(string x) { var cache = new Dictionary<string, string>(); cache.TryGetValue(x, out var c); var s = c ?? _d.Summarize(x); return _d.Answer(s + "!"); }
    public string J12_ElementAtOfFilled(string x) { var l = new List<string> { x }; l.Add(_d.Summarize(x)); return _d.Answer(l.ElementAt(1) + "!"); }
    public string J13_DictionaryPairsIterated(string x) { var d = new Dictionary<string, string> { ["a"] = _d.Summarize(x) }; foreach (var kv in d) return _d.Answer(kv.Value + "!"); return ""; }
    public string J14_OrderedThenFirst(string x) { var best = new[] { _d.Summarize(x), _d.Summarize(x + "2") }.OrderByDescending(s => s.Length).First(); return _d.Answer(best + "!"); }
    public string J15_NestedLoopsGlued(string x) { var last = ""; foreach (var q in new[] { x, x + "2" }) foreach (var line in _d.Lines(q)) last = _d.Answer("- " + line); return last; }
    public string J16_SelectLambdaJoined(string x) { var lines = _d.Lines(x); return _d.Answer(string.Join("\n", lines.Select(l => "- " + l))); }
    public string J17_OrderedThenJoined(string x) { var ranked = _d.Lines(x).OrderBy(l => l.Length).ToList(); return _d.Answer(string.Join(",", ranked) + "!"); }
    public async Task<string> J19_ToolErrorFedBackAsync(string x) { string obs; try { obs = await _d.FailAsync(x); } catch (InvalidOperationException ex) { obs = $"Tool failed: {ex.Message}"; } return _d.Answer(obs); }
    public async Task<string> J20_ToolErrorAnsweredInCatch(string x) { await Task.Yield(); try { return _d.Fail(x); } catch (InvalidOperationException ex) { return _d.Answer("Error: " + ex.Message); } }
    public string J21_SortedByAComparerField(string x) { var s = _d.Summarize(x); var l = new List<string> { "bb", "a" }; l.Sort(_byLength); return _d.Answer(s + l[0]); }
    private readonly IComparer<string> _byLength = new LengthComparer();
    public string J18_StepsReadInLambda(string x) { var last = ""; foreach (var line in _d.Lines(x)) { Func<string> ask = () => _d.Answer(line + "!"); last = ask(); } return last; }
    // Chosen by a traced predicate or key, then used: linked only where the filter's elements are used as it lets them through.
    public string U01_FilterListedThenUsed(string x) { var kept = new[] { x, x + "!" }.Where(d => _d.Classify(d) == "Billing").ToList(); var r = ""; foreach (var d in kept) r = _d.Answer(d); return r; }
    public string U02_FilterUsedAsItGoes(string x) { var r = ""; foreach (var d in new[] { x, x + "!" }.Where(d => _d.Classify(d) == "Billing")) r = _d.Answer(d); return r; }
    public string U03_PickedByTracedKey(string x) => _d.Answer(new[] { x, x + "!" }.MaxBy(d => _d.MaybeCount(d) ?? 0)!);
    public string U04_SortedByTracedKey(string x) { var best = new[] { x, x + "!" }.OrderByDescending(d => _d.MaybeCount(d) ?? 0).First(); return _d.Answer(best); }
    public string U05_FirstByTracedPredicate(string x) => _d.Answer(new[] { x, x + "!" }.First(d => _d.Classify(d) == "Billing"));
    public string U06_CountOfFilteredList(string x) { var kept = new[] { x }.Where(d => _d.Classify(d) == "Billing").ToList(); if (kept.Count == 0) return "none"; return _d.Answer(x); }
    // A framework guard over a result: it passed whenever the call after it runs.
    public string U07_ThrowHelperGuard(string x) { var kind = _d.Classify(x); ArgumentException.ThrowIfNullOrWhiteSpace(kind); return _d.Answer(x); }
    public string U09_PickedInTracedMethod(string x) => _d.Answer(_d.PickBest([x, x + "!"]));
    public string U10_PickedByAScoreKeptBeside(string x) { var scored = new[] { x, x + "!" }.Select(d => (Text: d, N: _d.MaybeCount(d) ?? 0)).ToList(); return _d.Answer(scored.MaxBy(p => p.N).Text); }
    public string U11_FilterOfTwoStatements(string x) { var r = ""; foreach (var d in new[] { x }.Where(d => { var k = _d.Classify(d); return k == "Billing"; })) r = _d.Answer(d); return r; }
    public string U12_AddedOnATracedCondition(string x) { var kept = new List<string>(); foreach (var d in new[] { x, x + "!" }) if (_d.Classify(d) == "Billing") kept.Add(d); return _d.Answer(string.Join(",", kept)); }
    public string U13_AppendedOnATracedCondition(string x) { var sb = new StringBuilder(); foreach (var d in new[] { x, x + "!" }) { if (_d.Classify(d) != "Billing") continue; sb.AppendLine(d); } return _d.Answer(sb.ToString()); }
    public string U14_AddedToTextOnATracedCondition(string x) { var text = ""; foreach (var d in new[] { x, x + "!" }) if (_d.Classify(d) == "Billing") text += d; return _d.Answer(text); }
    public string U15_MadeUnderATracedCondition(string x) { var notes = new List<string>(); foreach (var d in new[] { x, x + "!" }) if (_d.Classify(d) == "Billing") notes.Add(_d.Answer(d)); return _d.Answer(string.Join(",", notes)); }
    public string U16_ArgmaxLoop(string x) { var docs = new[] { x, x + "!" }; var bestIndex = 0; var bestScore = int.MinValue; for (var i = 0; i < docs.Length; i++) { var s = _d.MaybeCount(docs[i]) ?? 0; if (s > bestScore) { bestScore = s; bestIndex = i; } } return _d.Answer(docs[bestIndex]); }
    public string U17_BestKeptInALoop(string x) { var best = ""; foreach (var d in new[] { x, x + "!" }) if (_d.Classify(d) == "Billing") best = d; return _d.Answer(best); }
    public string U08_ThrowHelperInLoop(string x) { foreach (var d in new[] { x, x + "!" }) ArgumentException.ThrowIfNullOrEmpty(_d.Classify(d)); return _d.Answer(x); }
    // Chosen in place by a traced predicate or key: what stays in the collection, or its order.
    public string U18_RemovedInPlace(string x) { var docs = new List<string> { x, x + "!" }; docs.RemoveAll(d => _d.Classify(d) != "Billing"); return _d.Answer(string.Join(",", docs)); }
    public string U19_SortedInPlace(string x) { var docs = new List<string> { x, x + "!" }; docs.Sort((a, b) => (_d.MaybeCount(b) ?? 0).CompareTo(_d.MaybeCount(a) ?? 0)); return _d.Answer(docs[0]); }
    // Text added to in a loop of an untraced method, every part of it from the one result made before the loop: lost, as
    // any text added to in such a loop (its runs cannot be told apart), and reported.
    public string U21_LinesOfOneReplyAdded(string x) { var all = ""; foreach (var line in _d.Summarize(x + "\nb").Split('\n')) all += line.Trim(); return _d.Answer(all); }
    public string U22_LinesOfOneReplyAddedWithText(string x) { var s = _d.Summarize(x); var all = ""; for (var i = 0; i < 2; i++) all += "- " + s + "\n"; return _d.Answer(all); }
    public string U20_RemovedFromASet(string x) { var docs = new HashSet<string> { x, x + "!" }; docs.RemoveWhere(d => _d.Classify(d) != "Billing"); return _d.Answer(docs.First()); }
}

// Choices and decisions made in lambdas, delegates, helpers and queries, as agents write them.
public class Probes5(Desk2 desk)
{
    private readonly Desk2 _d = desk;
    private readonly Func<string, bool> _isBilling = d => desk.Classify(d) == "Billing";
    private static bool IsBilling(Desk2 d, string s) => d.Classify(s) == "Billing";

    public string W01_SkipWhileByTracedPredicate(string x) { var rest = new[] { x, x + "!" }.SkipWhile(d => _d.Classify(d) == "Other"); return _d.Answer(string.Join(",", rest)); }
    public string W02_ToDictionaryByTracedKey(string x) { var byKind = new[] { x }.ToDictionary(d => _d.Classify(d)); return _d.Answer(byKind["Billing"]); }
    public string W03_GroupByTracedKey(string x) { foreach (var g in new[] { x, x + "!" }.GroupBy(d => _d.Classify(d))) if (g.Key == "Billing") return _d.Answer(string.Join(",", g)); return ""; }
    public string W04_AnyByTracedPredicate(string x) { if (new[] { x }.Any(d => _d.Classify(d) == "Billing")) return _d.Answer(x); return ""; }
    public string W05_AllByTracedPredicate(string x) => new[] { x }.All(d => _d.Classify(d) == "Billing") ? _d.Answer(x) : "";
    public string W06_CountByTracedPredicate(string x) { var n = new[] { x, x + "!" }.Count(d => _d.Classify(d) == "Billing"); return _d.AnswerNumber(n); }
    public string W07_SumOfTracedScores(string x) { var total = new[] { x, x + "!" }.Sum(d => _d.MaybeCount(d) ?? 0); return _d.AnswerNumber(total); }
    public string W08_MaxOfTracedScores(string x) { var best = new[] { x, x + "!" }.Select(d => _d.MaybeCount(d) ?? 0).Max(); return _d.AnswerNumber(best); }
    public string W09_FindByTracedPredicate(string x) { var found = new List<string> { x }.Find(d => _d.Classify(d) == "Billing"); return _d.Answer(found ?? ""); }
    public string W10_ExistsByTracedPredicate(string x) { if (new List<string> { x }.Exists(d => _d.Classify(d) == "Billing")) return _d.Answer(x); return ""; }
    public string W11_DecidedInSelect(string x) { var answers = new[] { x, x + "!" }.Select(d => _d.Classify(d) == "Billing" ? _d.Answer(d) : "skip").ToList(); return _d.Answer(string.Join(",", answers)); }
    public string W12_RetriedWhileNotGood(string x) { var draft = _d.Summarize(x); var tries = 0; while (_d.Classify(draft) != "Billing" && tries++ < 2) draft = _d.Summarize(draft); return _d.Answer(draft); }
    public string W13_DoWhileRetry(string x) { string r; var i = 0; do { r = _d.Summarize(x + i); } while (_d.Classify(r) != "Billing" && ++i < 3); return _d.Answer(r); }
    public string W14_FirstLongLineOfResult(string x) { var lines = _d.Lines(x); var picked = ""; for (var i = 0; i < lines.Count; i++) if (lines[i].Length > 3) { picked = lines[i]; break; } return _d.Answer(picked); }
    public string W15_ComparedIgnoringCase(string x) { var k = _d.Classify(x); if (string.Equals(k, "billing", StringComparison.OrdinalIgnoreCase)) return _d.Answer(x); return ""; }
    public string W16_TryParseDecides(string x) { if (int.TryParse(_d.Summarize(x)[..1], out var n) && n > 0) return _d.Answer(x); return ""; }
    public string W17_LocalFunctionDecides(string x) { bool Ok(string d) => _d.Classify(d) == "Billing"; return Ok(x) ? _d.Answer(x) : ""; }
    public string W18_PredicateFieldDecides(string x) { if (_isBilling(x)) return _d.Answer(x); return ""; }
    public string W19_StaticHelperDecides(string x) { if (IsBilling(_d, x)) return _d.Answer(x); return ""; }
    public string W20_QueryWhereUsedAsItGoes(string x) { var q = from d in new[] { x, x + "!" } where _d.Classify(d) == "Billing" select d; foreach (var d in q) return _d.Answer(d); return ""; }
    public string W21_QueryOrderByThenFirst(string x) { var best = (from d in new[] { x, x + "!" } orderby _d.MaybeCount(d) descending select d).First(); return _d.Answer(best); }
    public string W22_SelectManyThenFiltered(string x) { var kept = new[] { x }.SelectMany(d => _d.Lines(d)).Where(l => _d.Classify(l) == "Billing").ToList(); return _d.Answer(string.Join(",", kept)); }
    public string W23_FirstLineTrimmedOrEmpty(string x) { var first = _d.Lines(x)?.FirstOrDefault()?.Trim(); return _d.Answer(first ?? ""); }
    public string W24_DictionaryPairsFormatted(string x) { var facts = new Dictionary<string, string> { ["a"] = _d.Summarize(x) }; return _d.Answer(string.Join(";", facts.Select(kv => $"{kv.Key}={kv.Value}"))); }
    public string W25_ThrowExpressionGuard(string x) { var s = _d.Summarize(x) ?? throw new InvalidOperationException(); return _d.Answer(s.Trim()); }
    public string W26_SwitchOnTicketPattern(string x) { var t = _d.Open(x); return t switch { { Priority: > 100 } => _d.Answer("big"), _ => _d.Answer(t.Text) }; }
    public string W27_CutWhenLong(string x) { var s = _d.Summarize(x); if (s.Length > 100) s = s[..100]; return _d.Answer(s); }
    public string W28_CatchWhenOnMessage(string x) { try { return _d.Fail(x); } catch (InvalidOperationException e) when (e.Message.Length > 0) { return _d.Answer("failed"); } }
    public string W29_NotAnyThenAnswer(string x) { var lines = _d.Lines(x); if (!lines.Any(l => l.Length > 100)) return _d.Answer("short"); return ""; }
    public string W30_TakeWhileListed(string x) { var head = new[] { x, x + "!" }.TakeWhile(d => _d.Classify(d) == "Billing").ToArray(); return _d.Answer(string.Join(",", head)); }
    public string W31_CountOfResultDecides(string x) => _d.Lines(x).Count > 1 ? _d.Answer("many") : _d.Answer("one");
    public string W32_ContainsOnResultDecides(string x) => _d.Summarize(x).Contains("doc", StringComparison.Ordinal) ? _d.Answer("has") : "";
    public string W33_ValueTupleChoice(string x) { var (text, ok) = (x, _d.Classify(x) == "Billing"); return ok ? _d.Answer(text) : ""; }
    public string W34_MinByOverTickets(string x) { var t = _d.Tickets(x).MinBy(t => t.Priority)!; return _d.Answer(t.Text); }
    public string W35_OrderedTicketsJoined(string x) { var texts = _d.Tickets(x).OrderBy(t => t.Priority).Select(t => t.Text); return _d.Answer(string.Join(",", texts)); }
    public string W36_LastOfDistinct(string x) { var l = new[] { _d.Summarize(x), _d.Summarize(x) }.Distinct().Last(); return _d.Answer(l); }
    public string W37_ReverseThenJoin(string x) { var lines = _d.Lines(x); lines.Reverse(); return _d.Answer(string.Join(",", lines)); }
    public string W38_ArrayReverse(string x) { var a = _d.Lines(x).ToArray(); Array.Reverse(a); return _d.Answer(a[0]); }
    public string W39_SortedByComparisonOfResults(string x) { var l = new List<string> { _d.Summarize(x), _d.Summarize(x + "!") }; l.Sort((a, b) => b.Length - a.Length); return _d.Answer(l[0]); }
    public string W41_CatchAnswersConstant(string x) { try { return _d.Fail(x); } catch (InvalidOperationException) { return _d.Answer("failed"); } }
    public string W42_CatchAllAnswersConstant(string x) { try { return _d.Fail(x); } catch { return _d.Answer("failed"); } }
    public string W43_CatchUsesMessageInFilterOnly(string x) { try { _d.Fail(x); } catch (Exception e) when (e is InvalidOperationException) { return _d.Answer("retry"); } return ""; }
    public string W44_CatchAfterTwoCalls(string x) { try { var s = _d.Summarize(x); return _d.Fail(s); } catch (InvalidOperationException) { return _d.Answer("failed"); } }
    public string W45_CatchAfterOtherCodeFirst(string x) { try { var head = x[..2]; return _d.Fail(head); } catch (InvalidOperationException) { return _d.Answer("failed"); } }
    public string W40_KeyedByTracedLabel(string x) { var routes = new Dictionary<string, string> { ["Billing"] = "b", ["Other"] = "o" }; return _d.Answer(routes[_d.Classify(x)]); }
}

// Values a traced result decides without being part of them, and more everyday glue.
public class Probes6(Desk2 desk)
{
    private readonly Desk2 _d = desk;

    public string V10_PickedInputByTracedTest(string x) { var pick = _d.Classify(x) == "Billing" ? x : x + "!"; return _d.Answer(pick); }
    public string V11_ConstantSetInBranches(string x) { string route; if (_d.Classify(x) == "Billing") route = "b"; else route = "o"; return _d.Answer(route); }
    public string V12_ConstantBySwitchOnLabel(string x) { var route = _d.Classify(x) switch { "Billing" => "b", _ => "o" }; return _d.Answer(route); }
    public string V13_CountedInLoop(string x) { var n = 0; foreach (var d in new[] { x, x + "!" }) if (_d.Classify(d) == "Billing") n++; return _d.AnswerNumber(n); }
    public string V14_FlagSetInLoop(string x) { var any = false; foreach (var d in new[] { x, x + "!" }) if (_d.Classify(d) == "Billing") { any = true; break; } return any ? _d.Answer(x) : ""; }
    public string V15_IndexFoundByBreak(string x) { var docs = new[] { x, x + "!" }; int i; for (i = 0; i < docs.Length; i++) if (_d.Classify(docs[i]) == "Billing") break; return i < docs.Length ? _d.Answer(docs[i]) : ""; }
    public string V16_EmptyGuardOnResult(string x) { var s = _d.Summarize(x); if (string.IsNullOrEmpty(s)) return ""; return _d.Answer(x); }
    public string V17_ReturnInLoopOnTracedTest(string x) { for (var i = 0; i < 3; i++) { if (_d.Classify(x + i) == "Billing") return _d.Answer(x); } return ""; }
    public string V18_JsonDeserialized(string x) { var req = JsonSerializer.Deserialize<Req>("{\"Text\":\"" + _d.Summarize(x) + "\"}")!; return _d.AnswerReq(req); }
    public string V19_JsonDocumentRead(string x) { using var doc = JsonDocument.Parse("{\"a\":\"" + _d.Summarize(x) + "\"}"); return _d.Answer(doc.RootElement.GetProperty("a").GetString()!); }
    public string V20_SplitTrimFilterJoin(string x) { var parts = _d.Summarize(x).Split(':').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(); return _d.Answer(string.Join("|", parts)); }
    public string V21_SeenSetDecides(string x) { var seen = new HashSet<string> { "z" }; if (seen.Contains(_d.Summarize(x))) return ""; return _d.Answer(x); }
    public string V22_ComparedThenChosen(string x) { var a = _d.Summarize(x); var b = _d.Summarize(x + "!"); return _d.Answer(string.CompareOrdinal(a, b) > 0 ? a : b); }
    public string V23_MathMaxOfScores(string x) { var best = Math.Max(_d.MaybeCount(x) ?? 0, _d.MaybeCount(x + "!") ?? 0); return _d.AnswerNumber(best); }
    public string V24_IndexOfResult(string x) { var lines = _d.Lines(x); var i = lines.IndexOf(lines[1]); return _d.Answer(lines[i]); }
    public string V25_ToolRegistry(string x) { var tools = new Dictionary<string, Func<string, string>> { ["sum"] = s => _d.Summarize(s) }; return _d.Answer(tools["sum"](x)); }
    public string V26_GenericIdentity(string x) => _d.Answer(Same(_d.Summarize(x)));
    private static T Same<T>(T value) => value;
    public string V27_ParamsHelper(string x) => _d.Answer(Glue(_d.Summarize(x), "!"));
    private static string Glue(params string[] parts) => string.Concat(parts);
    public string V28_UserIndexer(string x) { var m = new Memory(); m[0] = _d.Summarize(x); return _d.Answer(m[0]); }
    public string V29_StringConcatOfList(string x) { var l = new List<string> { _d.Summarize(x), "!" }; return _d.Answer(string.Concat(l)); }
    public string V30_AppendJoin(string x) { var sb = new StringBuilder(); sb.AppendJoin(",", _d.Lines(x)); return _d.Answer(sb.ToString()); }
    public string V31_PadAndNormalize(string x) => _d.Answer(_d.Summarize(x).PadLeft(20).Normalize());
    public string V32_WhileQueueOfResults(string x) { var q = new Queue<string>(_d.Lines(x)); var last = ""; while (q.Count > 0) last = _d.Answer(q.Dequeue()); return last; }
    public string V33_FinallySetsValue(string x) { var s = ""; try { s = _d.Summarize(x); } finally { s += "."; } return _d.Answer(s); }
    public string V34_UsingVarThenAnswer(string x) { using var ms = new System.IO.MemoryStream(); var s = _d.Summarize(x); return _d.Answer(s + ms.Length); }
    public string V35_WrappedRethrow(string x) { try { return _d.Fail(x); } catch (InvalidOperationException e) { return _d.Answer(new InvalidOperationException("wrapped", e).InnerException!.Message); } }
    public string V36_NullableSum(string x) { var total = (_d.MaybeCount(x) ?? 0) + (_d.MaybeCount(x + "!") ?? 0); return _d.AnswerNumber(total); }
    public string V37_FirstOrDefaultWithFallback(string x) { var line = _d.Lines(x).FirstOrDefault(l => l.Length > 100) ?? "none"; return _d.Answer(line); }
    public string V38_TupleSwitchOnTwoLabels(string x) { var r = (_d.Classify(x), _d.Classify(x + "!")) switch { ("Billing", "Billing") => "both", _ => "one" }; return _d.Answer(r); }
    public string V39_ListPatternOnLines(string x) => _d.Lines(x) is [var first, ..] ? _d.Answer(first) : "";
    public string V40_StringCreateFromSpan(string x) { var s = _d.Summarize(x); return _d.Answer(new string(s.AsSpan(0, 2))); }
    public string V41_CharArrayReversed(string x) { var c = _d.Summarize(x).ToCharArray(); Array.Reverse(c); return _d.Answer(new string(c)); }
    public string V42_ToUpperInvariantAfterTernary(string x) { var s = x.Length > 100 ? "long" : _d.Summarize(x); return _d.Answer(s.ToUpperInvariant()); }
    public string V46_RandomSampled(string x) { var rng = new Random(7); var s = _d.Summarize(x); return _d.Answer(s + rng.Next(3)); }
    public async Task<string> V43_WhenAnyWinner(string x) { var t1 = _d.SummarizeAsync(x); var t2 = _d.SummarizeAsync(x + "!"); var first = await Task.WhenAny(t1, t2); return _d.Answer(await first); }
    public async Task<string> V44_AwaitedInTernary(string x) => _d.Answer(x.Length > 100 ? "long" : await _d.SummarizeAsync(x));
    public async Task<string> V45_AsyncRetryLoop(string x) { for (var i = 0; ; i++) { try { return _d.Answer(await _d.FailAsync(x)); } catch (InvalidOperationException) when (i < 1) { } catch (InvalidOperationException e) { return _d.Answer("gave up: " + e.Message); } } }
}

public class Memory { private readonly string[] _slots = new string[4]; public string this[int i] { get => _slots[i]; set => _slots[i] = value; } }

// Agent loops, tools, messages and plans as they are written.
public class Probes7(Desk2 desk)
{
    private readonly Desk2 _d = desk;
    private readonly List<string> _history = [];
    private string _plan = "";

    public string A01_ToolChosenByLabel(string x) { var tool = _d.Classify(x); string obs = tool switch { "Billing" => _d.Summarize(x), _ => "no tool" }; return _d.Answer(obs); }
    public string A02_ReActLoop(string x) { var thought = x; for (var step = 0; step < 2; step++) { var act = _d.Classify(thought); if (act == "Other") break; thought = _d.Summarize(thought); } return _d.Answer(thought); }
    public string A03_HistoryThenAnswer(string x) { _history.Clear(); _history.Add("user: " + x); _history.Add("assistant: " + _d.Summarize(x)); return _d.Answer(string.Join("\n", _history)); }
    public string A04_PlanFieldThenSteps(string x) { _plan = _d.Summarize(x); var steps = _plan.Split(':'); return _d.Answer(steps[^1]); }
    public string A05_ScratchpadBuilder(string x) { var pad = new StringBuilder(); for (var i = 0; i < 2; i++) pad.AppendLine($"Step {i}: {_d.Summarize(x + i)}"); return _d.Answer(pad.ToString()); }
    public string A06_MessagesOfRecords(string x) { var msgs = new List<Note> { new("sys", 0), new(_d.Summarize(x), 1) }; return _d.Answer(string.Join("|", msgs.Select(m => m.Text))); }
    public string A07_LastMessageText(string x) { var msgs = new List<Note> { new("sys", 0), new(_d.Summarize(x), 1) }; return _d.Answer(msgs[^1].Text); }
    public string A08_RecordPositionalDeconstruct(string x) { var (text, _) = new Note(_d.Summarize(x), 1); return _d.Answer(text); }
    public string A09_CollectionExpressionSpread(string x) { string[] all = [.. _d.Lines(x), "end"]; return _d.Answer(string.Join(",", all)); }
    public string A10_ZipTwoResults(string x) { var pairs = _d.Lines(x).Zip(_d.Lines(x + "!"), (a, b) => a + b).ToList(); return _d.Answer(pairs[0]); }
    public string A11_AggregateConcat(string x) { var all = _d.Lines(x).Aggregate("", (acc, l) => acc + l); return _d.Answer(all); }
    public string A12_PropertyPatternDecides(string x) => _d.Open(x) is { Priority: > 0 } t ? _d.Answer(t.Text) : "";
    public string A13_NotNullPatternDecides(string x) => _d.MaybeCount(x) is not null ? _d.Answer(x) : "";
    public string A14_RelationalPatternSwitch(string x) => (_d.MaybeCount(x) ?? 0) switch { > 3 => _d.Answer("big"), _ => _d.Answer("small") };
    public string A15_StringFormatIndex(string x) => _d.Answer(string.Format(CultureInfo.InvariantCulture, "{0} / {1}", _d.Summarize(x), x));
    public string A16_TrimEndSplitFirst(string x) => _d.Answer(_d.Summarize(x).TrimEnd('.').Split(':')[0]);
    public async Task<string> A17_ParallelToolsJoined(string x) { var results = await Task.WhenAll(_d.SummarizeAsync(x), _d.SummarizeAsync(x + "!")); return _d.Answer(string.Join("\n", results)); }
    public async Task<string> A18_StreamedTokensJoined(string x) { var sb = new StringBuilder(); await foreach (var t in _d.StreamAsync(x)) sb.Append(t); return _d.Answer(sb.ToString()); }
    public async Task<string> A19_AwaitThenBranch(string x) { var n = await _d.SizeAsync(x); return n > 3 ? _d.Answer("long") : _d.Answer("short"); }
    public string A20_TupleReturnedByHelper(string x) { var (s, n) = Both(x); return _d.Answer(s + n); }
    private (string, int) Both(string x) => (_d.Summarize(x), 1);
    public string A21_OutVarHelper(string x) { Split(_d.Summarize(x), out var head); return _d.Answer(head); }
    private static void Split(string s, out string head) => head = s[..2];
    public string A22_RefReturnHelper(string x) { var arr = new[] { _d.Summarize(x) }; ref var slot = ref arr[0]; return _d.Answer(slot); }
    public string A23_StaticLambdaSelect(string x) => _d.Answer(string.Join(",", _d.Lines(x).Select(static l => l.ToUpperInvariant())));
    public string A24_ConditionalAccessChain(string x) => _d.Answer(_d.Open(x)?.Text?.Trim() ?? "");
    public string A25_ExceptionMessageRetried(string x) { string r; try { r = _d.Fail(x); } catch (InvalidOperationException e) { r = _d.Summarize(e.Message); } return _d.Answer(r); }
    public string A26_StateMachine(string x) { var state = "start"; var text = x; while (state != "done") { state = _d.Classify(text) == "Billing" && state == "start" ? "mid" : "done"; text = _d.Summarize(text); } return _d.Answer(text); }
    public string A27_DictionaryOfLists(string x) { var d = new Dictionary<string, List<string>> { ["a"] = [] }; d["a"].Add(_d.Summarize(x)); return _d.Answer(d["a"][0]); }
    public string A28_EnumerableRepeatJoin(string x) => _d.Answer(string.Join("", Enumerable.Repeat(_d.Summarize(x), 2)));
    public string A29_ChunkedAnswers(string x) { var last = ""; foreach (var chunk in _d.Lines(x).Chunk(1)) last = _d.Answer(chunk[0]); return last; }
    public string A30_SortedDictionaryFirst(string x) { var d = new SortedDictionary<int, string> { [2] = _d.Summarize(x), [1] = "a" }; return _d.Answer(d.Last().Value); }
}

public sealed class LengthComparer : IComparer<string> { public int Compare(string? a, string? b) => (a?.Length ?? 0).CompareTo(b?.Length ?? 0); }
public class Primed { public string Seed; public Primed(Desk2 d) { Seed = d.Summarize("p"); } }
public class Seeded(Desk2 d) { public string Seed = d.Summarize("s"); }

public static class ShapeHelpers
{
    public static void AddSummary(this List<string> into, Desk2 d, string x, Action<string>? hook) { into.Add(d.Summarize(x) + "!"); hook?.Invoke(x); }
}

// Catches run by code after the traced call, by a throw a traced test decided, or by a re-entry of the method.
public class Probes8(Desk2 desk)
{
    private readonly Desk2 _d = desk;
    public string Z91_CatchAfterParse(string x) { try { var v = _d.Classify(x); return int.Parse(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture); } catch (FormatException) { return _d.Answer("failed"); } }
    public string Z92_CatchAfterJson(string x) { try { var reply = _d.Summarize(x); return JsonSerializer.Deserialize<string>(reply)!; } catch (JsonException) { return _d.Answer("bad json"); } }
    public string Z93_IfThrowCatch(string x) { try { if (_d.Classify(x) == "Billing") throw new InvalidOperationException("billing"); return "ok"; } catch (InvalidOperationException) { return _d.Answer("failed"); } }
    public string Z94_IfThrowMessage(string x) { try { if (_d.Classify(x) == "Billing") throw new InvalidOperationException("billing"); return "ok"; } catch (InvalidOperationException e) { return _d.Answer(e.Message); } }
    public string Z95_IfParseCatch(string x) { try { if (_d.Classify(x).Length > 0) return int.Parse(x, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture); return "ok"; } catch (FormatException) { return _d.Answer("failed"); } }
    public string Z96_CatchReentered(string x) { try { var v = _d.Check(x); if (x.Length > 0) Z96_CatchReentered(""); return int.Parse(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture); } catch (Exception) { return _d.Answer("failed"); } }
    public string Z97_CatchNotReentered(string x) { try { var v = _d.Check(x); return int.Parse(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture); } catch (Exception) { return _d.Answer("failed"); } }
    public string Z98_CatchOfTheCallAlone(string x) { try { return _d.Check(""); } catch (InvalidOperationException) { return _d.Answer("failed"); } }
}

public partial class Desk2
{
    [Traced] public string Check(string doc) => doc.Length == 0 ? throw new InvalidOperationException(Prompt[..2]) : Prompt[..1] + doc;
}

public static class ShapeRunner
{
    // Each shape in its own scope: feedback on what it returns either reaches the prompt its first call read, or not.
    public static async Task<string> Run()
    {
        var desk = new Desk();
        var desk2 = new Desk2();
        var owners = new object[] { new Probes(desk), new MoreProbes(desk), new Probes2(desk2), new Probes3(desk2), new Probes4(desk2), new Probes5(desk2), new Probes6(desk2), new Probes7(desk2), new Probes8(desk2) };
        var lines = new List<string>();
        foreach (var owner in owners)
        {
            var shapes = owner.GetType().GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => m.Name.Length > 3 && char.IsDigit(m.Name[1])).OrderBy(m => m.Name, StringComparer.Ordinal);
            foreach (var shape in shapes)
            {
                using var scope = TraceScope.Begin(shape.Name);
                var result = shape.Invoke(owner, ["doc"]);
                if (result is Task<string> task) result = await task;
                foreach (var parameter in desk.TrainableParameters().Concat(desk2.TrainableParameters())) parameter.ZeroFeedback();
                var reached = scope.Graph.Backward(result!, "bad").Parameters.Any(p => p.Name.Contains("Prompt"));
                lines.Add(shape.Name + (reached ? " linked" : " lost"));
            }
        }

        return string.Join("\n", lines);
    }
}
"""";
}
