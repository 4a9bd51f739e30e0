"""Writes a synthetic project with N methods that use [Traced]/[Trainable], for timing the analyzers with ReportAnalyzer."""
import os
import sys

out = sys.argv[1]
methods = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
per_class = 50
classes = methods // per_class
os.makedirs(out, exist_ok=True)

with open(os.path.join(out, "Synthetic.csproj"), "w") as f:
    f.write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <!-- Its [Trainable] methods' code is a parameter: the code package is referenced, as OPTO018 asks. -->
    <OptoTraceCode>true</OptoTraceCode>
  </PropertyGroup>
  <Import Project="{repo}/Trace.Runtime/Opto.Trace.FromSource.props" />
</Project>
""")

for c in range(classes):
    lines = ["using Opto;", "", "namespace Synthetic;", "", f"public class Agent{c}", "{"]
    for p in range(5):
        lines += [f'    [Trainable("Prompt {p}.")]', f'    public string Prompt{p} {{ get; set; }} = "p{p}";', ""]
    for m in range(per_class - 5):
        lines += [
            f"    /// <summary>Step {m} of agent {c}.</summary>",
            "    [Traced]",
            f"    public string Step{m}(string input) => Prompt{m % 5} + input.Length;",
            "",
        ]
    for m in range(5):
        lines += [
            f"    /// <summary>Decides {m}.</summary>",
            "    [Trainable]",
            f"    public bool Decide{m}(string reply) => reply.Contains(\"{m}\");",
            "",
        ]
    lines += ["    public string Run(string input)", "    {", "        var x = input;"]
    for m in range(per_class - 5):
        lines.append(f"        x = Step{m}(x);")
    lines += ["        return Decide0(x) ? x : Step0(x);", "    }", "}"]
    with open(os.path.join(out, f"Agent{c}.cs"), "w") as f:
        f.write("\n".join(lines) + "\n")

with open(os.path.join(out, "Program.cs"), "w") as f:
    f.write("Console.WriteLine(new Synthetic.Agent0().Run(\"hi\"));\n")

print(f"{classes} classes, {classes * per_class} methods ({classes * (per_class - 5)} traced, {classes * 5} trainable), {classes * 5} trainable properties, {classes * (per_class - 4)} traced call sites in {out}")
