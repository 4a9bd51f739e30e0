using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Opto.Generators.Emitting;
using Opto.Generators.Model;
using Opto.Generators.Parsing;

namespace Opto.Generators;

/// <summary>
/// Turns <c>[Traced]</c> and <c>[Trainable]</c> on existing code into an execution graph: an interceptor for every call
/// of a traced method, and a registration of what the compiler knows (doc summaries, hidden dependencies,
/// trainable members with typed accessors).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TraceGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        public const string CallSites = nameof(CallSites);
        public const string TracedMethods = nameof(TracedMethods);
        public const string TrainableMembers = nameof(TrainableMembers);
        public const string TrainableCode = nameof(TrainableCode);
        public const string HeldMembers = nameof(HeldMembers);
        public const string GlueCallSites = nameof(GlueCallSites);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Not a syntax provider: the driver runs every syntax provider's transform on every edit, whichever outputs are
        // enabled, so the IDE would bind every call of the project on each keystroke for interceptors it never produces.
        // Read from the compilation, the calls are read only when a build asks for the interceptors, and in one pass
        // that reuses what it learns about one call for the calls around it.
        var callSites = context.CompilationProvider
            .SelectMany(static (compilation, cancellationToken) => LanguageSupport.Allows(compilation) ? CallSiteParser.Parse(compilation, cancellationToken) : [])
            .WithTrackingName(Steps.CallSites);

        // `string.Join` and `string.Concat` over parts, and text put into a `StringBuilder`: glue the runtime links by the
        // parts' identity (see Combiners, TextBuilderCalls). Read from the compilation like the calls, and only in a project
        // that can trace at all.
        var glueCallSites = context.CompilationProvider
            .SelectMany(static (compilation, cancellationToken) => LanguageSupport.Allows(compilation) && KnownTypes.Includes(compilation, KnownTypes.RuntimeAssembly)
                ? GlueCallSiteParser.Parse(compilation, cancellationToken)
                : [])
            .WithTrackingName(Steps.GlueCallSites);

        // Like the calls, read from the compilation by the step only the registration (a build's output) pulls.
        var tracedMethods = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => LanguageSupport.Allows(compilation) ? TracedMethodParser.ParseAll(compilation, cancellationToken) : EquatableArray<TracedMethodSpec>.Empty)
            .WithTrackingName(Steps.TracedMethods);

        // Not Roslyn's attribute provider: it binds every [Trainable] member of the project again on each edit. These keep
        // what they read while the project's declarations stay the same (DeclarationMemo), so typing in a body binds nothing.
        var trainableMembers = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => TrainableDeclarations.IsValueCandidate(node), TrainableDeclarations.ParseValue)
            .Where(static member => member is not null)
            .Select(static (member, _) => member!)
            .WithTrackingName(Steps.TrainableMembers)
            .Collect()
            .Combine(context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => TrainableDeclarations.IsMethodCandidate(node), TrainableDeclarations.ParseMethod)
                .Where(static member => member is not null)
                .Select(static (member, _) => member!)
                .WithTrackingName(Steps.TrainableCode)
                .Collect())
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right));

        var holders = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => HolderParser.IsCandidate(node), HolderParser.Parse)
            .Where(static holder => holder is not null)
            .Select(static (holder, _) => holder!)
            .WithTrackingName(Steps.HeldMembers)
            .Collect();

        // Interceptors and the registration change what the program does, never what the user's code can name: they are
        // implementation outputs, which the IDE does not produce while the user types (only builds do), so its work on every
        // call site and every traced method body is skipped at design time.
        context.RegisterImplementationSourceOutput(callSites.Collect(), static (output, files) =>
        {
            var ordered = files.SelectMany(f => f.Calls).OrderBy(s => s.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Position).ToList();
            if (ordered.Count > 0) output.AddSource("Opto.Interceptors.g.cs", InterceptorEmitter.Emit(ordered));
            var stores = files.SelectMany(f => f.Stores).OrderBy(s => s.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Position).ToList();
            if (stores.Count > 0) output.AddSource("Opto.StoredGlue.g.cs", StoreEmitter.Emit(stores));
        });

        // A builder's put that stores glue is intercepted with the stores (it records the glue, then makes the put): not here.
        var builderStores = callSites
            .SelectMany(static (file, _) => file.Stores.Where(s => s.BuilderMethod.Length > 0).Select(s => (s.FilePath, s.Position)))
            .Collect();
        context.RegisterImplementationSourceOutput(glueCallSites.Collect().Combine(builderStores), static (output, input) =>
        {
            var (files, stored) = input;
            var claimed = new HashSet<(string, int)>(stored);
            var combiners = files.SelectMany(f => f.Combiners).OrderBy(s => s.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Position).ToList();
            var builders = files.SelectMany(f => f.Builders).Where(b => !claimed.Contains((b.FilePath, b.Position)))
                .OrderBy(s => s.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Position).ToList();
            var pickers = files.SelectMany(f => f.Pickers).OrderBy(s => s.FilePath, System.StringComparer.Ordinal).ThenBy(s => s.Position).ToList();
            if (combiners.Count > 0 || builders.Count > 0 || pickers.Count > 0) output.AddSource("Opto.GlueCalls.g.cs", GlueCallEmitter.Emit(combiners, builders, pickers));
        });

        // Below C# 12 nothing is generated (see LanguageSupport; OPTO019 reports it).
        var languageAllowed = context.ParseOptionsProvider.Select(static (options, _) => LanguageSupport.Allows(options));

        // A strong-named assembly cannot grant InternalsVisibleTo to the unsigned patch assembly (CS1726).
        var strongNamed = context.CompilationProvider.Select(static (compilation, _) => compilation.Assembly.Identity.IsStrongName);

        context.RegisterImplementationSourceOutput(tracedMethods.Combine(trainableMembers).Combine(holders).Combine(strongNamed).Combine(languageAllowed), static (output, input) =>
        {
            var ((((methods, trainable), types), isStrongNamed), allowed) = input;
            if (!allowed) return;
            var members = Order(trainable);
            var (held, _) = Composition.Resolve(types, members);
            if (methods.Count == 0 && members.Length == 0 && held.Count == 0) return;
            output.AddSource("Opto.Registration.g.cs", RegistrationEmitter.Emit(methods.ToList(), members, held, grantInternals: !isStrongNamed));
        });

        // TrainableParameters() is called by the user's code: it must exist while the user types.
        context.RegisterSourceOutput(trainableMembers.Combine(holders).Combine(languageAllowed), static (output, input) =>
        {
            var ((trainable, types), allowed) = input;
            if (!allowed) return;
            var (_, owners) = Composition.Resolve(types, Order(trainable));
            if (owners.Count > 0) output.AddSource("Opto.TrainableParameters.g.cs", ExtensionsEmitter.Emit(owners));
        });
    }

    private static TrainableMemberSpec[] Order(ImmutableArray<TrainableMemberSpec> members) =>
        members.OrderBy(m => m.ContainingType, System.StringComparer.Ordinal).ThenBy(m => m.Name, System.StringComparer.Ordinal).ToArray();
}
