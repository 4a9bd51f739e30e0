using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class PersistenceTests
{
    private string _file = "";

    [SetUp]
    public void CreateFileName() => _file = Path.Combine(Path.GetTempPath(), $"opto-{Guid.NewGuid():N}.json");

    [TearDown]
    public void DeleteFile() => File.Delete(_file);

    [Test]
    public void Enums_are_saved_by_name_as_prompts_show_them_and_files_with_numbers_still_load()
    {
        var agent = new ShopAgent { Tone = Tone.Formal };

        ParameterStore.Save(agent.TrainableParameters(), _file);
        var saved = File.ReadAllText(_file);
        File.WriteAllText(_file, saved.Replace("\"Formal\"", ((int)Tone.Formal).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var loaded = new ShopAgent();
        ParameterStore.Load(loaded.TrainableParameters(), _file);

        Assert.That(saved, Does.Contain("\"Formal\"").And.Not.Contain("\"value\": " + (int)Tone.Formal + ","));
        Assert.That(loaded.Tone, Is.EqualTo(Tone.Formal));
    }

    [Test]
    public void Values_round_trip_through_a_file()
    {
        var saved = new Agent { SystemPrompt = "Saved prompt, with \"quotes\" and ünïcode." };
        saved.TrainableParameters().Single(p => p.Name == "Agent._maxWords").SetValue(9);
        var examples = new Parameter<Dictionary<string, int[]>>(new() { ["a"] = [1, 2] }, "examples");
        ParameterStore.Save([.. saved.TrainableParameters(), examples], _file);

        var loaded = new Agent();
        var loadedExamples = new Parameter<Dictionary<string, int[]>>([], "examples");
        ParameterStore.Load([.. loaded.TrainableParameters(), loadedExamples], _file);

        Assert.That(loaded.SystemPrompt, Is.EqualTo(saved.SystemPrompt));
        Assert.That(loaded.MaxWords, Is.EqualTo(9));
        Assert.That(loadedExamples.Value["a"], Is.EqualTo(new[] { 1, 2 }));
        Assert.That(File.Exists(_file + ".tmp"), Is.False);
    }

    [Test]
    public void Saved_text_is_written_as_it_is_and_stays_valid_JSON()
    {
        const string text = "If a < b && c > d, it's \"fine\": café, Straße, 日本語, emoji 😀👍, tab\tand back\\slash \\uD83D.";
        var prompt = new Parameter<string>(text, "prompt");
        var list = new Parameter<List<string>>(["<b>", "Ünïcödé", "🎉"], "list");
        ParameterStore.Save([prompt, list], _file);

        var json = File.ReadAllText(_file);
        Assert.That(json, Does.Contain("If a < b && c > d, it's \\\"fine\\\": café, Straße, 日本語, emoji 😀👍, tab\\tand back\\\\slash \\\\uD83D."));
        Assert.That(json, Does.Contain("\"<b>\"").And.Contain("\"Ünïcödé\"").And.Contain("\"🎉\""));
        Assert.That(json, Does.Not.Contain("\\u003C").And.Not.Contain("\\u0026").And.Not.Contain("\\u0027").And.Not.Contain("\\uD83D\\u"));
        Assert.DoesNotThrow(() => System.Text.Json.JsonDocument.Parse(json).Dispose());

        var loadedPrompt = new Parameter<string>("", "prompt");
        var loadedList = new Parameter<List<string>>([], "list");
        ParameterStore.Load([loadedPrompt, loadedList], _file);
        Assert.That(loadedPrompt.Value, Is.EqualTo(text));
        Assert.That(loadedList.Value, Is.EqualTo(new[] { "<b>", "Ünïcödé", "🎉" }));
    }

    [Test]
    public void A_file_with_other_names_or_types_is_refused_and_nothing_changes()
    {
        var prompt = new Parameter<string>("one", "prompt");
        var count = new Parameter<int>(1, "count");
        ParameterStore.Save([prompt, count], _file);

        var otherPrompt = new Parameter<string>("unchanged", "prompt");
        var countAsText = new Parameter<string>("unchanged", "count");
        var missing = new Parameter<bool>(true, "missing");
        var error = Assert.Throws<ParameterLoadException>(() => ParameterStore.Load([otherPrompt, countAsText, missing], _file))!;

        Assert.That(error.Message, Does.Contain("'count' was saved as int but is now string"));
        Assert.That(error.Message, Does.Contain("'missing' is not in the file"));
        Assert.That(error.Message, Does.Contain("nothing was changed"));
        Assert.That(otherPrompt.Value, Is.EqualTo("unchanged"), "a matching parameter is not applied when another one fails");
        Assert.That(countAsText.Value, Is.EqualTo("unchanged"));

        var extra = Assert.Throws<ParameterLoadException>(() => ParameterStore.Load([otherPrompt], _file))!;
        Assert.That(extra.Message, Does.Contain("'count' is in the file but is not one of the parameters being loaded"));
        Assert.That(otherPrompt.Value, Is.EqualTo("unchanged"));
    }

    [Test]
    public void A_corrupt_or_foreign_file_is_refused_with_a_clear_error()
    {
        var prompt = new Parameter<string>("kept", "prompt");

        File.WriteAllText(_file, "{ \"format\": \"opto-parameters\", \"version\": 1, \"parameters\": { \"prompt\": ");
        Assert.That(Assert.Throws<ParameterLoadException>(() => ParameterStore.Load([prompt], _file))!.Message, Does.Contain("not valid JSON"));

        File.WriteAllText(_file, "{ \"something\": \"else\" }");
        Assert.That(Assert.Throws<ParameterLoadException>(() => ParameterStore.Load([prompt], _file))!.Message, Does.Contain("not a parameter file"));

        File.WriteAllText(_file, "{ \"format\": \"opto-parameters\", \"version\": 1, \"parameters\": { \"prompt\": { \"type\": \"string\", \"value\": 42 } } }");
        Assert.That(Assert.Throws<ParameterLoadException>(() => ParameterStore.Load([prompt], _file))!.Message, Does.Contain("not a valid string"));
        Assert.That(prompt.Value, Is.EqualTo("kept"));
    }

    [Test]
    public void Two_parameters_with_one_name_cannot_be_saved()
    {
        var error = Assert.Throws<ArgumentException>(() => ParameterStore.Save(new Agent().TrainableParameters().Concat(new Agent().TrainableParameters()), _file))!;

        Assert.That(error.Message, Does.Contain("Two parameters are named"));
        Assert.That(File.Exists(_file), Is.False);
    }

    [Test]
    public void Saving_again_replaces_the_checkpoint_whole()
    {
        var prompt = new Parameter<string>("first", "prompt");
        ParameterStore.Save([prompt], _file);
        prompt.Value = "second";
        ParameterStore.Save([prompt], _file);
        prompt.Value = "third";

        ParameterStore.Load([prompt], _file);

        Assert.That(prompt.Value, Is.EqualTo("second"));
    }
}
