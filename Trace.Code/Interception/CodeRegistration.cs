using System.ComponentModel;
using Opto.Code;

namespace Opto.Interception;

/// <summary>Registers trainable methods, whose code is a parameter. Called by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CodeRegistration
{
    /// <summary>A method whose code is a parameter: its source, and the delegate type that can stand in for it.</summary>
    /// <typeparam name="TDelegate">The <c>Func</c>/<c>Action</c> type matching the method (receiver first for instance methods).</typeparam>
    /// <param name="declaringType">The type that declares the method.</param>
    /// <param name="name">The method's name.</param>
    /// <param name="key">The method's documentation ID.</param>
    /// <param name="source">The declaration as written, with its doc comment.</param>
    /// <param name="usings">The using directives in scope at the method.</param>
    /// <param name="description">The description given in the attribute, or the doc summary.</param>
    /// <param name="constraint">The constraint given in the attribute.</param>
    public static TrainableMember Member<TDelegate>(Type declaringType, string name, string key, string source, string[] usings, string? description = null, string? constraint = null)
        where TDelegate : Delegate =>
        new CodeMember<TDelegate>(declaringType, name, key, source, usings, description, constraint, static (member, parameterName) => new CodeParameter(member, parameterName));
}
