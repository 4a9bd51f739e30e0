using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Opto.Interception;

/// <summary>
/// Whether a value passed on is the very one a traced call produced, decided without running the program's code: an object
/// by its identity; a value of the framework's own types (numbers, dates, a tuple of them) as the type compares it; any
/// other struct by its bytes (its own <c>Equals</c> could do anything, or throw, where the call untraced would run none).
/// </summary>
internal static class SameValue
{
    public static bool Is<T>(T produced, T value)
    {
        if (!typeof(T).IsValueType) return ReferenceEquals(produced, value) || SameBoxedValue(produced, value);
        if (Plain<T>.Is) return EqualityComparer<T>.Default.Equals(produced, value);
        return Bytes(ref produced).SequenceEqual(Bytes(ref value));
    }

    // A struct a call returned, passed on as an object or an interface (`Equals(object)`, `CompareTo(IComparable)`): each
    // conversion boxes it anew, so the call's box and the one passed are two objects holding one value.
    private static bool SameBoxedValue(object? produced, object? value)
    {
        if (produced is not ValueType || value is null) return false;
        var type = produced.GetType();
        if (type != value.GetType()) return false;
        if (IsPlain(type)) return produced.Equals(value);
        var size = RuntimeHelpers.SizeOf(type.TypeHandle);
        return MemoryMarshal.CreateReadOnlySpan(ref Payload(produced), size).SequenceEqual(MemoryMarshal.CreateReadOnlySpan(ref Payload(value), size));
    }

    // A box's value starts where a class's first field does.
    private static ref byte Payload(object box) => ref Unsafe.As<RawBox>(box).First;

    private sealed class RawBox
    {
        public byte First;
    }

    // A struct copied unchanged is copied byte for byte (references included, which compare as identities).
    private static ReadOnlySpan<byte> Bytes<T>(ref T value) => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref value), Unsafe.SizeOf<T>());

    private static class Plain<T>
    {
        public static readonly bool Is = IsPlain(typeof(T));
    }

    // The framework's value types whose comparison runs only the framework's code: generic ones only over such types or strings.
    private static bool IsPlain(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string)) return true;
        if (!type.IsValueType || type.Assembly != typeof(object).Assembly) return false;
        return !type.IsGenericType || type.GetGenericArguments().All(IsPlain);
    }
}
