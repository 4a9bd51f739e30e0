namespace Opto.Optimizers;

/// <summary>The fixed texts of OptoPrime's prompt: how a problem is represented and the answer format.</summary>
internal static class OptoPrimePrompts
{
    public const string Representation = """
        You're tasked to solve a coding/algorithm problem. You will see the instruction, the code, the documentation of each method used in the code, and the feedback about the execution result.

        Specifically, a problem will be composed of the following parts:
        - #Instruction: the instruction which describes the things you need to do or the question you should answer.
        - #Code: the code defined in the problem: one line per call, `result = Method(parameter=argument, ...)`. A comment `// reads X` names variables the method reads without taking them as arguments.
        - #Documentation: the documentation of each method used in #Code. The explanation might be incomplete and just contain a high-level description. You can use the values in #Others to help infer how those methods work.
        - #Variables: the input variables that you can change.
        - #Constraints: the constraints or descriptions of the variables in #Variables.
        - #Inputs: the values of other inputs to the code, which are not changeable.
        - #Others: the intermediate values created through the code execution.
        - #Outputs: the result of the code output.
        - #Feedback: the feedback about the code's execution result.

        In #Variables, #Inputs, #Outputs, and #Others, the format is:

        (<C# type>) <variable_name> = <value>

        Values are written as JSON: strings in double quotes, numbers, true/false, arrays and objects.

        If <C# type> is (code), the value is the C# source of a method, shown in a ```csharp block.
        """;

    public const string OutputFormat = """
        Output_format: Your output should be in the following JSON format, satisfying the JSON syntax:

        {
          "reasoning": <Your reasoning>,
          "answer": <The answer to the question, or null>,
          "suggestion": {
            <variable_1>: <suggested_value_1>,
            <variable_2>: <suggested_value_2>
          }
        }

        In "reasoning", explain the problem: 1. what the #Instruction means 2. what the #Feedback on #Outputs means to #Variables considering how #Variables are used in #Code and other values in #Documentation, #Inputs, #Others. 3. Reasoning about the suggested changes in #Variables (if needed) and the expected result.

        If #Instruction asks for an answer, write it down in "answer".

        If you need to suggest a change in the values of #Variables, write down the suggested values in "suggestion", keyed by the exact variable names. Remember you can change only the values in #Variables, not others. Each value must be JSON of the variable's C# type: a JSON string for string, a number for int or double, true or false for bool, an array for a list, an object for a record or dictionary.

        When the type of a variable is (code), suggest the whole new method declaration (doc comment, signature, body) as one JSON string, in C# without syntax errors, and do not change the method's name or signature.

        If no changes or answer are needed, just output TERMINATE.
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
        You need to change the values of the variables in #Variables to improve the output in accordance with #Feedback.

        #Code
        y0 = Scale(x=x0)  // reads Calculator.Factor
        z0 = Add(a=y0, b=b0)

        #Documentation
        [Scale] Multiplies the input by the calculator's factor.
        [Add] Adds two numbers.

        #Variables
        (int) Calculator.Factor = 2

        #Constraints
        Calculator.Factor: A whole number between 1 and 10.

        #Inputs
        (int) x0 = 3
        (int) b0 = 4

        #Others
        (int) y0 = 6

        #Outputs
        (int) z0 = 10

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
