using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>Emits one interceptor per traced call site: off, it calls the method directly; on, it records the call.</summary>
internal static class InterceptorEmitter
{
    // Every name the interceptors' bodies use unqualified starts with "__", which no traced parameter may (OPTO013): a
    // parameter of the same name would hide it.
    private const string Holder = "__TracedOperators";
    private const string InterceptorClass = "TracedCallInterceptors";

    /// <summary>
    /// Interceptors per generated class. The compiler binds each member in the context of its whole type, so one class
    /// of thousands of interceptors took twice as long to compile as the same code in classes of tens.
    /// </summary>
    private const int InterceptorsPerClass = 32;

    public static string Emit(IReadOnlyList<CallSiteSpec> callSites)
    {
        var writer = new SourceWriter();
        writer.Line(Literals.Banner.TrimEnd('\n'));
        // A [Conditional] method's call is kept where its symbol is defined; the interceptor's own call must be kept too.
        foreach (var symbol in callSites.SelectMany(s => s.ConditionalSymbols).Distinct().OrderBy(s => s, System.StringComparer.Ordinal))
        {
            writer.Line($"#define {symbol}");
        }

        writer.Line(Literals.NullableContext.TrimEnd('\n'));
        writer.Line("#pragma warning disable CS1591 // Interceptors are not part of any public API.");
        writer.Line("#pragma warning disable CS0612, CS0618 // Calling an obsolete traced method is the user's call, already reported at the call site.");
        var suppressions = callSites.SelectMany(s => s.Context.Suppressions).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        if (suppressions.Count > 0)
        {
            writer.Line($"#pragma warning disable {string.Join(", ", suppressions)} // Experimental and preview APIs: the user's calls are checked where they are written.");
        }

        writer.Line();
        InterceptsLocationDeclaration.Write(writer);
        writer.Line();
        writer.Open("namespace Opto.Generated");
        writer.Line(Literals.GeneratedCode);
        writer.Line(Literals.NonUserCode);
        // Exception stack traces (logs, tests that read them) show the user's frames exactly as without interceptors.
        writer.Line("[global::System.Diagnostics.StackTraceHidden]");
        // The operators and code slots; the interceptors follow in classes of at most InterceptorsPerClass methods each,
        // since the compiler's work per member grows with the size of the type it is in.
        writer.Open("file static class " + Holder);

        // A field that names an obsolete type is obsolete too (interceptors that are not may still read it: CS0612 is disabled).
        var obsoleteOperators = new HashSet<string>(callSites.Where(s => s.Context.Obsolete).Select(OperatorIdentity));
        var obsoleteSlots = new HashSet<string>(callSites.Where(s => s.Context.Obsolete).Select(s => s.OperatorKey));

        // One operator per method (per instantiation of a generic one: a generic interceptor's is a field of a generic class).
        var operators = new Dictionary<string, string>();
        foreach (var site in callSites)
        {
            var operatorKey = OperatorIdentity(site);
            if (operators.ContainsKey(operatorKey)) continue;
            var names = string.Join(", ", site.Parameters.Where(p => p.Source != ArgumentSource.NotRecorded).Select(p => Literals.String(p.Name)));
            var initializer = $"new({Literals.String(site.OperatorKey)}, {Literals.String(site.MethodName)}, [{names}], typeof({site.ResultType}));";
            var obsolete = obsoleteOperators.Contains(operatorKey);
            if (site.TypeParameters.Length > 0)
            {
                // `__` names: no type parameter of a generic interceptor has one, so none can clash with the class or its field.
                var type = $"__Operator{operators.Count}";
                operators.Add(operatorKey, $"{Holder}.{type}{site.TypeParameters}.__Instance");
                writer.Open($"internal static class {type}{site.TypeParameters}");
                if (obsolete) writer.Line(Literals.Obsolete);
                writer.Line($"internal static readonly global::Opto.OperatorInfo __Instance = {initializer}");
                writer.Close();
                continue;
            }

            var field = $"s_operator{operators.Count}";
            operators.Add(operatorKey, $"{Holder}.{field}");
            if (obsolete) writer.Line(Literals.Obsolete);
            writer.Line($"internal static readonly global::Opto.OperatorInfo {field} = {initializer}");
        }

        // One slot per trainable method whose code may be replaced: the current implementation, or null for the original.
        var slots = new Dictionary<string, string>();
        foreach (var site in callSites.Where(s => s.CodeDelegate is not null))
        {
            if (slots.ContainsKey(site.OperatorKey)) continue;
            var field = $"s_code{slots.Count}";
            slots.Add(site.OperatorKey, $"{Holder}.{field}");
            if (obsoleteSlots.Contains(site.OperatorKey)) writer.Line(Literals.Obsolete);
            writer.Line($"internal static readonly global::Opto.Interception.CodeSlot<{site.CodeDelegate}> {field} = global::Opto.Interception.CodeSlot<{site.CodeDelegate}>.For({Literals.String(site.OperatorKey)});");
        }

        // Call sites that would get identical interceptors share one, with an attribute per location.
        var groups = callSites.GroupBy(site => site with { FilePath = "", Position = 0, LocationVersion = 0, LocationData = "", LocationDisplay = "" }).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i % InterceptorsPerClass == 0)
            {
                writer.Close();
                writer.Line();
                writer.Line(Literals.GeneratedCode);
                writer.Line(Literals.NonUserCode);
                writer.Line("[global::System.Diagnostics.StackTraceHidden]");
                writer.Open($"file static class {InterceptorClass}{i / InterceptorsPerClass + 1}");
            }
            else
            {
                writer.Line();
            }

            var slot = groups[i].Key.CodeDelegate is null ? null : slots[groups[i].Key.OperatorKey];
            EmitInterceptor(writer, groups[i].ToList(), $"{groups[i].Key.MethodName}_{i}", operators[OperatorIdentity(groups[i].Key)], slot);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// The type argument of a recording call, written out: inferring it at each of thousands of calls is measurable
    /// compile time. Not for <c>dynamic</c>: such a call is bound at run time, where the type is inferred from the value
    /// (an input node's type, and whether a boxed value is linked by identity, depend on it).
    /// </summary>
    private static string TypeArgument(string type) => type == "dynamic" ? "" : $"<{type}>";

    private static string OperatorIdentity(CallSiteSpec site) => site.OperatorKey + "|" + site.ResultType + "|" + site.TypeParameters;

    private static void EmitInterceptor(SourceWriter writer, IReadOnlyList<CallSiteSpec> sites, string name, string operatorField, string? codeSlot)
    {
        var site = sites[0];
        var parameters = site.Parameters.Select(Parameter).ToList();
        if (site.Invocation == InvocationKind.Instance) parameters.Insert(0, $"this {ReceiverModifier(site)}{site.ReceiverType} @this");
        else if (site.Invocation == InvocationKind.ReducedExtension) parameters[0] = "this " + parameters[0];

        var direct = DirectCall(site, name);
        if (codeSlot is not null)
        {
            var patchArguments = string.Join(", ", new[] { site.Invocation == InvocationKind.Instance ? "@this" : null }
                .Concat(site.Parameters.Select(p => Literals.Identifier(p.Name))).Where(a => a is not null));
            direct = $"({codeSlot}.Current is {{ }} __patch ? __patch({patchArguments}) : {direct})";
            // Void: a statement, completed by the caller's `;` (`else if (...) __patch(...); else @this.M(...);`).
            if (site.ReturnKind == ReturnKind.Void) direct = $"if ({codeSlot}.Current is {{ }} __patch) __patch({patchArguments}); else {DirectCall(site, name)}";
        }

        var receiver = site.Invocation == InvocationKind.Instance && !site.ReceiverIsValueType ? "@this" : "null";
        var isVoid = site.ReturnKind == ReturnKind.Void;

        foreach (var location in sites)
        {
            writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({location.LocationVersion}, {Literals.String(location.LocationData)})] // {location.LocationDisplay}");
        }

        // The interceptor itself is tiny so the JIT inlines it into the call site: with tracing off, the cost is one check.
        var arguments = string.Join(", ", site.Parameters.Select(Passed));
        var receiverArgument = site.Invocation == InvocationKind.Instance ? ReceiverModifier(site) + "@this" : null;
        var recordArguments = string.Join(", ", new[] { "__scope", receiverArgument, arguments }.Where(a => !string.IsNullOrEmpty(a)));
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        ContextAttributes(writer, site, suppressReturnFlow: codeSlot is not null);
        writer.Open($"public static {site.ReturnType} {name}{site.TypeParameterDeclarations}({string.Join(", ", parameters)}){site.Constraints}");
        if (site.UnsafeBlocks) writer.Open("unsafe");
        if (isVoid)
        {
            writer.Line($"if (global::Opto.TraceScope.Current is {{ }} __scope) __{name}Recorded{site.TypeParameters}({recordArguments});");
            writer.Line($"else {direct};");
        }
        else
        {
            writer.Line($"return global::Opto.TraceScope.Current is {{ }} __scope ? __{name}Recorded{site.TypeParameters}({recordArguments}) : {direct};");
        }

        if (site.UnsafeBlocks) writer.Close();
        writer.Close();
        writer.Line();

        var recordParameters = parameters.Select(p => p.StartsWith("this ", System.StringComparison.Ordinal) ? p.Substring(5) : p).ToList();
        recordParameters.Insert(0, "global::Opto.TraceScope __scope");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
        ContextAttributes(writer, site, suppressReturnFlow: true);
        writer.Open($"private static {site.ReturnType} __{name}Recorded{site.TypeParameterDeclarations}({string.Join(", ", recordParameters)}){site.Constraints}");
        if (site.UnsafeBlocks) writer.Open("unsafe");
        // A call whose result flows into another traced call through glue code leaves its node where that call finds it.
        var slot = site.SlotTag is null ? "" : $", {Literals.String(site.SlotTag)}";
        writer.Line($"var __call = new global::Opto.Interception.TracedCall(__scope, {operatorField}, {receiver}{slot});");
        if (site.Receiver is { } linked) ReceiverLine(writer, linked);
        // Inputs are numbered among the recorded parameters (a CancellationToken is not one).
        var recorded = site.Parameters.Where(p => p.Source != ArgumentSource.NotRecorded).ToList();
        var (pathReaders, pathAccessors, readsFields) = (new Dictionary<PathStepSpec, string>(), new List<string>(), new List<string>());

        // Handed-over results come off a stack: take them last argument first.
        for (var p = recorded.Count - 1; p >= 0; p--)
        {
            var parameter = recorded[p];
            if (parameter.Source == ArgumentSource.TracedCall) writer.Line($"__call.HandedOver({p}, {Literals.Identifier(parameter.Name)}, {Literals.String(parameter.FeederTag)});");
        }

        for (var p = 0; p < recorded.Count; p++)
        {
            var parameter = recorded[p];
            if (parameter.Source == ArgumentSource.TracedCall) continue;
            var argument = Literals.Identifier(parameter.Name);
            var reads = "null";
            if (parameter.Glue is { Reads.Count: > 0 } withReads)
            {
                // Made once, not at every call: it names no type the interceptor declares (reads of generic types are not kept).
                reads = $"__{name}Reads{p}";
                readsFields.Add((site.Context.Obsolete ? Literals.Obsolete + "\n" : "") +
                    $"private static readonly global::Opto.Interception.GlueReads {reads} = new({GlueReadsArguments(withReads, pathReaders, pathAccessors, $"__{name}Path", Extern(site))});");
            }

            if (parameter.Glue is { } collectionGlue && parameter.Collection != CollectionKind.None)
            {
                // Elements linked one by one are exact, and the glue's producers join them (elements untraced code made);
                // the glue alone is the fallback when none of them links.
                CollectionLines(writer, parameter, p, argument, Sources(collectionGlue));
                writer.Line($"__call.GluedIfPlain({p}, {argument}, {Literals.String(collectionGlue.Expression)}, {reads}{Sources(collectionGlue)});");
                continue;
            }

            if (parameter.Glue is { } glue)
            {
                var sources = string.Join(", ", glue.Sources.Select(Literals.String));
                writer.Line(glue.IsDirect
                    ? $"__call.FromSlot({p}, {argument}, {sources});"
                    : $"__call.Glued({p}, {argument}, {Literals.String(glue.Expression)}, {reads}{Sources(glue)});");
                continue;
            }

            if (parameter.Source == ArgumentSource.Constant) writer.Line($"__call.Constant{TypeArgument(parameter.Type)}({p}, {argument});");
            else if (parameter.Collection != CollectionKind.None) CollectionLines(writer, parameter, p, argument);
            else writer.Line($"__call.Arg{TypeArgument(parameter.Type)}({p}, {argument});");
        }

        // What the method adds to a list or builder it is given is its output too: seen as the arguments are before it runs.
        for (var p = 0; p < recorded.Count; p++)
        {
            if (recorded[p] is { Filled: true, Source: ArgumentSource.Value } filled) writer.Line($"__call.Fills({p}, {Literals.Identifier(filled.Name)});");
        }

        // The trainable values glue code decided by whether the call runs (`if (UseTool)`, `i < MaxSteps`) are its inputs too.
        if (site.Controls is { Count: > 0 } controls)
        {
            readsFields.Add((site.Context.Obsolete ? Literals.Obsolete + "\n" : "") +
                $"private static readonly global::Opto.Interception.GlueReads __{name}Controls = new({GlueReadsArguments(null, controls, pathReaders, pathAccessors, $"__{name}Path", Extern(site))});");
            writer.Line($"__call.ControlledBy(__{name}Controls);");
        }

        // And the results of traced calls a condition read to decide it (`if (Classify(q) == "refund")`), through a node of that condition.
        if (site.Decision is { } decision)
        {
            writer.Line($"__call.DecidedBy({Literals.String(decision.Expression)}, [{string.Join(", ", decision.Sources.Select(Literals.String))}]);");
        }

        // And what it adds to or sets in a member of its object, of an object it is given, or a static one: each read as it is
        // now, and again as it completes. What a member it reads of an object it is given holds is linked as the call starts.
        var watched = site.Watched ?? EquatableArray<WatchedMemberSpec>.Empty;
        for (var m = 0; m < watched.Count; m++)
        {
            var member = watched[m];
            var holderType = member.Parameter is null ? site.ReceiverType : member.Owner;
            var read = member.Accessor is not null ? $"__{name}Member{m}({(member.IsStatic ? "null!" : $"({holderType})__o")})"
                : member.IsStatic ? $"{member.Owner}.{Literals.Identifier(member.Name)}"
                : $"(({holderType})__o).{Literals.Identifier(member.Name)}";
            if (member.IsRead)
            {
                var p = recorded.FindIndex(r => r.Name == member.Parameter);
                if (p >= 0 && recorded[p] is { Source: ArgumentSource.Value, Collection: CollectionKind.None })
                {
                    writer.Line($"__call.ReadsMember({p}, {Literals.String(member.Name)}, {Literals.Identifier(member.Parameter!)}, static __o => {read});");
                }

                continue;
            }

            var (label, owner) = member.Parameter is { } parameter ? ($"{parameter}.{member.Name}", Literals.Identifier(parameter))
                : member.IsStatic ? (member.Name, $"typeof({member.Owner})") : (member.Name, "@this");
            writer.Line($"__call.{(member.Filled ? "FillsMember" : "SetsMember")}({Literals.String(label)}, {owner}, static __o => {read});");
        }

        writer.Open("try");
        // What the method sets in `out` and `ref` parameters is recorded once it returned, before its result completes the call.
        var set = site.Parameters.Where(p => p.IsSet).ToList();
        if (set.Count > 0 && !isVoid)
        {
            writer.Line($"var __result = {direct};");
            direct = "__result";
        }
        else if (set.Count > 0)
        {
            writer.Line($"{direct};");
        }

        foreach (var parameter in set)
        {
            var argument = Literals.Identifier(parameter.Name);
            writer.Line($"{argument} = __call.Output({Literals.String(parameter.Name)}, {argument});");
        }

        var completion = site.ReturnKind switch
        {
            ReturnKind.Void => set.Count > 0 ? null : $"{direct};",
            ReturnKind.Value when site.FeedTag is not null => $"return __call.HandOver({direct}, {Literals.String(site.FeedTag)});",
            ReturnKind.Value => $"return __call.Returned{TypeArgument(site.ReturnType)}({direct});",
            ReturnKind.Task or ReturnKind.TaskOfT => $"return __call.ReturnedTask({direct});",
            _ => $"return __call.ReturnedValueTask({direct});",
        };
        if (completion is not null) writer.Line(completion);
        writer.Close();
        writer.Open("catch (global::System.Exception __exception) when (__call.Threw(__exception))");
        writer.Line("throw;");
        writer.Close();
        if (isVoid)
        {
            writer.Line();
            writer.Line("__call.Returned();");
        }

        if (site.UnsafeBlocks) writer.Close();
        writer.Close();

        if (site.ViaUnsafeAccessor) EmitAccessor(writer, site, name);
        foreach (var member in readsFields.Concat(pathAccessors.Select(a => site.Context.Obsolete ? Literals.Obsolete + "\n" + a : a)))
        {
            writer.Line();
            foreach (var line in member.Split('\n')) writer.Line(line);
        }

        for (var m = 0; m < watched.Count; m++)
        {
            if (watched[m] is { Accessor: { } kind } member) EmitMemberAccessor(writer, site, member, kind, $"__{name}Member{m}");
        }
    }

    // A member the generated code cannot name: a field by reference, a property through its getter; a static one's accessor
    // is given a null of the type that declares it.
    private static void EmitMemberAccessor(SourceWriter writer, CallSiteSpec site, WatchedMemberSpec member, string kind, string accessor)
    {
        var modifiers = Extern(site);
        writer.Line();
        if (member.IsStatic) kind = "Static" + kind;
        writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = {Literals.String(member.MetadataName)})]");
        writer.Line($"private static {modifiers} {(kind.EndsWith("Field", System.StringComparison.Ordinal) ? "ref " : "")}{member.MemberType} {accessor}({member.Owner} __target);");
    }

    private static void ReceiverLine(SourceWriter writer, ReceiverSpec receiver)
    {
        if (receiver.Sources.Count == 0) writer.Line("__call.LinkReceiver();");
        else if (receiver.IsDirect) writer.Line($"__call.ReceiverFromSlot(@this, {Literals.String(receiver.Sources[0])});");
        else writer.Line($"__call.GluedReceiver(@this, {Literals.String(receiver.Name)}, {Literals.String(receiver.Expression)}, [{string.Join(", ", receiver.Sources.Select(Literals.String))}]);");
    }

    // A collection argument, read element by element: through its declared type, or through a view of the value when its
    // declared type is a generic interceptor's bare type parameter. A sequence seen as IEnumerable<object> may turn out to
    // hold values, and pairs seen as IDictionary may not be a dictionary (a list of pairs), which the views do not cover;
    // the value is then recorded as one value, as when its elements cannot link.
    private static void CollectionLines(SourceWriter writer, ParameterSpec parameter, int p, string argument, string glue = "")
    {
        if (parameter.Viewed && parameter.Collection == CollectionKind.Tuple)
        {
            writer.Line($"__call.Tuple({p}, (global::System.Runtime.CompilerServices.ITuple)(object){argument}{glue});");
            return;
        }

        if (parameter.Viewed)
        {
            writer.Line(parameter.Collection == CollectionKind.Pairs
                ? $"if ((object?){argument} is global::System.Collections.IDictionary __entries{p}) __call.Entries({p}, __entries{p}{glue});"
                : $"if ((object?){argument} is global::System.Collections.Generic.IEnumerable<object> __items{p}) __call.Items<object>({p}, __items{p}{glue});");
            writer.Line($"else __call.Arg{TypeArgument(parameter.Type)}({p}, {argument});");
            return;
        }

        writer.Line(parameter.Collection switch
        {
            CollectionKind.Items => $"__call.Items<{parameter.ElementTypes}>({p}, {argument}{glue});",
            CollectionKind.Pairs => $"__call.Pairs<{parameter.ElementTypes}>({p}, {argument}{glue});",
            _ => $"__call.Tuple({p}, {argument}{glue});",
        });
    }

    private static string Parameter(ParameterSpec parameter) =>
        $"{(parameter.Attributes is null ? "" : parameter.Attributes + " ")}{(parameter.PassedBy is { } passedBy ? passedBy + " " : "")}{parameter.Type} {Literals.Identifier(parameter.Name)}";

    // The argument as a call passes it on: `out name`, `ref name`, `in name` (also to a `ref readonly` parameter), or the name.
    private static string Passed(ParameterSpec parameter) => parameter.PassedBy switch
    {
        null => Literals.Identifier(parameter.Name),
        "ref readonly" => "in " + Literals.Identifier(parameter.Name),
        var passedBy => passedBy + " " + Literals.Identifier(parameter.Name),
    };

    /// <summary>What the generated method needs to call the method where the user's call could: see <see cref="ContextSpec"/>.</summary>
    private static void ContextAttributes(SourceWriter writer, CallSiteSpec site, bool suppressReturnFlow)
    {
        if (site.Context.Obsolete) writer.Line(Literals.Obsolete);
        foreach (var requirement in site.Context.Requirements) writer.Line($"[{requirement}]");
        if (site.ReturnAttributes is null) return;
        writer.Line(site.ReturnAttributes);
        // TracedCall.Returned gives back the value it is given (a string possibly as an equal copy), and a replacement of
        // trainable code has the method's signature: the result is the method's own, which carries the annotation.
        if (suppressReturnFlow)
        {
            writer.Line("[global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2073\", Justification = \"The result is the traced method's own result.\")]");
        }
    }

    // A collection expression, not the params form: passing loose arguments to a params span needs C# 13, and the
    // generated code must compile at C# 12 too (a stack-allocated span either way).
    private static string Sources(GlueSpec glue) => ", [" + string.Join(", ", glue.Sources.Select(Literals.String)) + "]";

    // A member of another object is found again along its path from the glue's `this` (the call's receiver, or its traced
    // caller's) or from a static member.
    private static string GlueReadsArguments(GlueSpec glue, Dictionary<PathStepSpec, string> readers, List<string> accessors, string prefix, string externModifiers) =>
        GlueReadsArguments(glue.CallerKey, glue.Reads, readers, accessors, prefix, externModifiers);

    private static string GlueReadsArguments(string? callerKey, EquatableArray<DependencySpec> reads, Dictionary<PathStepSpec, string> readers, List<string> accessors, string prefix,
        string externModifiers) =>
        $"{Literals.String(callerKey)}, " +
        string.Join(", ", reads.Select(r => $"new global::Opto.Interception.TrainableDependency(typeof({r.DeclaringType}), {Literals.String(r.MemberName)}" +
            (r.Path is { } path ? $", null, {PathReaderEmitter.Reader(path, readers, accessors, prefix, externModifiers)})" : ")")));

    private static string Extern(CallSiteSpec site) => site.SafeExtern ? "safe extern" : "extern";

    // A struct receiver is passed by reference, as the user's call passes it: by `in` to a readonly member, which may be called
    // on a readonly variable or a temporary value.
    private static string ReceiverModifier(CallSiteSpec site) => !site.ReceiverIsValueType ? "" : site.ReceiverIsReadOnly ? "in " : "ref ";

    private static string DirectCall(CallSiteSpec site, string name)
    {
        var arguments = string.Join(", ", site.Parameters.Select(Passed));
        if (site.ViaUnsafeAccessor)
        {
            // An accessor takes a struct by `ref`; a readonly member's receiver came by `in`, and cannot be written through it.
            var target = site.Invocation != InvocationKind.Instance ? "default!"
                : !site.ReceiverIsValueType ? "@this"
                : site.ReceiverIsReadOnly ? "ref global::System.Runtime.CompilerServices.Unsafe.AsRef(in @this)"
                : "ref @this";
            var accessor = site.GenericAccessor is { } generic ? $"__{name}Accessor{generic.ClassTypeParameters}.Call{generic.MethodTypeParameters}" : $"__{name}Accessor";
            return $"{accessor}({target}{(arguments.Length > 0 ? ", " + arguments : "")})";
        }

        return site.Invocation == InvocationKind.Instance
            ? $"@this.{Literals.Identifier(site.MethodName)}{site.TypeArguments}({arguments})"
            : $"{site.ContainingType}.{Literals.Identifier(site.MethodName)}{site.TypeArguments}({arguments})";
    }

    // Private and protected methods are reached without reflection through an UnsafeAccessor.
    private static void EmitAccessor(SourceWriter writer, CallSiteSpec site, string name)
    {
        var kind = site.Invocation == InvocationKind.Instance ? "Method" : "StaticMethod";
        var target = site.Invocation == InvocationKind.Instance ? $"{(site.ReceiverIsValueType ? "ref " : "")}{site.ReceiverType} __target"
            : site.StaticClassName is { } staticClass ? $"[global::System.Runtime.CompilerServices.UnsafeAccessorType({Literals.String(staticClass)})] object? __target"
            : $"{site.ContainingType} __target";
        var parameters = string.Join(", ", new[] { target }.Concat(site.Parameters.Select(Parameter)));
        var attribute = $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = {Literals.String(site.MethodName)})]";
        // Under the updated memory safety rules an extern method says whether it is safe to call; an accessor is.
        var modifiers = Extern(site);
        writer.Line();
        if (site.GenericAccessor is { } generic)
        {
            // The runtime matches the accessor's class to the reached type's type parameters and its method to the method's.
            writer.Open($"private static class __{name}Accessor{generic.ClassTypeParameters}{generic.ClassConstraints}");
            writer.Line(attribute);
            ContextAttributes(writer, site, suppressReturnFlow: false);
            writer.Line($"internal static {modifiers} {site.ReturnType} Call{generic.MethodTypeParameters}({parameters}){generic.MethodConstraints};");
            writer.Close();
            return;
        }

        writer.Line(attribute);
        ContextAttributes(writer, site, suppressReturnFlow: false);
        writer.Line($"private static {modifiers} {site.ReturnType} __{name}Accessor({parameters});");
    }
}
