namespace Opto.Optimizers;

/// <summary>The sections of an OptoPrime problem; used to hide some of them from the model.</summary>
[Flags]
public enum ProblemSections
{
    /// <summary>No section.</summary>
    None = 0,

    /// <summary>#Instruction: the objective.</summary>
    Instruction = 1 << 0,

    /// <summary>#Code: one line per traced call, in graph order.</summary>
    Code = 1 << 1,

    /// <summary>#Documentation: the traced methods' XML doc summaries.</summary>
    Documentation = 1 << 2,

    /// <summary>#Variables: the values the model may change.</summary>
    Variables = 1 << 3,

    /// <summary>#Constraints: descriptions and constraints of the variables.</summary>
    Constraints = 1 << 4,

    /// <summary>#Inputs: values that entered from outside and cannot change.</summary>
    Inputs = 1 << 5,

    /// <summary>#Others: intermediate values.</summary>
    Others = 1 << 6,

    /// <summary>#Outputs: the values that received feedback.</summary>
    Outputs = 1 << 7,

    /// <summary>#Feedback: the feedback.</summary>
    Feedback = 1 << 8,
}
