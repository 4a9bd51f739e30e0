using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>
/// Emits the module initializer that tells the runtime, without reflection, what the compiler found:
/// each traced method's description and hidden dependencies, each type's trainable members with typed accessors, and
/// the members through which types hold objects that have trainable parameters.
/// </summary>
internal static class RegistrationEmitter
{
    public static string Emit(IReadOnlyList<TracedMethodSpec> methods, IReadOnlyList<TrainableMemberSpec> members, IReadOnlyList<HolderTypeSpec> holders, bool grantInternals = true)
    {
        var writer = new SourceWriter();
        writer.Line(Literals.Header.TrimEnd('\n'));
        writer.Line("#pragma warning disable CS0612, CS0618 // Obsolete trainable members are still registered.");
        var contexts = methods.Select(m => m.Context).Concat(members.Select(m => m.Context)).Concat(holders.Select(h => h.Context)).ToList();
        var suppressions = contexts.SelectMany(c => c.Suppressions).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        if (suppressions.Count > 0)
        {
            writer.Line($"#pragma warning disable {string.Join(", ", suppressions)} // Experimental and preview types are registered like any other.");
        }

        writer.Line();
        if (grantInternals && members.Any(m => m.Code is not null))
        {
            // Replacement code for trainable methods is compiled under this name and may use internal members.
            writer.Line("[assembly: global::System.Runtime.CompilerServices.InternalsVisibleTo(\"Opto.Patches\")]");
            writer.Line();
        }

        writer.Open("namespace Opto.Generated");
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Line(Literals.GeneratedCode);
        writer.Line(Literals.NonUserCode);
        writer.Open("internal static class TraceRegistration");
        writer.Line("#pragma warning disable CA2255 // Registration must happen before any traced call of this assembly runs.");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        // Only the runtime calls it; marked obsolete, it may name types that are obsolete with error: true.
        if (contexts.Any(c => c.Obsolete)) writer.Line(Literals.Obsolete);
        foreach (var suppression in members.SelectMany(m => m.Context.Requirements).Select(Suppression).Where(s => s is not null).Distinct().OrderBy(s => s, System.StringComparer.Ordinal))
        {
            writer.Line(suppression!);
        }
        writer.Open("internal static void Register()");

        var accessors = new List<string>();
        var nodeReaders = new Dictionary<DependencySpec, string>();
        var pathAccessors = new Dictionary<PathStepSpec, string>();
        foreach (var method in methods)
        {
            var dependencies = method.Dependencies.Select(d => $", new global::Opto.Interception.TrainableDependency(typeof({d.DeclaringType}), {Literals.String(d.MemberName)}{NodeReader(d, nodeReaders, accessors)}{PathReader(d, pathAccessors, accessors)})");
            var leaf = method.CallsNoTracedCode ? ", callsTracedCode: false" : "";
            writer.Line($"global::Opto.Interception.OperatorCatalog.Register({Literals.String(method.Key)}, {Literals.String(method.Summary)}{leaf}{string.Concat(dependencies)});");
        }

        var accessorNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in members.GroupBy(m => m.ContainingType))
        {
            writer.Line($"global::Opto.Interception.TrainableRegistry.Register(typeof({type.Key}),");
            var list = type.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                writer.Line($"    {Member(list[i], accessors)}{(i == list.Count - 1 ? ");" : ",")}");
            }
        }

        foreach (var holder in holders)
        {
            writer.Line($"global::Opto.Interception.TrainableRegistry.RegisterHeld(typeof({holder.Type}),");
            for (var i = 0; i < holder.Members.Count; i++)
            {
                writer.Line($"    {Held(holder, holder.Members[i], accessors, accessorNames)}{(i == holder.Members.Count - 1 ? ");" : ",")}");
            }
        }

        writer.Close();
        writer.Line("#pragma warning restore CA2255");
        foreach (var accessor in accessors)
        {
            writer.Line();
            foreach (var line in accessor.Split('\n')) writer.Line(line);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    // A static trainable member of a type that requires unreferenced code (dynamic code, assembly files) is read and written
    // by the optimizer through the accessors registered here: that is the training the application asked for, not a use of
    // the type the trimmer could check. The application's own uses of the type are reported where they are written.
    private static string? Suppression(string requirement)
    {
        var (category, id) = requirement switch
        {
            _ when requirement.StartsWith("global::System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(", System.StringComparison.Ordinal) => ("Trimming", "IL2026"),
            _ when requirement.StartsWith("global::System.Diagnostics.CodeAnalysis.RequiresDynamicCode(", System.StringComparison.Ordinal) => ("AOT", "IL3050"),
            _ when requirement.StartsWith("global::System.Diagnostics.CodeAnalysis.RequiresAssemblyFiles(", System.StringComparison.Ordinal) => ("SingleFile", "IL3002"),
            _ => (null, null),
        };
        return category is null ? null : $"[global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage({Literals.String(category)}, {Literals.String(id)}, Justification = \"Registers the accessors of a trainable member for the optimizer.\")]";
    }

    private static string Member(TrainableMemberSpec member, List<string> accessors)
    {
        if (member.Code is { } code)
        {
            var usings = string.Join(", ", code.Usings.Select(Literals.String));
            return $"global::Opto.Interception.CodeRegistration.Member<{code.DelegateType}>(typeof({member.ContainingType}), {Literals.String(member.Name)}, " +
                   $"{Literals.String(code.Key)}, {Literals.String(code.Source)}, new string[] {{ {usings} }}, {Literals.String(member.Description)}, {Literals.String(member.Constraint)})";
        }

        var baseName = $"{member.ContainingTypeName}_{member.Name}";
        var target = member.IsStatic ? "default!" : "o";
        string get, set;
        if (member.IsField && member.Getter == AccessKind.UnsafeField)
        {
            accessors.Add(Accessor(member, member.IsStatic ? "StaticField" : "Field", member.Name, $"ref {member.ValueType}", baseName, withValue: false));
            get = $"{baseName}({target})";
            set = $"{baseName}({target}) = v";
        }
        else
        {
            get = member.Getter == AccessKind.Direct ? Access(member) : $"{baseName}_get({target})";
            set = member.Setter == AccessKind.Direct ? $"{Access(member)} = v" : $"{baseName}_set({target}, v)";
            var kind = member.IsStatic ? "StaticMethod" : "Method";
            if (member.Getter != AccessKind.Direct) accessors.Add(Accessor(member, kind, "get_" + member.Name, member.ValueType, baseName + "_get", withValue: false));
            if (member.Setter != AccessKind.Direct) accessors.Add(Accessor(member, kind, "set_" + member.Name, "void", baseName + "_set", withValue: true));
        }

        var texts = $"{Literals.String(member.Description)}, {Literals.String(member.Constraint)}";
        return member.IsStatic
            ? $"global::Opto.Interception.TrainableMember.Static<{member.ValueType}>(typeof({member.ContainingType}), {Literals.String(member.Name)}, static () => {get}, static v => {set}, {texts})"
            : $"global::Opto.Interception.TrainableMember.Instance<{member.ContainingType}, {member.ValueType}>({Literals.String(member.Name)}, static o => {get}, static (o, v) => {set}, {texts})" +
              (member.Implements is not { } implements ? "" : string.Concat(implements.Select(m => $"\n                    .Implementing(typeof({m.DeclaringType}), {Literals.String(m.Name)})")));
    }

    // Members holding explicit nodes are read through an UnsafeAccessor, whatever their accessibility.
    private static string NodeReader(DependencySpec dependency, Dictionary<DependencySpec, string> readers, List<string> accessors)
    {
        if (dependency.Nodes is not { } nodes) return "";
        if (!readers.TryGetValue(dependency, out var name))
        {
            name = $"Nodes{readers.Count}";
            readers.Add(dependency, name);
            var returnType = nodes.AccessorKind.EndsWith("Field", System.StringComparison.Ordinal) ? "ref " + nodes.ValueType : nodes.ValueType;
            accessors.Add(
                $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{nodes.AccessorKind}, Name = {Literals.String(nodes.AccessorName)})]\n" +
                $"private static extern {returnType} {name}({dependency.DeclaringType} target);");
        }

        // An instance member is read only on a receiver of its class (one read in an override runs only on that class's objects).
        return nodes.AccessorKind.StartsWith("Static", System.StringComparison.Ordinal)
            ? $", static o => {name}(default!)"
            : $", static o => o is {dependency.DeclaringType} t ? {name}(t) : null";
    }

    // The object that declares a trainable member read on another object: reached again from the call's receiver, one of
    // its arguments or a static member when the call completes.
    private static string PathReader(DependencySpec dependency, Dictionary<PathStepSpec, string> readers, List<string> accessors)
    {
        if (dependency.Path is not { } path) return "";
        var argument = path.Argument is null ? "null" : Literals.String(path.Argument);
        var reader = PathReaderEmitter.Reader(path, readers, accessors, "Path");
        if (!path.Elements) return $", {argument}, {reader}";
        var elementReader = path.ElementPath is { } elementPath ? PathReaderEmitter.Reader(elementPath, readers, accessors, "Path") : "null";
        return $", {argument}, readCollection: {reader}, readElementOwner: {elementReader}";
    }

    private static string Held(HolderTypeSpec holder, HeldMemberSpec member, List<string> accessors, HashSet<string> accessorNames)
    {
        var accessor = $"Held_{holder.TypeName}_{member.Name}";
        if (member.Access != HeldAccess.Direct)
        {
            // Nested types' names are joined with '_', so two members could meet on one name: the later one gets a number.
            for (var k = 2; !accessorNames.Add(accessor); k++) accessor = $"Held_{holder.TypeName}_{member.Name}_{k}";
        }

        var get = member.Access switch
        {
            HeldAccess.Direct => $"o.{Literals.Identifier(member.Name)}",
            _ => $"{accessor}(o)",
        };
        if (member.Access == HeldAccess.UnsafeField)
        {
            accessors.Add(
                $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = {Literals.String(member.MetadataName)})]\n" +
                $"private static extern ref {member.MemberType} {accessor}({holder.Type} target);");
        }
        else if (member.Access == HeldAccess.UnsafeGetter)
        {
            accessors.Add(
                $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {Literals.String("get_" + member.MetadataName)})]\n" +
                $"private static extern {member.MemberType} {accessor}({holder.Type} target);");
        }

        var types = member.Kind == HeldKind.Dictionary ? $"{holder.Type}, {member.KeyType}, {member.ElementType}" : $"{holder.Type}, {member.ElementType}";
        return $"global::Opto.Interception.HeldMember.{member.Kind}<{types}>({Literals.String(member.Name)}, static o => {get})";
    }

    private static string Access(TrainableMemberSpec member) =>
        member.ExplicitInterface is { } @interface ? $"(({@interface})o).{Literals.Identifier(member.Name.Substring(member.Name.LastIndexOf('.') + 1))}"
        : member.IsStatic ? $"{member.ContainingType}.{Literals.Identifier(member.Name)}"
        : $"o.{Literals.Identifier(member.Name)}";

    private static string Accessor(TrainableMemberSpec member, string kind, string memberName, string returnType, string name, bool withValue) =>
        $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = {Literals.String(memberName)})]\n" +
        $"private static extern {returnType} {name}({member.ContainingType} target{(withValue ? $", {member.ValueType} value" : "")});";
}
