using System.ComponentModel;

namespace Opto.Interception;

/// <summary>A <c>[Trainable]</c> field or property with typed accessors, registered by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class TrainableMember
{
    internal TrainableMember(Type declaringType, string name, Type valueType, bool isStatic, string? description, string? constraint)
    {
        DeclaringType = declaringType;
        Name = name;
        ValueType = valueType;
        IsStatic = isStatic;
        Description = description;
        Constraint = constraint;
    }

    /// <summary>The type that declares the member.</summary>
    public Type DeclaringType { get; }

    /// <summary>The member's name.</summary>
    public string Name { get; }

    /// <summary>The member's type.</summary>
    public Type ValueType { get; }

    /// <summary>Whether the member is static.</summary>
    public bool IsStatic { get; }

    /// <summary>The description given in <see cref="TrainableAttribute"/>.</summary>
    public string? Description { get; }

    /// <summary>The constraint given in <see cref="TrainableAttribute"/>.</summary>
    public string? Constraint { get; }

    // The interface and base-class properties this property implements or overrides: a traced body that reads one of them
    // on an object of this class reads this member.
    private (Type DeclaringType, string Name)[] _implemented = [];

    /// <summary>
    /// Adds an interface or base-class property this one implements or overrides: a read of it on an object of this class
    /// reads this member. Called by generated code.
    /// </summary>
    /// <param name="declaringType">The interface or class that declares the implemented property.</param>
    /// <param name="name">Its name.</param>
    /// <returns>This member.</returns>
    public TrainableMember Implementing(Type declaringType, string name)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _implemented = [.. _implemented, (declaringType, name)];
        return this;
    }

    /// <summary>Whether a read of the given member on an object of this class reads this member.</summary>
    internal bool Answers(Type declaringType, string name)
    {
        if (DeclaringType == declaringType && Name == name) return true;
        foreach (var (type, implementedName) in _implemented)
        {
            if (type == declaringType && implementedName == name) return true;
        }

        return false;
    }

    /// <summary>An instance member read and written through accessors.</summary>
    public static TrainableMember Instance<TOwner, TValue>(string name, Func<TOwner, TValue> get, Action<TOwner, TValue> set, string? description = null, string? constraint = null)
        where TOwner : class =>
        new InstanceMember<TOwner, TValue>(name, get, set, description, constraint);

    /// <summary>A static member read and written through accessors.</summary>
    public static TrainableMember Static<TValue>(Type declaringType, string name, Func<TValue> get, Action<TValue> set, string? description = null, string? constraint = null) =>
        new StaticMember<TValue>(declaringType, name, get, set, description, constraint);

    internal abstract object? Get(object? target);

    internal abstract void Set(object? target, object? value);

    private sealed class InstanceMember<TOwner, TValue>(string name, Func<TOwner, TValue> get, Action<TOwner, TValue> set, string? description, string? constraint)
        : TrainableMember(typeof(TOwner), name, typeof(TValue), false, description, constraint)
        where TOwner : class
    {
        internal override object? Get(object? target) => get((TOwner)target!);

        internal override void Set(object? target, object? value) => set((TOwner)target!, (TValue)value!);
    }

    private sealed class StaticMember<TValue>(Type owner, string name, Func<TValue> get, Action<TValue> set, string? description, string? constraint)
        : TrainableMember(owner, name, typeof(TValue), true, description, constraint)
    {
        internal override object? Get(object? target) => get();

        internal override void Set(object? target, object? value) => set((TValue)value!);
    }
}
