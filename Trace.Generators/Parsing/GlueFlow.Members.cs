using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>One assignment of a member of a local object, and the code it is written as.</summary>
    private readonly record struct MemberSet(IOperation Value, SyntaxNode Written);

    /// <summary>
    /// What a field or auto-property of a local object holds where it is read, when the compiler can tell
    /// (<c>var state = new State(); state.Summary = Summarize(t) + "!"; Classify(state.Summary)</c>): the object is made here
    /// by constructors with no code of the program's (its type's and its base types'), the local is never set again, and is used only to read and set
    /// fields and auto-properties of it in this function (never handed on, called, or captured); the member is set once, in
    /// the object's initializer or by a statement of the block that declares the local, before the statement that reads it.
    /// Null otherwise.
    /// </summary>
    private static MemberSet? SetOnce(IOperation read, IOperation function)
    {
        if (ObjectMadeHere(read, function) is not { } made) return null;
        var member = (IMemberReferenceOperation)read;
        MemberSet? set = null;
        foreach (var initializer in made.Creation.Initializer?.Initializers ?? [])
        {
            if (initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment && Same(target.Member, member.Member)) set = new MemberSet(assignment.Value, assignment.Syntax);
            else if (initializer is IMemberInitializerOperation { InitializedMember: IMemberReferenceOperation nested } && Same(nested.Member, member.Member)) return null;
        }

        foreach (var used in made.Uses)
        {
            if (!Same(used.Member, member.Member)) continue;
            if (used.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, used))
            {
                if (set is not null || !StatementBefore(assignment, read, made.Initializer)) return null;
                set = new MemberSet(assignment.Value, assignment.Syntax);
            }
            else if (IsWriteTarget(used) || used.Type is { IsValueType: true } && used.Parent is IMemberReferenceOperation or IInvocationOperation { Instance: not null })
            {
                // Changed another way, or a struct changed in place through a member or method of it.
                return null;
            }
        }

        return set;
    }

    /// <summary>
    /// Whether a text or simple-valued field or auto-property of a local object holds what it started with where it is read:
    /// the object is made here as <see cref="SetOnce"/> requires, and the member is set nowhere (not in the object
    /// initializer, not by a statement, not in place) and starts as its default or as an initializer that calls nothing
    /// (<c>= ""</c>). No call made what it holds.
    /// </summary>
    public static bool HoldsItsDefault(IOperation read, IOperation function)
    {
        if (read.Type is not { } type || !IsSimpleValue(type) || ObjectMadeHere(read, function) is not { } made) return false;
        var member = ((IMemberReferenceOperation)read).Member;
        if (member.DeclaringSyntaxReferences.Any(r => InitializerOf(r.GetSyntax()) is { } initializer && initializer.Value.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))) return false;
        foreach (var initializer in made.Creation.Initializer?.Initializers ?? [])
        {
            if (initializer is IAssignmentOperation { Target: IMemberReferenceOperation target } && Same(target.Member, member)) return false;
            if (initializer is IMemberInitializerOperation { InitializedMember: IMemberReferenceOperation nested } && Same(nested.Member, member)) return false;
        }

        return !made.Uses.Any(used => Same(used.Member, member) && IsWriteTarget(used));
    }

    /// <summary>Whether a member of the type holds text, a number or an enum: what it holds cannot change through a read of it.</summary>
    public static bool IsSimpleValue(ITypeSymbol type) => type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum;

    /// <summary>The initializer a field's or property's declaration gives it (<c>= Made()</c>), if any.</summary>
    public static EqualsValueClauseSyntax? InitializerOf(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax declarator => declarator.Initializer,
        PropertyDeclarationSyntax property => property.Initializer,
        _ => null,
    };

    /// <summary>An object made in a local, and every use of that local: each reads or sets one of its plain members.</summary>
    private sealed record LocalObject(IOperation Initializer, IObjectCreationOperation Creation, List<IMemberReferenceOperation> Uses);

    // The object a member read reads from, when it is made here by `new T(...)` whose constructors are all the compiler's,
    // in a local of that type never set again and used only to read and set plain members of it, in this function.
    private static LocalObject? ObjectMadeHere(IOperation read, IOperation function)
    {
        if (read is not IMemberReferenceOperation { Instance: ILocalReferenceOperation { IsDeclaration: false } holder } member
            || !IsPlainMember(member.Member) || IsWriteTarget(read))
        {
            return null;
        }

        if (SingleAssignment(holder.Local, function) is not { } made || Unwrap(made) is not IObjectCreationOperation { Type: INamedTypeSymbol { IsTupleType: false } type } creation
            || !SymbolEqualityComparer.Default.Equals(holder.Local.Type, type) || !MadeWithoutCode(type))
        {
            return null;
        }

        var uses = new List<IMemberReferenceOperation>();
        foreach (var reference in LocalsOf(Root(function))[holder.Local].References)
        {
            if (reference.Parent is not IMemberReferenceOperation used || !ReferenceEquals(used.Instance, reference) || !IsPlainMember(used.Member) || !SameFunction(reference, function)) return null;
            uses.Add(used);
        }

        return new LocalObject(made, creation, uses);
    }

    // Whether making an object of the type runs no constructor of the program's: its own and every base type's (but object's)
    // are the compiler's. Field initializers cannot reach the object, so they cannot hand it out.
    private static bool MadeWithoutCode(INamedTypeSymbol type)
    {
        for (var current = type; current is { SpecialType: not SpecialType.System_Object and not SpecialType.System_ValueType }; current = current.BaseType)
        {
            if (current.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared)) return false;
        }

        return true;
    }

    private static bool Same(ISymbol a, ISymbol b) => SymbolEqualityComparer.Default.Equals(a, b);

    // A field, or a property whose accessors are the compiler's (no code of the program's runs to read or set it).
    private static bool IsPlainMember(ISymbol member) => member switch
    {
        IFieldSymbol { IsStatic: false, IsConst: false } => true,
        IPropertySymbol { IsStatic: false, IsIndexer: false } property => IsAutoProperty(property),
        _ => false,
    };

    /// <summary>Whether the property's accessors are the compiler's: it has a backing field.</summary>
    public static bool IsAutoProperty(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol?.OriginalDefinition, property.OriginalDefinition));

    // Whether the assignment is a statement of the block that declares the object's local, after its declaration, and the
    // read is in a later statement of that block: it runs once each time the block does, before the read.
    private static bool StatementBefore(ISimpleAssignmentOperation assignment, IOperation read, IOperation made)
    {
        if (assignment.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block } statement || block.Operations.Any(o => o is ILabeledOperation)) return false;
        var at = StatementIndexes(block)[statement];
        var declaredAt = IndexIn(block, made);
        var readAt = IndexIn(block, read);
        return declaredAt >= 0 && declaredAt < at && readAt > at;
    }
}
