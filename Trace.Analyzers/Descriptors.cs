using Microsoft.CodeAnalysis;

namespace Opto.Analyzers;

/// <summary>Every diagnostic of Trace for .NET. Each has a page under docs/diagnostics/ that its help link opens.</summary>
internal static class Descriptors
{
    public const string HelpBase = "https://github.com/opto-trace/trace-dotnet/blob/main/docs/diagnostics/";
    private const string Category = "Opto.Trace";

    public static readonly DiagnosticDescriptor NotInterceptable = Create(
        "OPTO001", "Calls of this member cannot be traced",
        "[{0}] on {1} has no effect: {2}",
        DiagnosticSeverity.Warning,
        "The source generator records calls by intercepting call sites of ordinary methods with a body. Abstract, extern and body-less partial methods, constructors, operators, accessors, local functions and lambdas have no such call sites, so feedback cannot reach through them.");

    public static readonly DiagnosticDescriptor UnrecordableSignature = Create(
        "OPTO002", "Calls of this method cannot be recorded",
        "Calls of '{0}' are not traced: {1}",
        DiagnosticSeverity.Warning,
        "A traced call's arguments and result become nodes of the graph. Ref structs (Span<T>, ReadOnlySpan<T>), pointers and ref/out/in parameters cannot be stored in a node, so the generator leaves such methods untraced.");

    public static readonly DiagnosticDescriptor MethodGroup = Create(
        "OPTO003", "Calls through a delegate are not traced",
        "'{0}' is traced, but calls through this delegate are not: {1}",
        DiagnosticSeverity.Warning,
        "Interceptors replace call sites. A method group or delegate made from a traced method calls the method directly, so those calls record no node and feedback cannot reach their inputs.");

    public static readonly DiagnosticDescriptor BaseOrInterfaceCalls = Create(
        "OPTO004", "Calls through the base type or interface are not traced",
        "Calls of '{0}' through {1} are not traced; {2}",
        DiagnosticSeverity.Warning,
        "An interceptor is chosen at compile time from the method the call binds to. A call through a base class binds to the base method, and a call through an interface binds to the interface member; neither is the member that carries [Traced].");

    public static readonly DiagnosticDescriptor TrainableNotParameter = Create(
        "OPTO005", "The optimizer cannot write this trainable member",
        "[Trainable] '{0}' is not a parameter: {1}",
        DiagnosticSeverity.Warning,
        "An optimizer changes a trainable field or property by writing it. Readonly fields, constants, properties without a setter or with an init-only setter, indexers, and members of generic types or of structs cannot be written through a parameter.");

    public static readonly DiagnosticDescriptor TrainableNotText = Create(
        "OPTO006", "This type cannot round-trip through text",
        "[Trainable] '{0}' has type {1}, which an optimizer cannot read or write as text",
        DiagnosticSeverity.Warning,
        "An optimizer shows each value to a language model as JSON and converts the model's suggestion back. Delegates, streams, handles, tasks, cancellation tokens, types and reflection objects have no meaningful text form.");

    public static readonly DiagnosticDescriptor MissingSummary = Create(
        "OPTO007", "A trainable method needs a doc summary",
        "[Trainable] method '{0}' has no XML doc summary: the optimizer sees no description of what it should do",
        DiagnosticSeverity.Warning,
        "The optimizer rewrites a trainable method's code from feedback; its doc summary is the specification it reads. Without one, the model has to guess the method's purpose.");

    public static readonly DiagnosticDescriptor UnreachableFromPatch = Create(
        "OPTO008", "Replacement code cannot reach this",
        "The code of [Trainable] '{0}' uses {1}, which replacement code compiled at run time cannot reach",
        DiagnosticSeverity.Warning,
        "A replacement for a trainable method is compiled in a separate assembly. It reaches the class's members through the receiver, internal members through InternalsVisibleTo, and private members through UnsafeAccessor, but not base calls, file-local types or private types.");

    public static readonly DiagnosticDescriptor CodeNotParameter = Create(
        "OPTO009", "The code of this method cannot be a parameter",
        "The code of [Trainable] '{0}' is not a parameter: {1}; its calls are traced, but the optimizer cannot rewrite it",
        DiagnosticSeverity.Warning,
        "A replacement is installed by swapping a delegate in at every call site. That needs an ordinary, non-generic, non-virtual method of a non-generic class with by-value parameters.");

    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        "OPTO010", "An async void method cannot be traced to completion",
        "Traced method '{0}' is async void: its completion and its exceptions cannot be observed, so its node is recorded before it finishes",
        DiagnosticSeverity.Warning,
        "Return Task instead of void: the trace then records the call when it completes, and an exception becomes an exception node.");

    public static readonly DiagnosticDescriptor InterceptorsDisabled = Create(
        "OPTO011", "Interceptors are not enabled for Opto.Generated",
        "This project uses [{0}] but interceptors are not enabled for the Opto.Generated namespace. Add <InterceptorsNamespaces>$(InterceptorsNamespaces);Opto.Generated</InterceptorsNamespaces> to a PropertyGroup of the project file (the Opto.Trace package's build props did not flow: a PrivateAssets or ExcludeAssets setting, or a reference that is not a PackageReference).",
        DiagnosticSeverity.Error,
        "The generated interceptors live in the Opto.Generated namespace, which the compiler only accepts when the project lists it in InterceptorsNamespaces. The package's build/ and buildTransitive/ props set it; when they do not flow, nothing can be traced.");

    public static readonly DiagnosticDescriptor Redundant = Create(
        "OPTO012", "Redundant attribute",
        "{0}",
        DiagnosticSeverity.Info,
        "[Trainable] on a method already traces its calls, and an override of a traced method is traced through the base method's attribute.");

    public static readonly DiagnosticDescriptor CallNotTraced = Create(
        "OPTO013", "This call is not traced",
        "This call of '{0}' is not traced: {1}",
        DiagnosticSeverity.Warning,
        "The generator intercepts each call site of a traced method, but skips shapes it cannot intercept safely; the call then runs untraced and feedback cannot reach its inputs. The message names the shape and what to change.");

    public static readonly DiagnosticDescriptor CallInExpressionTree = Create(
        "OPTO014", "A call inside an expression tree is not traced",
        "This call of '{0}' is inside an expression tree and is not traced: whatever reads the tree (a LINQ provider, a mock setup) sees the method itself; if the tree is compiled and run, the call records nothing",
        DiagnosticSeverity.Info,
        "A lambda converted to Expression<...> (an IQueryable query, a Moq setup, a mapping or validation rule) describes a call rather than making it. The generator never intercepts it, so the tree names the traced method exactly as written. When such a tree is compiled and invoked, that call runs untraced.");

    public static readonly DiagnosticDescriptor UnlinkedNodeRead = Create(
        "OPTO015", "A parameter read here is not linked",
        "'{0}' reads a node or parameter through '{1}', which the compiler cannot link to the call: {2}",
        DiagnosticSeverity.Warning,
        "A traced method's node depends on the Parameter<T> and Node<T> values its body reads from fields and properties of its own object, static members and captured primary-constructor parameters: the generator finds those. A node obtained another way (from another object, returned by a method) is invisible to the compiler, so feedback on the call does not reach it. Pass it as an argument instead.");

    public static readonly DiagnosticDescriptor UnreachableTrainableRead = Create(
        "OPTO016", "A trainable value read here is not linked",
        "'{0}' reads the trainable '{1}' through '{2}', which the compiler cannot follow to the call: {3}",
        DiagnosticSeverity.Warning,
        "A traced method's node depends on the [Trainable] members its body reads, also on other objects: the generator records how the call reaches that object again when it completes, from its own object, its arguments or a static member, through fields and auto-properties. An object reached another way (a local assigned from a method call, a method's result, an element of a collection, a lambda's parameter, a computed property, a struct) cannot be followed, so feedback on the call does not reach that value. The untraced helpers the method calls are read as part of its body, through the objects each call passes; a read there that cannot be followed is reported at the helper's call. Read it through a field or an auto-property, or pass the object as an argument.");

    public static readonly DiagnosticDescriptor UnseenCodeRead = Create(
        "OPTO020", "Code the compiler cannot read is given a trainable value",
        "'{0}' calls '{1}' with '{2}'{5}, which holds {3}; '{1}' is in assembly '{4}', whose code the compiler cannot read, so feedback on '{0}' does not reach a trainable value read there: make '{1}' [Traced], or read the value in '{0}'",
        DiagnosticSeverity.Warning,
        "A traced method's node depends on the [Trainable] members its body reads, and on those its untraced helpers read, which the generator reads as part of the body. A method of another assembly (a library of the solution built with Trace for .NET) has no source here: the generator cannot see what it reads. When a traced method gives such a method an object that holds trainable members (as an argument, as the object it is called on, or through a static method of a class with static trainable members), a value read there is not a dependency of the call, and feedback does not reach it. Make the method [Traced] in its own project (its node then records what it reads), or read the value in the traced method and pass it.");

    public static readonly DiagnosticDescriptor GlueLinkLost = Create(
        "OPTO017", "A traced result reaches a traced call unlinked",
        "The result of '{0}' reaches this call of '{1}' along a path the compiler cannot prove, so feedback on '{1}' does not reach '{0}': {2}",
        DiagnosticSeverity.Warning,
        "Glue code between traced calls is linked when the compiler can prove which call's result flowed: through locals assigned once, with no branch, lambda or field in between. Along other paths the argument, or the object the call is made on, is a plain input and feedback does not reach the call that produced the value. Assign the result to a local of its own, pass it directly, or make the helper that transforms it [Traced].");

    public static readonly DiagnosticDescriptor CodePackageMissing = Create(
        "OPTO018", "Trainable code needs the Opto.Trace.Code package",
        "The code of '{0}' is [Trainable], but the project does not reference the Opto.Trace.Code package, which compiles and swaps method code at run time: add <PackageReference Include=\"Opto.Trace.Code\" /> to the project, or use [Traced] if the method's code is not to be trained",
        DiagnosticSeverity.Error,
        "[Trainable] on a method makes its code a parameter an optimizer rewrites. Compiling that code at run time needs Roslyn, which the core package does not carry so that projects that only trace stay small. Without the code package the method would only be traced and feedback would never reach its code.");

    public static readonly DiagnosticDescriptor LanguageTooOld = Create(
        "OPTO019", "Tracing needs C# 12 or later",
        "This project uses [{0}] but compiles as C# {1}, and the code Trace for .NET generates needs C# {2} or later, so nothing is traced: set <LangVersion> to {2} or later in the project file or Directory.Build.props (or remove the setting: the default for net10.0 is C# 14)",
        DiagnosticSeverity.Error,
        "The interceptors, the registration of traced methods and the TrainableParameters() extensions use C# 12 (collection expressions, file-local types). Below it the generator produces none of them, so no call becomes a node and no feedback can reach a trainable value.");

    public static readonly DiagnosticDescriptor InterceptorsDisabledForCalls = Create(
        "OPTO011", "Interceptors are not enabled for Opto.Generated",
        "This project calls '{0}', which {1} traces, but interceptors are not enabled for the Opto.Generated namespace. Add <InterceptorsNamespaces>$(InterceptorsNamespaces);Opto.Generated</InterceptorsNamespaces> to a PropertyGroup of the project file (the Opto.Trace package's build props did not flow to this project with {1}: a PrivateAssets or ExcludeAssets setting, or a reference that is not a PackageReference).",
        DiagnosticSeverity.Error,
        "The generated interceptors live in the Opto.Generated namespace, which the compiler only accepts when the project lists it in InterceptorsNamespaces. A project that calls a library's traced methods gets interceptors for those calls, so it needs the setting too.");

    public static readonly DiagnosticDescriptor LanguageTooOldForCalls = Create(
        "OPTO019", "Tracing needs C# 12 or later",
        "This project calls '{0}', which {1} traces, but compiles as C# {2}, and the code Trace for .NET generates needs C# {3} or later, so these calls are not traced. To trace them, set <LangVersion> to {3} or later (or remove the setting: the default for net10.0 is C# 14); to leave them untraced, suppress OPTO019.",
        DiagnosticSeverity.Warning,
        "The interceptors use C# 12 (collection expressions, file-local types). Below it the generator produces none, so calls of traced methods run untraced. A project that only calls a library's traced methods gets this warning instead of the error.");

    public static readonly DiagnosticDescriptor CopiedTrainable = Create(
        "OPTO021", "A copy's trainable members are not the original's",
        "'{0}' copies {1} into a new '{2}', whose trainable parameters are its own: feedback on what reads the copy reaches the copy, and an optimizer's change to it is lost with it; keep trainable members in an object the record refers to, which the copy shares",
        DiagnosticSeverity.Warning,
        "A [Trainable] field or property is a parameter of the object that holds it. A 'with' expression makes a new object whose members start as the original's values but are parameters of their own: a traced call that reads the copy depends on the copy's parameter, feedback reaches that one, and the optimizer changes a value nothing keeps. Hold the trainable members in a class the record refers to (the copy then refers to the same object), or pass the original and the changed values separately.");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpBase + id + ".md");
}
