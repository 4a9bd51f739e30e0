using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    // LINQ methods whose elements are some of their source's, unchanged: an element of one is an element of the source.
    private static readonly HashSet<string> s_subsetMethods =
    [
        "Where", "Skip", "Take", "SkipLast", "TakeLast", "SkipWhile", "TakeWhile", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
        "Order", "OrderDescending", "Reverse", "Distinct", "DistinctBy", "ToList", "ToArray", "AsEnumerable", "ToHashSet", "AsReadOnly", "OfType", "Cast",
    ];

    /// <summary>
    /// What the iteration variable of a <c>foreach</c> of <paramref name="function"/> may be where the loop's body reads it
    /// (<c>foreach (var step in plan.Steps) Answer("Do: " + step)</c>): an element of the collection the loop read (or of
    /// what a LINQ subset of it reads), which ran once before the loop, in this activation. Each value a collection local
    /// filled in steps holds, or an array or list written out, is a candidate; a collection one call made (its result, or a
    /// member of it, through locals set once) is the collection its element is of, glue over that call. Null when the read
    /// is not of such a variable or the collection is none of these (a projection, `Select(...)`, whose lambda may return
    /// anything; a parameter): an <c>await foreach</c> (a traced iterator gives each chunk its own identity), a
    /// deconstruction, a variable the body may write (<c>ref</c>), or the key of a pair of a dictionary local filled in steps
    /// (its value is one of the values put in).
    /// </summary>
    private static Stored? IterationCandidates(ILocalReferenceOperation read, IOperation function, Func<IInvocationOperation, bool> isProducer, bool members = true)
    {
        if (read.Local is not { IsForEach: true, RefKind: RefKind.None } local || LoopOf(read, local) is not { IsAsynchronous: false } loop || !SameFunction(loop, function))
        {
            return null;
        }

        // An element the loop converts with code of the program's (`foreach (Wrapper w in docs)`) is that code's making.
        if (ConvertsElements(loop)) return null;
        var source = SubsetSource(loop.Collection);
        if (FlattenedSource(source) is { } flattened)
        {
            // A part of an element of what one call made (a content of a reply's messages) is that call's too, where nothing
            // else here reaches into what the call made (`foreach (var m in r.Messages) m.Contents.Add(...)` would add parts of
            // the program's making).
            var of = SubsetSource(flattened);
            return MadeByOneCall(of, function, isProducer) && OnlyValuesReadElsewhere(of, function) ? new Stored([], of, Changed: false) : null;
        }

        if (source is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } owner } && Unwrap(owner) is ILocalReferenceOperation dictionary
            && ModelOf(dictionary.Local.Type) == CollectionModel.Keyed && CandidatesIn(dictionary, function) is { } held)
        {
            return held;
        }

        var model = source.Type is { } type ? ModelOf(type) : CollectionModel.None;
        // An item of a tuple or a member of an anonymous object each candidate writes out is what is written there.
        if (members && read.Parent is IMemberReferenceOperation { Instance: var whole } member && ReferenceEquals(whole, read) && IsWrittenShape(read.Type))
        {
            var whole2 = IterationCandidates(read, function, isProducer, members: false);
            if (whole2 is not { Changed: false, ElementOf: null } each) return whole2 is { ElementOf: not null, Values.Count: 0 } ? whole2 : null;
            var parts = each.Values.Select(v => MemberOfMade(Unwrap(v), member)).ToList();
            return parts.Contains(null) ? null : new Stored([.. parts!], null, Changed: false);
        }

        if (source.Type is { } pairType && ElementType(pairType) is INamedTypeSymbol { Name: "KeyValuePair" })
        {
            // A pair of a dictionary local filled in steps: its value is one of the values put in, and its key claims nothing
            // of them; a pair of a dictionary one traced call made is that call's, key and value.
            if (model == CollectionModel.Keyed && source is ILocalReferenceOperation pairs && CandidatesIn(pairs, function) is { } putIn)
            {
                return read.Parent is IPropertyReferenceOperation { Property.Name: "Value" } ? putIn : null;
            }

            return MadeByOneCall(source, function, isProducer) ? new Stored([], source, Changed: false) : null;
        }

        if (source is ILocalReferenceOperation collection && model != CollectionModel.None && CandidatesIn(collection, function) is { } candidates) return candidates;
        var written = new Dictionary<object, IOperation>();
        if (model != CollectionModel.Keyed && FirstContents(source, model, written) is not null) return new Stored([.. written.Values], null, Changed: false);
        return MadeByOneCall(source, function, isProducer) ? new Stored([], source, Changed: false) : null;
    }

    // Whether a collection is what one traced call returned, or a member of it, through locals set once (`plan.Steps` of
    // `var plan = MakePlan(q)`): its elements are then that call's, glue over it. Not what other code made of collections.
    private static bool MadeByOneCall(IOperation collection, IOperation function, Func<IInvocationOperation, bool> isProducer)
    {
        var value = Unwrap(collection);
        for (var followed = 0; followed < MaxLocals; followed++)
        {
            switch (value)
            {
                case IInvocationOperation call:
                    return isProducer(call);
                case ILocalReferenceOperation local when SingleAssignment(local.Local, function) is { } initializer && OnlyReadElsewhere(local, function):
                    value = Unwrap(initializer);
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance }:
                    value = Unwrap(instance);
                    continue;
                case IFieldReferenceOperation { Instance: { } instance } when instance is not IInstanceReferenceOperation:
                    value = Unwrap(instance);
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    // Whether every other use of each local on the way to the collection reads a value of it (`r.Text`, `r.Messages.Count` is
    // not: one member further, and anything handed the local, may change what it holds).
    private static bool OnlyValuesReadElsewhere(IOperation collection, IOperation function)
    {
        var value = Unwrap(collection);
        for (var followed = 0; followed < MaxLocals; followed++)
        {
            switch (value)
            {
                case ILocalReferenceOperation local when SingleAssignment(local.Local, function) is { } initializer:
                    foreach (var reference in LocalsOf(Root(function))[local.Local].References)
                    {
                        if (reference.Syntax == local.Syntax) continue;
                        if (reference.Parent is not IMemberReferenceOperation { Type: { } read } member || !ReferenceEquals(member.Instance, reference) || IsWriteTarget(member)
                            || !(read.IsValueType || read.SpecialType == SpecialType.System_String))
                        {
                            return false;
                        }
                    }

                    value = Unwrap(initializer);
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    value = Unwrap(instance);
                    continue;
                case IFieldReferenceOperation { Instance: { } instance }:
                    value = Unwrap(instance);
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    // The values a collection local filled in steps holds where it is read, any of which an element may be; null when it is
    // never changed after a first value it does not write out (it is then that value, as any other local).
    private static Stored? CandidatesIn(ILocalReferenceOperation collection, IOperation function)
    {
        if (ContentsAt(collection, function) is not { } contents) return null;
        if (contents.Changed is not null) return new Stored([], null, Changed: true);
        return new Stored([.. contents.Placed.Values, .. contents.Rest], contents.Whole, Changed: false);
    }

    // Whether every other use of a local on the way to the collection only reads it (`plan.Goal`, `plan.Steps` enumerated,
    // `docs.Count`): nothing here changed what the call made (`plan.Steps.Clear()`, `Reset(plan)`, `docs[0] = q`).
    private static bool OnlyReadElsewhere(ILocalReferenceOperation at, IOperation function)
    {
        foreach (var reference in LocalsOf(Root(function))[at.Local].References)
        {
            if (reference.Syntax == at.Syntax) continue;
            if (reference.Parent is IMemberReferenceOperation member && ReferenceEquals(member.Instance, reference) && member is not IPropertyReferenceOperation { Property.IsIndexer: true })
            {
                // A member of it read: a value, or a collection only read in turn (not a member of it: one level is followed).
                if (IsWriteTarget(member)) return false;
                if (member.Type is { IsValueType: true } or { SpecialType: SpecialType.System_String }) continue;
                if (member.Parent is IMemberReferenceOperation { Instance: var inner } && ReferenceEquals(inner, member) || !OnlyReads(member)) return false;
                continue;
            }

            if (!OnlyReads(reference)) return false;
        }

        return true;
    }

    /// <summary>Whether the loop converts each element with code of the program's: a user-defined conversion to the variable's type.</summary>
    public static bool ConvertsElements(IForEachLoopOperation loop) =>
        loop.Syntax is CommonForEachStatementSyntax statement && loop.SemanticModel?.GetForEachStatementInfo(statement) is { } info
        && (info.ElementConversion.IsUserDefined || info.CurrentConversion.IsUserDefined);

    // A tuple or an anonymous object: a value whose members are what it was written with.
    private static bool IsWrittenShape(ITypeSymbol? type) => type is INamedTypeSymbol { IsTupleType: true } or INamedTypeSymbol { IsAnonymousType: true };

    /// <summary>
    /// What a member of a tuple or an anonymous object was written with, where the value read is one written out here
    /// (<c>var t = ("fixed", Summarize(q)); t.Item1</c>), through locals set once; null otherwise.
    /// </summary>
    private static IOperation? MemberOfWritten(IOperation whole, IMemberReferenceOperation member, IOperation function)
    {
        if (!IsWrittenShape(whole.Type)) return null;
        var value = Unwrap(whole);
        for (var followed = 0; value is ILocalReferenceOperation local && followed < MaxLocals; followed++)
        {
            if (SingleAssignment(local.Local, function) is not { } initializer || !OnlyReadElsewhere(local, function)) return null;
            value = Unwrap(initializer);
        }

        return MemberOfMade(value, member);
    }

    // The value a written-out tuple or anonymous object gives the member, or null.
    private static IOperation? MemberOfMade(IOperation made, IMemberReferenceOperation member)
    {
        switch (made, member)
        {
            case (ITupleOperation tuple, IFieldReferenceOperation { Field: var field }):
                var item = (field.CorrespondingTupleField ?? field).Name;
                return item.StartsWith("Item", StringComparison.Ordinal) && int.TryParse(item.Substring(4), out var at) && at >= 1 && at <= tuple.Elements.Length
                    ? tuple.Elements[at - 1] : null;
            case (IAnonymousObjectCreationOperation anonymous, IPropertyReferenceOperation { Property: var property }):
                return anonymous.Initializers.OfType<ISimpleAssignmentOperation>()
                    .FirstOrDefault(i => i.Target is IPropertyReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Property, property))?.Value;
            default:
                return null;
        }
    }

    // The foreach loop that declares the iteration variable, around its read.
    private static IForEachLoopOperation? LoopOf(IOperation read, ILocalSymbol local)
    {
        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation declared } loop && SymbolEqualityComparer.Default.Equals(declared.Symbol, local))
            {
                return loop;
            }
        }

        return null;
    }

    // The source of `source.SelectMany(x => x.Parts)` whose lambda returns a member of its element, read through fields and
    // properties only (`messages.SelectMany(m => m.Contents)`); null for any other collection.
    private static IOperation? FlattenedSource(IOperation collection)
    {
        if (collection is not IInvocationOperation call || FlatteningSelector(call) is not { Symbol.Parameters.Length: 1 } selector
            || selector.Body.Operations.Length != 1 || selector.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            return null;
        }

        var value = Unwrap(returned);
        var members = 0;
        while (value is IPropertyReferenceOperation { Property.IsIndexer: false, Instance: not null } or IFieldReferenceOperation { Instance: not null })
        {
            value = Unwrap(((IMemberReferenceOperation)value).Instance!);
            members++;
        }

        return members > 0 && value is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, selector.Symbol.Parameters[0])
            ? Unwrap(call.Arguments[0].Value)
            : null;
    }

    /// <summary>The lambda of <c>Enumerable.SelectMany(source, x => ...)</c>, whose returned collections' elements make the result; null for any other call.</summary>
    public static IAnonymousFunctionOperation? FlatteningSelector(IInvocationOperation call) =>
        call is { TargetMethod: { Name: "SelectMany", IsExtensionMethod: true, ContainingType: { Name: "Enumerable" } linq }, Arguments.Length: 2 } && IsFramework(linq, "System.Linq")
            && Unwrap(call.Arguments[1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
            ? selector
            : null;

    // The collection a chain of LINQ subsets or copies reads (`docs.Where(d => d.Length > 0).Take(3)` and `new List<string>(docs)`
    // read `docs`).
    private static IOperation SubsetSource(IOperation collection)
    {
        var value = Unwrap(collection);
        while (true)
        {
            if (value is IInvocationOperation { TargetMethod.IsExtensionMethod: true } call && s_subsetMethods.Contains(call.TargetMethod.Name)
                && call.TargetMethod.ContainingType is { Name: "Enumerable" } linq && IsFramework(linq, "System.Linq") && call.Arguments.Length > 0)
            {
                value = Unwrap(call.Arguments[0].Value);
            }
            else if (value is IObjectCreationOperation { Arguments.Length: 1, Initializer: null, Type: { } made } copy && ModelOf(made) is CollectionModel.Indexed or CollectionModel.Held
                && copy.Arguments[0].Value.Type is { } given && ElementType(given) is { } element && ElementType(made) is { } elementMade
                && SymbolEqualityComparer.Default.Equals(element, elementMade))
            {
                value = Unwrap(copy.Arguments[0].Value);
            }
            else
            {
                return value;
            }
        }
    }

    /// <summary>
    /// Whether the iteration variable passed on unchanged keeps an identity that links it: each candidate a result or glue an
    /// intercepted put recorded, or an element of a traced call's result (<c>foreach (var doc in Search(q))</c>), whose
    /// elements the runtime knows by their identity (unless it is a collection class of the program's).
    /// </summary>
    private static bool IteratesIdentities(Stored iterated, IOperation function, System.Func<IInvocationOperation, bool> isProducer)
    {
        if (iterated.Changed) return false;
        if (iterated.ElementOf is null) return iterated.Values.Count > 0 && iterated.Values.All(v => Unwrap(v) is IInvocationOperation put && isProducer(put) || IsPutByCall(v));
        if (iterated.Values.Count > 0) return false;
        var source = SubsetSource(iterated.ElementOf);
        for (var followed = 0; followed < MaxLocals; followed++)
        {
            if (source is ILocalReferenceOperation local && SingleAssignment(local.Local, function) is { } initializer) source = SubsetSource(initializer);
            // A dictionary's keys and values are its elements too (`byTopic0.Keys[0]`).
            else if (source is IPropertyReferenceOperation { Property.Name: "Keys" or "Values", Instance: { } owner } && Unwrap(owner).Type is INamedTypeSymbol dictionary
                && (IsFramework(dictionary, "System.Collections.Generic") || IsFramework(dictionary, "System.Collections.Concurrent"))) source = SubsetSource(owner);
            else break;
        }

        // A collection class of the program's is never read by tracing: its element is glue over the call instead.
        return source is IInvocationOperation call && isProducer(call) && !StoredCollections.NeverRead(call.Type);
    }
}
