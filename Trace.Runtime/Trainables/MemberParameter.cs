using Opto.Interception;

namespace Opto;

/// <summary>A <c>[Trainable]</c> field or property of one object (or a static one), read and written through generated accessors.</summary>
internal sealed class MemberParameter : ParameterNode
{
    private readonly object? _target;

    public MemberParameter(TrainableMember member, object? target, string name)
        : base(name, member.Description, member.Constraint)
    {
        Member = member;
        _target = target;
    }

    public TrainableMember Member { get; }

    internal override TrainableMember DeclaredBy => Member;

    public override Type ValueType => Member.ValueType;

    private protected override object? BoxedValue => Member.Get(_target);

    private protected override void Write(object? value) => Member.Set(_target, value);
}
