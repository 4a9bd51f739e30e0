using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Opto;
using Opto.Optimizers;
using Opto.Providers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

public class ProviderTests
{
    [Test]
    public void Azure_OpenAI_settings_come_from_the_environment_and_never_print_the_key()
    {
        var settings = ChatClientSettings.FromEnvironment(Env(new()
        {
            ["AZURE_OPENAI_ENDPOINT"] = "https://shop.openai.azure.com/",
            ["AZURE_OPENAI_API_KEY"] = "secret-azure-key",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4o",
            ["OPENAI_API_KEY"] = "ignored-when-azure-is-set",
        }))!;

        Assert.That(settings.Provider, Is.EqualTo(ChatProvider.AzureOpenAI));
        Assert.That(settings.Endpoint, Is.EqualTo(new Uri("https://shop.openai.azure.com/")));
        Assert.That(settings.Model, Is.EqualTo("gpt-4o"));
        Assert.That(settings.ApiKey, Is.EqualTo("secret-azure-key"));
        Assert.That(settings.ToString(), Is.EqualTo("Azure OpenAI deployment 'gpt-4o' at https://shop.openai.azure.com/"));
    }

    [Test]
    public void OpenAI_settings_come_from_the_environment_with_a_default_model_and_an_optional_base_address()
    {
        var openAI = ChatClientSettings.FromEnvironment(Env(new() { ["OPENAI_API_KEY"] = "sk-secret" }))!;
        var ollama = ChatClientSettings.FromEnvironment(Env(new() { ["OPENAI_BASE_URL"] = "http://localhost:11434/v1", ["OPENAI_MODEL"] = "llama3.2" }))!;

        Assert.That(openAI.Provider, Is.EqualTo(ChatProvider.OpenAI));
        Assert.That(openAI.Model, Is.EqualTo(ChatClientSettings.DefaultOpenAIModel));
        Assert.That(openAI.ToString(), Does.Not.Contain("sk-secret"));
        Assert.That(ollama.Endpoint, Is.EqualTo(new Uri("http://localhost:11434/v1")));
        Assert.That(ollama.ApiKey, Is.Null);
        Assert.That(ollama.Model, Is.EqualTo("llama3.2"));
    }

    [Test]
    public void No_configured_provider_gives_null()
    {
        Assert.That(ChatClientSettings.FromEnvironment(Env(new())), Is.Null);
    }

    [TestCase("AZURE_OPENAI_API_KEY")]
    [TestCase("AZURE_OPENAI_DEPLOYMENT")]
    public void A_half_configured_Azure_provider_names_the_missing_variable(string missing)
    {
        var variables = new Dictionary<string, string>
        {
            ["AZURE_OPENAI_ENDPOINT"] = "https://shop.openai.azure.com/",
            ["AZURE_OPENAI_API_KEY"] = "k",
            ["AZURE_OPENAI_DEPLOYMENT"] = "d",
        };
        variables.Remove(missing);

        var error = Assert.Throws<InvalidOperationException>(() => ChatClientSettings.FromEnvironment(Env(variables)));

        Assert.That(error!.Message, Does.StartWith(missing + " is not set"));
    }

    [Test]
    public void A_malformed_endpoint_is_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChatClientSettings.FromEnvironment(Env(new() { ["OPENAI_BASE_URL"] = "localhost:11434" })));

        Assert.That(error!.Message, Does.Contain("OPENAI_BASE_URL must be an absolute http(s) address"));
    }

    [Test]
    public async Task The_DI_registration_resolves_a_working_client_with_middleware()
    {
        await using var server = new FakeOpenAIServer().Answer("pong");
        var services = new ServiceCollection();
        var calls = 0;
        services.AddOptoChatClient(new ChatClientSettings { Provider = ChatProvider.OpenAI, Endpoint = new Uri(server.BaseAddress, "v1/"), ApiKey = "k", Model = "m" })
            .Use((messages, options, next, cancellationToken) =>
            {
                calls++;
                return next(messages, options, cancellationToken);
            });
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("ping");

        Assert.That(response.Text, Is.EqualTo("pong"));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task The_offline_model_answers_from_its_script_over_HTTP_and_says_when_it_has_no_answer()
    {
        await using var offline = new OfflineChatModel()
            .InTurn(r => r.Mentions("#Feedback"), "first", "second")
            .When(r => r.User.StartsWith("Hi", StringComparison.Ordinal), r => "Hello, " + r.User[3..]);
        var chat = offline.CreateClient();

        var greeting = await chat.GetResponseAsync("Hi Ana");
        var turns = new[]
        {
            (await chat.GetResponseAsync("#Feedback one")).Text,
            (await chat.GetResponseAsync("#Feedback two")).Text,
            (await chat.GetResponseAsync("#Feedback three")).Text,
        };
        var error = Assert.CatchAsync(() => chat.GetResponseAsync("something unscripted"));

        Assert.That(greeting.Text, Is.EqualTo("Hello, Ana"));
        Assert.That(greeting.ModelId, Is.EqualTo(OfflineChatModel.ModelName));
        Assert.That(greeting.Usage?.InputTokenCount, Is.GreaterThan(0));
        Assert.That(turns, Is.EqualTo(new[] { "first", "second", "second" }));
        Assert.That(error!.Message, Does.Contain("no rule for this request").And.Contain("add a rule"));
        Assert.That(offline.Endpoint.IsLoopback, Is.True);
        Assert.That(offline.RequestsServed, Is.EqualTo(5));
    }

    [Test]
    public async Task OptoPrime_runs_against_the_offline_model()
    {
        await using var offline = new OfflineChatModel()
            .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), """{"reasoning": "shorter", "suggestion": {"ShopAgent.MaxWords": 3}}""");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), offline.CreateClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(3));
        Assert.That(step.Usage.InputTokenCount, Is.GreaterThan(100));
    }

    [Test]
    public async Task The_key_appears_in_no_step_log_exception_or_saved_file()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"reasoning": "r", "suggestion": {"ShopAgent.MaxWords": "x"}}""")
            .Answer("""{"reasoning": "r", "suggestion": {"ShopAgent.MaxWords": 9}}""")
            .Fail(400, "bad request");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.AzureClient(), new OptoPrimeOptions { StructuredOutput = StructuredOutputMode.Always });
        Rollout.Run(agent, optimizer);
        await optimizer.StepAsync();
        await optimizer.StepAsync();
        var failure = Assert.CatchAsync(() => optimizer.StepAsync());
        var file = Path.Combine(Path.GetTempPath(), $"opto-key-{Guid.NewGuid():N}.json");
        try
        {
            Opto.ParameterStore.Save(agent.TrainableParameters(), file);

            var everything = string.Join("\n", optimizer.Log.Select(l => string.Join("\n",
                l.SystemPrompt, l.UserPrompt, l.RawAnswer, l.Reasoning, l, string.Join(",", l.Rejected), string.Join(",", l.Attempts))))
                + failure + File.ReadAllText(file);
            Assert.That(server.Requests.First().Headers["api-key"], Is.EqualTo(FakeOpenAIServer.Key), "the key was sent");
            Assert.That(everything, Does.Not.Contain(FakeOpenAIServer.Key));
            Assert.That(everything, Does.Contain("ShopAgent.MaxWords"), "the text checked is the real log");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Func<string, string?> Env(Dictionary<string, string> variables) => name => variables.GetValueOrDefault(name);
}
