using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The reads of <c>[Trainable]</c> fields and properties whose values may reach a traced call's argument in glue code: in
/// the argument itself, in what a local it reads was set to, and in what an untraced method of the project or a computed
/// property it calls returns. Only the first two can be linked at run time (the compiler's flow carries them); a read
/// inside another method is never part of the glue, so each such read comes with why.
/// </summary>
internal static class TrainableGlueReads
{
    private const int MaxDepth = 8;

    /// <summary>A read of a trainable member, with why it cannot be linked when it is read in another method (null otherwise).</summary>
    public readonly record struct Read(IMemberReferenceOperation Member, string? Elsewhere);

    public static IReadOnlyList<Read> Of(IOperation value, TraceAttributes attributes, OtherMembers? others)
    {
        var reads = new List<Read>();
        var root = ResultPaths.RootOf(value);
        var function = GlueFlow.EnclosingFunction(value);
        var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var visitedMethods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        const string InAFunction = "it is read in a lambda or a local function, whose value the glue code does not follow; read the value in the argument itself";
        var compilation = value.SemanticModel?.Compilation;
        // A builder given as it is (`Consume(sb)`): what was put into it.
        if (TextBuilderCalls.IsBuilder(value.Type)) WalkBuilder(value, GlueFlow.Unwrap(value), null, 0);
        Walk(value, null, 0);
        return reads;

        void Walk(IOperation operation, string? elsewhere, int depth)
        {
            if (depth > MaxDepth) return;
            foreach (var part in Parts(operation))
            {
                switch (part)
                {
                    case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } read
                        when (attributes.Trainable(read.Member) is not null || read.SemanticModel is { } model && ImplementedMembers.ReadsKnownTrainable(read.Member, model.Compilation)) && !HelperReads.IsWrite(read)
                            && !(elsewhere is not null && read.SemanticModel?.GetEnclosingSymbol(read.Syntax.SpanStart) is IMethodSymbol body && ImplementedMembers.ReadsOverriddenBase(read, body)):
                        // One read inside a lambda or a local function is that function's, not the glue's.
                        var inOther = elsewhere is null && !ReferenceEquals(GlueFlow.EnclosingFunction(read), function) && ReferenceEquals(ResultPaths.RootOf(read), root);
                        reads.Add(new Read(read, inOther ? InAFunction : elsewhere));
                        if (read.Member is IPropertySymbol { GetMethod: { } virtualGetter } && !AccessPaths.IsTrainableInstanceMember(read.Member)) WalkImplementations(virtualGetter, elsewhere, depth);
                        break;
                    case IMemberReferenceOperation { Member: var kept, Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }
                        when elsewhere is null && attributes.Trainable(kept) is null && (kept is IFieldSymbol || kept is IPropertySymbol { IsIndexer: false } property && GlueFlow.IsAutoProperty(property))
                            && visited.Add(kept) && MemberWrites.In(root).TryGetValue(kept, out var keptWrites):
                        // A field or an auto-property this function sets (`_cache = Prompt`): the glue reads it, not the trainable value.
                        foreach (var write in keptWrites.Where(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform))
                        {
                            Walk(write.Value is ICompoundAssignmentOperation compound ? compound.Value : write.Value,
                                $"it is kept in '{kept.Name}', which the glue code does not follow; pass it through a local, or read the value in the argument itself", depth + 1);
                        }

                        break;
                    case IInvocationOperation built when TextBuilderCalls.Of(built.TargetMethod) == TextBuilderCalls.Kind.Built && built.Instance is { } builder:
                        // A builder's text links only the traced calls' results put into it, by their identity: no trainable value.
                        WalkBuilder(builder, ResultPaths.ChainRoot(built) ?? builder, elsewhere, depth);
                        break;
                    case ILocalReferenceOperation { Local.IsForEach: true } element when visited.Add(element.Local) && LoopOf(element) is { } loop:
                        // `foreach (var s in parts) sb.Append(s)`: one element of the collection at a time, which the glue's flow may carry.
                        Walk(loop.Collection, elsewhere, depth + 1);
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } local when visitedMethods.Add(local.TargetMethod.OriginalDefinition)
                        && ResultPaths.LocalFunctionIn(root, local.TargetMethod) is { } body:
                        foreach (var returned in ResultPaths.ReturnsIn(body)) Walk(returned.ReturnedValue!, elsewhere ?? InAFunction, depth + 1);
                        break;
                    case ILocalReferenceOperation local when MatchedBy(local) is { } matched && visited.Add(local.Local):
                        // `x is { Prompt: var p } ? Ask(p + q) : q`: what the pattern read into the local.
                        Walk(matched, elsewhere ?? $"it is read by a pattern into '{local.Local.Name}', which the glue code does not follow; read the value in the argument itself", depth + 1);
                        break;
                    case ILocalReferenceOperation local when visited.Add(local.Local) && MemberWrites.In(root).TryGetValue(local.Local, out var writes):
                        // What a local of this function was set to: glue the compiler's flow may carry (reached from elsewhere, it is not).
                        foreach (var write in writes.Where(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform))
                        {
                            Walk(write.Value is ICompoundAssignmentOperation compound ? compound.Value : write.Value, elsewhere, depth + 1);
                        }

                        // `messages.Add(new ChatMessage(ChatRole.System, Prompt))`: a collection's elements link what traced calls made.
                        foreach (var write in writes.Where(w => w is { Kind: MemberWrites.WriteKind.AddsTo, ThroughArguments: true, Value: IInvocationOperation }))
                        {
                            var added = (IInvocationOperation)write.Value;
                            if (!StoredGlue.MayBe(added.TargetMethod.Name) || TextBuilderCalls.IsBuilder(added.Instance?.Type)) continue;
                            foreach (var argument in added.Arguments.Where(a => !ReferenceEquals(a.Value, write.HeldBy)))
                            {
                                Walk(argument.Value, elsewhere ?? $"it is added to '{local.Local.Name}', whose elements link what traced calls made but no trainable value; read the value in the argument itself", depth + 1);
                            }
                        }

                        break;
                    case IInvocationOperation call when others is not null && !attributes.IsTracedOrOverridesTraced((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition)
                        && visitedMethods.Add(call.TargetMethod.OriginalDefinition):
                        // What an untraced method of the project returns (`Build(x)` returning `Prompt + x`).
                        var name = call.TargetMethod.Name;
                        foreach (var returned in others.ReturnsOf(call.TargetMethod))
                        {
                            Walk(returned, elsewhere ?? $"it is read in '{name}', which is not traced; make '{name}' [Traced], or read the value in the argument itself", depth + 1);
                        }

                        WalkImplementations(call.TargetMethod, elsewhere, depth);
                        break;
                    case IPropertyReferenceOperation { Property: { IsIndexer: false, GetMethod: { } getter } computed } when others is not null && !GlueFlow.IsAutoProperty(computed)
                        && attributes.Trainable(computed) is null && visitedMethods.Add(getter.OriginalDefinition):
                        foreach (var returned in others.ReturnsOf(getter))
                        {
                            Walk(returned, elsewhere ?? $"it is read in the property '{computed.Name}', whose getter is not traced; make it a [Traced] method, or read the value in the argument itself", depth + 1);
                        }

                        WalkImplementations(getter, elsewhere, depth);
                        break;
                    case var implicitly when others is not null && ImplicitUserCode.Of(implicitly) is { } run && visitedMethods.Add(run.Method.OriginalDefinition):
                        // A conversion, an operator or a ToString the compiler or the framework runs (`$"{_persona}"`): no call in source.
                        foreach (var returned in others.ReturnsOf(run.Method))
                        {
                            Walk(returned, elsewhere ?? $"it is read in '{HelperReads.Name(run.Method)}' ({run.How}), and no interceptor sees that call; read the value in the argument itself", depth + 1);
                        }

                        break;
                }
            }
        }

        // What a pattern declares a local from: the member a property pattern reads (`{ Prompt: var p }`), or the value matched.
        static IOperation? MatchedBy(ILocalReferenceOperation local)
        {
            if (local.Local.DeclaringSyntaxReferences.Length != 1
                || local.Local.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax { Parent: { } patternSyntax }
                || local.SemanticModel?.GetOperation(patternSyntax) is not IPatternOperation pattern)
            {
                return null;
            }

            return AccessPaths.ValueMatchedBy(pattern);
        }

        // The operation and what it is made of, in the order written, but not what a traced call is given: its result is a
        // value of its own (`Chat([... r1.Text])` after `r1 = Ask(Prompt)`), linked to what it read through its node.
        IEnumerable<IOperation> Parts(IOperation operation)
        {
            var pending = new Stack<IOperation>();
            pending.Push(operation);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                yield return current;
                if (current is IInvocationOperation call && attributes.IsTracedOrOverridesTraced((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition)) continue;
                foreach (var child in current.ChildOperations.Reverse()) pending.Push(child);
            }
        }

        void WalkBuilder(IOperation builder, IOperation root, string? elsewhere, int depth)
        {
            var builderName = ResultPaths.KeptIn(root)?.Name ?? "the StringBuilder";
            foreach (var (put, separately) in PutsInto(builder))
            {
                // What the expression itself puts in (`new StringBuilder(a).Append(b).ToString()`, also through a local set
                // once to it) is the glue's own: the compiler's flow may carry it.
                Walk(put, separately ? elsewhere ?? $"it is put into '{builderName}', a StringBuilder, by a call of its own, and the builder's text links what traced calls made but no trainable value; read the value in the argument itself" : elsewhere, depth + 1);
            }
        }

        static IForEachLoopOperation? LoopOf(ILocalReferenceOperation element)
        {
            for (var current = element.Parent; current is not null; current = current.Parent)
            {
                if (current is IForEachLoopOperation loop && loop.Locals.Contains(element.Local, SymbolEqualityComparer.Default)) return loop;
            }

            return null;
        }

        // What goes into a builder: each call on it (`sb.Append(a).AppendLine(b)`, `sb.AppendFormat(f, a)`) and what it is made
        // with, in this function; a builder kept in a local, a parameter or a member of `this` is found by its name.
        IEnumerable<(IOperation Value, bool Separately)> PutsInto(IOperation builder)
        {
            var puts = new List<(IOperation, bool)>();
            var seen = new HashSet<IOperation>();
            Collect(builder);
            return puts;

            // `separately`: what the expression puts in is not the glue's own (a member's initializer).
            void Collect(IOperation current, bool separately = false)
            {
                switch (GlueFlow.Unwrap(current))
                {
                    case IInvocationOperation call when TextBuilderCalls.IsBuilder(call.Type) && call.Instance is { } into:
                        Add(call, separately);
                        Collect(into, separately);
                        return;
                    case IObjectCreationOperation creation when TextBuilderCalls.IsBuilder(creation.Type):
                        puts.AddRange(creation.Arguments.Select(a => (a.Value, separately)));
                        return;
                }

                if (ResultPaths.KeptIn(current) is not { } symbol || !visited.Add(symbol)) return;
                foreach (var call in root.Descendants().OfType<IInvocationOperation>())
                {
                    if (call.Instance is not null && TextBuilderCalls.IsBuilder(call.Instance.Type) && SymbolEqualityComparer.Default.Equals(ResultPaths.KeptIn(ResultPaths.ChainRoot(call)), symbol))
                    {
                        Add(call, separately: true);
                    }
                    else if (others is not null && call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(ResultPaths.KeptIn(a.Value), symbol))?.Parameter is { } given)
                    {
                        // An untraced method of the project it is given to (`Fill(sb)`): what it puts in.
                        puts.AddRange(others.PutsInto(given.OriginalDefinition).Select(p => (p.Value, true)));
                    }
                }

                // A member's: what the type's members put into it, and what its initializer made it with.
                if (symbol is IFieldSymbol or IPropertySymbol && others is not null) puts.AddRange(others.PutsOn(symbol).Select(p => (p.Value, true)));
                if (symbol is IFieldSymbol or IPropertySymbol && others is not null)
                {
                    foreach (var initializer in others.InitialValuesOf(symbol)) Collect(initializer, separately: true);
                }

                foreach (var write in MemberWrites.In(root).TryGetValue(symbol, out var writes) ? writes : [])
                {
                    if (write.Kind == MemberWrites.WriteKind.Assign) Collect(write.Value);
                }
            }

            void Add(IInvocationOperation call, bool separately)
            {
                if (seen.Add(call)) puts.AddRange(BuilderPuts.Of(call).Select(p => (p.Value, separately)));
            }
        }

        // The project's implementations and overrides of an interface, abstract or virtual member, any of which may run in its
        // place (`_persona.Voice` running `Pirate.Voice => Accent + "!"`).
        void WalkImplementations(IMethodSymbol method, string? elsewhere, int depth)
        {
            if (others is null || compilation is null) return;
            foreach (var body in ImplementedMembers.BodiesInProject(method.OriginalDefinition, compilation))
            {
                if (!visitedMethods.Add(body.OriginalDefinition)) continue;
                var member = body.AssociatedSymbol ?? body;
                var name = $"{member.ContainingType.Name}.{ImplementedMembers.WrittenName(member)}";
                foreach (var returned in others.ReturnsOf(body))
                {
                    Walk(returned, elsewhere ?? $"it is read in '{name}', which runs in place of '{method.AssociatedSymbol?.Name ?? method.Name}' on some objects and is not traced; read the value in the argument itself", depth + 1);
                }
            }
        }
    }
}
