using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class TrainableTests
{
    [Test]
    public void TrainableParameters_lists_fields_properties_and_statics_with_their_attributes()
    {
        var agent = new Agent();

        var parameters = agent.TrainableParameters();

        Assert.That(parameters.Select(p => (p.Name, p.ValueType)), Is.EquivalentTo(new[]
        {
            ("Agent.SystemPrompt", typeof(string)), ("Agent._maxWords", typeof(int)), ("Agent.Temperature", typeof(double)),
        }));
        var prompt = parameters.Single(p => p.Name == "Agent.SystemPrompt");
        Assert.That(prompt.Description, Is.EqualTo("The system prompt."));
        Assert.That(prompt.Constraint, Is.EqualTo("At most one sentence."));
        Assert.That(prompt.IsTrainable, Is.True);
        Assert.That(agent.TrainableParameters(), Is.EqualTo(parameters), "one node per member per object");
    }

    [Test]
    public void Parameters_read_and_write_the_members_including_private_ones()
    {
        var agent = new Agent();
        var parameters = agent.TrainableParameters();

        parameters.Single(p => p.Name == "Agent.SystemPrompt").SetValue("Be brief.");
        parameters.Single(p => p.Name == "Agent._maxWords").SetValue(2);

        Assert.That(agent.SystemPrompt, Is.EqualTo("Be brief."));
        Assert.That(agent.MaxWords, Is.EqualTo(2));
        agent.SystemPrompt = "Changed in code.";
        Assert.That(parameters.Single(p => p.Name == "Agent.SystemPrompt").Value, Is.EqualTo("Changed in code."));
    }

    [Test]
    public void A_value_of_the_wrong_type_is_refused_and_changes_nothing()
    {
        var agent = new Agent();
        var words = agent.TrainableParameters().Single(p => p.Name == "Agent._maxWords");

        var error = Assert.Throws<ArgumentException>(() => words.SetValue("five"))!;

        Assert.That(error.Message, Does.Contain("holds int").And.Contain("type string"));
        Assert.That(Assert.Throws<ArgumentException>(() => words.SetValue(null))!.Message, Does.Contain("cannot take null"));
        Assert.That(agent.MaxWords, Is.EqualTo(5));
    }

    [Test]
    public void A_derived_object_has_its_own_and_its_base_types_parameters()
    {
        var loud = new LoudAgent();

        Assert.That(loud.TrainableParameters().Select(p => p.Name), Is.EqualTo(new[] { "Agent.SystemPrompt", "Agent.Temperature", "Agent._maxWords", "LoudAgent.Suffix" }));
    }

    [Test]
    public void Explicit_parameters_work_like_member_parameters()
    {
        var parameter = new Parameter<List<string>>(["a"], "examples", "Few-shot examples.");

        parameter.SetValue(new List<string> { "b", "c" });

        Assert.That(parameter.Value, Is.EqualTo(new[] { "b", "c" }));
        Assert.That(parameter.ValueType, Is.EqualTo(typeof(List<string>)));
        Assert.That(TypeNames.Display(parameter.ValueType), Is.EqualTo("List<string>"));
    }
}
