using Microsoft.Extensions.AI;
using Opto.Providers;
using Opto.Testing;

/// <summary>
/// The model a sample runs against: Azure OpenAI or OpenAI when the environment configures one, else the built-in
/// offline demo model. It says which on the console.
/// </summary>
internal static class SampleModel
{
    public static IChatClient Choose(OfflineChatModel offline)
    {
        if (ChatClientFactory.FromEnvironment() is { } configured)
        {
            Console.WriteLine($"Model: {configured.Settings}");
            return configured.Client;
        }

        Console.WriteLine($"Model: {OfflineChatModel.Disclosure}, at {offline.Endpoint}.");
        Console.WriteLine("       No AZURE_OPENAI_* or OPENAI_* variables are set; set them to run this sample against a real model.");
        return offline.CreateClient();
    }
}
