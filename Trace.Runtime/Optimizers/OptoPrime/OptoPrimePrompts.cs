namespace Opto.Optimizers;

/// <summary>The fixed texts of OptoPrime's prompt: how a problem is represented and the answer format.</summary>
internal static class OptoPrimePrompts
{
    public const string Representation = """
        You improve a program by changing its variables. The problem's sections:
        #Code: the calls in order, `result = Method(parameter=argument, ...)`; `// reads X`: variables a method reads that are not its arguments.
        #Documentation: what each method does (may be incomplete; #Others shows what calls returned).
        #Variables: the values you may change; #Constraints: their meaning and rules.
        #Inputs: values you cannot change; #Others: intermediate values; #Outputs: the results #Feedback is about.
        Values read `(C# type) name=value`, the value in JSON; a (code) value is a C# method in a ```csharp block.
        """;

    public const string OutputFormat = """
        Answer in JSON:
        {"reasoning": "...", "answer": null, "suggestion": {"<variable>": <new value>}}
        reasoning: what #Instruction asks, how #Feedback relates to #Variables through #Code and the other values, and what your changes will do.
        answer: the answer if #Instruction asks a question, else null.
        suggestion: new values for #Variables only, by exact name, as JSON of the variable's type. For (code): the whole method (doc comment, signature, body) as one JSON string, valid C#, same name and signature.
        If nothing should change, output TERMINATE.
        """;

    public const string ExampleIntroduction = "Here is an example of problem instance and response:";

    public const string ProblemIntroduction = "Now you see problem instance:";

    public const string MemoryIntroduction = "Below are some variables and the feedback they received in the past, oldest first.";

    public const string RejectionsIntroduction =
        "Your previous answer was not applied, so the variables above are unchanged. Fix these problems in this answer:";

    public const string FinalPrompt = "Your response:";

    public const string Separator = "================================";

    public static readonly OptoPrimeExample BuiltInExample = new(
        """
        #Instruction
        Change the values in #Variables to improve #Outputs according to #Feedback.

        #Code
        y0 = Scale(x=x0)  // reads Calculator.Factor
        z0 = Add(a=y0, b=b0)

        #Documentation
        [Scale] Multiplies the input by the calculator's factor.
        [Add] Adds two numbers.

        #Variables
        (int) Calculator.Factor=2

        #Constraints
        Calculator.Factor: A whole number between 1 and 10.

        #Inputs
        (int) x0=3
        (int) b0=4

        #Others
        (int) y0=6

        #Outputs
        (int) z0=10

        #Feedback
        The output should be 16.
        """,
        """
        {
          "reasoning": "z0 = Scale(x0) + b0 = Factor * 3 + 4. The feedback asks for 16, so Factor * 3 must be 12 and Factor must be 4, which is within the constraint.",
          "answer": null,
          "suggestion": {
            "Calculator.Factor": 4
          }
        }
        """);
}
