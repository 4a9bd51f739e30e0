namespace Opto;

/// <summary>
/// Records every call of the method as a node of the current trace scope's execution graph.
/// </summary>
/// <remarks>
/// The source generator intercepts each call site of the method at compile time; nothing is wrapped by hand.
/// The method's XML doc summary becomes the operator description an optimizer reads.
/// Calls are recorded only inside a <see cref="TraceScope"/>; elsewhere the method runs directly.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TracedAttribute : Attribute
{
}
