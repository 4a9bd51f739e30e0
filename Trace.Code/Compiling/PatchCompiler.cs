using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Opto.Interception;

namespace Opto.Code.Compiling;

/// <summary>
/// Compiles a model's replacement for a trainable method: checks that it is one method with the same signature,
/// rewrites it into a patch, checks it against the code policy, compiles it against the user's assembly and loads it
/// into a collectible load context. Every failure comes back as feedback text that points at the model's lines.
/// </summary>
internal static class PatchCompiler
{
    public const string AssemblyName = "Opto.Patches";

    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.Latest);
    private static readonly CSharpCompilationOptions s_options = new CSharpCompilationOptions(
        // Debug IL keeps each statement's values in locals, so an exception thrown inside an expression maps to its own
        // line; PatchSource declares the assembly's Debuggable attribute itself, which leaves the JIT free to optimize.
        OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Debug, allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Disable, concurrentBuild: false)
        // Private members of the user's types are imported so that they can be reached through UnsafeAccessors.
        .WithMetadataImportOptions(MetadataImportOptions.All);

    private static readonly ConcurrentDictionary<Assembly, CSharpCompilation> s_empty = new();
    private static int s_version;

    // Code within CodeLimits parses and binds in far less; the large stack is address space, committed only as used.
    private const int CompilerStackSize = 256 * 1024 * 1024;

    // How long past the time limit a compile that does not observe its cancellation is waited for before it is abandoned.
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(2);

    /// <summary>Checks and compiles a suggestion (see <see cref="CompileWithinLimits"/>), recorded as a span, a metric and a log line.</summary>
    public static (CompiledPatch? Patch, string? Problem) Compile(CodeParameter parameter, string code, CancellationToken cancellationToken)
    {
        using var activity = OptoTelemetry.Source.StartActivity("opto.code.compile");
        activity?.SetTag("opto.parameter", parameter.Name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = CompileWithinLimits(parameter, code, cancellationToken);
        var outcome = result.Patch is null ? "rejected" : "accepted";
        activity?.SetTag("opto.outcome", outcome);
        OptoTelemetry.CompileDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("opto.outcome", outcome));
        if (result.Patch is null) CodeLog.Rejected(CodeLog.Logger, parameter.Name, clock.ElapsedMilliseconds, FirstLine(result.Problem));
        else CodeLog.Accepted(CodeLog.Logger, parameter.Name, clock.ElapsedMilliseconds);
        return result;
    }

    private static string FirstLine(string? text) => text is null ? "" : text.Split('\n', 2)[0];

    private static (CompiledPatch? Patch, string? Problem) CompileWithinLimits(CodeParameter parameter, string code, CancellationToken cancellationToken)
    {
        code = Unfence(code).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (code.Trim().Length == 0) return (null, "The code is empty. Send the whole method declaration, with the same signature.");
        if (CodeLimits.Problem(parameter.Name, code) is { } tooBig) return (null, tooBig);

        // The compiler's first use against this assembly (loading it, the JIT, reading the references) is not the code's.
        CompilerWarmup.Ensure(parameter.Member.DeclaringType.Assembly, EmptyCompilation(parameter.Member.DeclaringType.Assembly), s_parse);

        // The compiler runs on its own thread, with a stack large enough for any code within the limits, and is
        // cancelled at the time limit; one that does not stop by then is abandoned and the code rejected.
        var limit = parameter.CompileTimeLimit;
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(limit);
        (CompiledPatch? Patch, string? Problem) result = default;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var state = 0; // 0 running, 1 done, 2 abandoned
        var thread = new Thread(() =>
        {
            try
            {
                result = CompileNow(parameter, code, cancellation.Token);
                // A patch that comes too late is nobody's: its load context goes at once.
                if (Interlocked.CompareExchange(ref state, 1, 0) == 2) result.Patch?.Context.Unload();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                result = (null, TooSlow(parameter, limit));
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        }, CompilerStackSize) { IsBackground = true, Name = "Opto patch compiler" };
        thread.Start();
        if (!thread.Join(limit + s_grace) && Interlocked.CompareExchange(ref state, 2, 0) == 0)
        {
            cancellation.Cancel();
            return (null, TooSlow(parameter, limit));
        }

        thread.Join();
        cancellation.Dispose();
        failure?.Throw();
        // The caller gave up: that is not the code's fault, so it is not a rejection.
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    // A compilation of nothing against the assembly's references: each patch adds its tree to it.
    private static CSharpCompilation EmptyCompilation(Assembly assembly) =>
        s_empty.GetOrAdd(assembly, static assembly => CSharpCompilation.Create(AssemblyName, options: s_options, references: MetadataReferences.For(assembly)));

    private static string TooSlow(CodeParameter parameter, TimeSpan limit) =>
        $"The replacement for {parameter.Name} was rejected: compiling it took longer than the limit of {limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s " +
        "(CodeParameter.CompileTimeLimit). Simplify the code: fewer nested lambdas and generic calls.";

    private static (CompiledPatch? Patch, string? Problem) CompileNow(CodeParameter parameter, string code, CancellationToken cancellationToken)
    {
        var member = parameter.Member;

        var declaration = ParseMethod(code, out var syntaxProblem);
        if (declaration is null) return (null, syntaxProblem);
        if (SignatureProblem(ParseMethod(member.Source, out _)!, declaration) is { } signatureProblem) return (null, signatureProblem);
        if (declaration.DescendantTokens().FirstOrDefault(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText.StartsWith("__", StringComparison.Ordinal)) is { RawKind: not 0 } reserved)
        {
            var line = reserved.GetLocation().GetLineSpan().StartLinePosition.Line;
            return (null, $"The replacement for {parameter.Name} was rejected: names starting with __ are reserved.\n{Annotate(code, [(line, $"error: '{reserved.ValueText}' starts with __")])}");
        }


        var source = PatchSource.Create(member, code, declaration, parameter.TimeBudget, parameter.MaxRecursionDepth);
        var version = Interlocked.Increment(ref s_version);
        var path = $"opto-patch/{member.DeclaringType.Name}.{member.Name}.v{version}.cs";

        var empty = EmptyCompilation(member.DeclaringType.Assembly);
        var probe = CSharpSyntaxTree.ParseText(source.Text, s_parse, path, Encoding.UTF8);
        var probeCompilation = empty.AddSyntaxTrees(probe);
        var owner = probeCompilation.GetTypeByMetadataName(member.DeclaringType.FullName!);
        if (owner is null) return (null, $"The compiler cannot see {member.DeclaringType.FullName}; is its assembly loaded from a file?");
        var original = DocumentationCommentId.GetFirstSymbolForDeclarationId(member.Key, probeCompilation) as IMethodSymbol;

        var rewritten = CSharpSyntaxTree.ParseText(PatchRewriter.Rewrite(probeCompilation, probe, owner, original, out var staticCaptures, cancellationToken).ToFullString(), s_parse, path, Encoding.UTF8);
        var compilation = empty.AddSyntaxTrees(rewritten);
        var model = compilation.GetSemanticModel(rewritten);

        // Binding everything once, cancellably, before the policy walks the code.
        // A static lambda or local function of the model's that captures is an error, though the patch drops `static`.
        var errors = staticCaptures.Concat(compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error)).ToList();
        var lines = new List<(int Line, string Message)>();
        var project = compilation.GetTypeByMetadataName(member.DeclaringType.FullName!)?.ContainingAssembly;
        foreach (var violation in PolicyChecker.Check(PatchRewriter.Body(rewritten.GetRoot()), model, parameter.Policy, project!))
        {
            lines.Add((source.ToCodeLine(violation.Location.GetLineSpan().StartLinePosition.Line),
                $"policy: {violation.Api} is {PolicyChecker.AreaName(violation.Area)}, which the code policy does not allow"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var error in errors.Take(20))
        {
            var line = error.Location.IsInSource ? source.ToCodeLine(error.Location.GetLineSpan().StartLinePosition.Line) : source.CodeSignatureLine;
            lines.Add((line, $"error {error.Id}: {Clean(error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), member)}"));
        }

        if (lines.Count > 0)
        {
            var what = errors.Count > 0 ? "it does not compile" : "it uses APIs outside the code policy";
            return (null, $"The replacement for {parameter.Name} was rejected: {what}.\n{Annotate(code, lines)}");
        }

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb), cancellationToken: cancellationToken);
        if (!emitted.Success)
        {
            var messages = string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"error {d.Id}: {Clean(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), member)}"));
            return (null, $"The replacement for {parameter.Name} was rejected: it does not compile.\n{messages}");
        }

        pe.Position = 0;
        pdb.Position = 0;
        var context = new PatchLoadContext($"opto-patch {parameter.Name} v{version}");
        var assembly = context.LoadFromStream(pe, pdb);
        var typeName = (member.DeclaringType.Namespace is { } ns ? ns + "." : "") + PatchSource.ClassName;
        var invoke = assembly.GetType(typeName, throwOnError: true)!.GetMethod("__Invoke", BindingFlags.Public | BindingFlags.Static)!;
        var implementation = invoke.CreateDelegate(member.DelegateType);
        return (new CompiledPatch(code, implementation, context, path, source.ToCodeLine), null);
    }

    /// <summary>Code in a single fenced block (```csharp ... ```) is taken from inside the fence.</summary>
    private static string Unfence(string code)
    {
        var trimmed = code.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6) return code;
        var firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return firstLineEnd < 0 ? code : trimmed[(firstLineEnd + 1)..^3];
    }

    private static MethodDeclarationSyntax? ParseMethod(string code, out string? problem)
    {
        problem = null;
        var member = SyntaxFactory.ParseMemberDeclaration(code, options: s_parse, consumeFullText: false);
        var rest = member is null ? code : code[member.FullSpan.End..];
        if (member is not MethodDeclarationSyntax method || rest.Trim().Length > 0)
        {
            problem = "The code must be exactly one C# method declaration (doc comment allowed), with the same signature; nothing before or after it.";
            return null;
        }

        var syntaxErrors = method.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (syntaxErrors.Count == 0) return method;
        var lines = syntaxErrors.Take(20).Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, $"error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")).ToList();
        problem = $"The code does not parse.\n{Annotate(code, lines)}";
        return null;
    }

    private static string? SignatureProblem(MethodDeclarationSyntax original, MethodDeclarationSyntax suggested)
    {
        var expected = Signature(original);
        var actual = Signature(suggested);
        return Tokens(original) == Tokens(suggested)
            ? null
            : $"The signature must stay exactly `{expected}`; the suggestion has `{actual}`. Change only the body (and the doc comment).";
    }

    // The signature's tokens alone: comments and line breaks inside it do not make it different.
    private static string Tokens(MethodDeclarationSyntax method) =>
        string.Join(" ", method.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword)).Select(m => m.Text)
            .Concat(method.ReturnType.DescendantTokens().Select(t => t.Text)).Append(method.Identifier.ValueText)
            .Concat(method.TypeParameterList?.DescendantTokens().Select(t => t.Text) ?? [])
            .Concat(method.ParameterList.Parameters.SelectMany(p => p.WithAttributeLists(default).DescendantTokens().Select(t => t.Text).Append(","))));

    /// <summary>Modifiers (without <c>async</c>, an implementation detail), return type, name, parameters.</summary>
    internal static string Signature(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword)).Select(m => m.Text);
        var parameters = method.ParameterList.WithoutTrivia().NormalizeWhitespace().ToFullString();
        var returnType = method.ReturnType.WithoutTrivia().NormalizeWhitespace().ToFullString();
        return string.Join(" ", modifiers.Append(returnType)) + " " + method.Identifier.ValueText + method.TypeParameterList?.NormalizeWhitespace().ToFullString() + parameters;
    }

    private static string Clean(string message, CodeMember member) => message
        .Replace(PatchSource.Self, "this", StringComparison.Ordinal)
        .Replace(PatchSource.ClassName, member.DeclaringType.Name, StringComparison.Ordinal)
        .Replace("__Body", member.Name, StringComparison.Ordinal)
        .Replace("__Invoke", member.Name, StringComparison.Ordinal)
        .Replace("__Recurse", member.Name, StringComparison.Ordinal);

    /// <summary>The code with line numbers, each message under the line it is about.</summary>
    internal static string Annotate(string code, IReadOnlyList<(int Line, string Message)> messages)
    {
        var builder = new StringBuilder();
        // Lines as the compiler counts them (it also breaks lines at \r, U+0085, U+2028 and U+2029).
        var codeLines = Microsoft.CodeAnalysis.Text.SourceText.From(code).Lines.Select(l => l.ToString()).ToArray();
        var width = codeLines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < codeLines.Length; i++)
        {
            builder.Append((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)).Append(" | ").Append(codeLines[i].TrimEnd()).Append('\n');
            foreach (var (_, message) in messages.Where(m => Math.Clamp(m.Line, 0, codeLines.Length - 1) == i))
            {
                builder.Append(new string(' ', width)).Append(" | ^ ").Append(message).Append('\n');
            }
        }

        return builder.ToString();
    }
}
