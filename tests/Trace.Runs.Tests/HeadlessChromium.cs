using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trace.Runs.Tests;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol: opens a page, collects what its console and
/// network saw, and takes a screenshot. <c>.ci/run</c> installs the package.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _browser;
    private readonly ClientWebSocket _socket = new();
    private readonly string _profile;
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly List<JsonObject> _events = [];
    private readonly Lock _lock = new();
    private Task? _reader;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process browser, string profile) => (_browser, _profile) = (browser, profile);

    public static string? Find() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(name => Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(path => path is not null);

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Path.Combine(Path.GetTempPath(), "opto-chromium-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
            "--remote-debugging-port=0", $"--user-data-dir={profile}", "--window-size=1280,1600", "about:blank" })
        {
            info.ArgumentList.Add(argument);
        }

        var browser = Process.Start(info) ?? throw new InvalidOperationException("Chromium did not start.");
        var chromium = new HeadlessChromium(browser, profile);
        string? endpoint = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (endpoint is null && await browser.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (DevToolsLine().Match(line) is { Success: true } match) endpoint = match.Groups[1].Value;
        }

        _ = browser.StandardError.ReadToEndAsync(); // keep the pipe drained
        if (endpoint is null) throw new InvalidOperationException("Chromium did not say where its DevTools listen.");
        await chromium._socket.ConnectAsync(new Uri(endpoint), timeout.Token);
        chromium._reader = chromium.ReadAsync();
        var target = await chromium.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attached = await chromium.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, browserLevel: true);
        chromium._session = attached["sessionId"]!.GetValue<string>();
        foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" }) await chromium.SendAsync(domain + ".enable", []);
        return chromium;
    }

    /// <summary>Opens the page, waits for it to load and settle, and returns what happened and a PNG of the whole page.</summary>
    public async Task<(IReadOnlyList<string> ConsoleErrors, IReadOnlyList<string> Requests, byte[] Screenshot)> OpenAsync(string file)
    {
        var url = new Uri(file).AbsoluteUri;
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        var loaded = Stopwatch.StartNew();
        while (!Seen("Page.loadEventFired") && loaded.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        if (!Seen("Page.loadEventFired")) throw new TimeoutException("The page did not finish loading.");
        await Task.Delay(300);
        var metrics = await SendAsync("Page.getLayoutMetrics", []);
        var size = metrics["cssContentSize"]!;
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = size["width"]!.GetValue<double>(), ["height"] = Math.Min(6000, size["height"]!.GetValue<double>()), ["scale"] = 1 },
        });
        lock (_lock)
        {
            var errors = _events.Where(e => e["method"]?.GetValue<string>() switch
                {
                    "Runtime.exceptionThrown" => true,
                    "Runtime.consoleAPICalled" => e["params"]!["type"]!.GetValue<string>() is "error" or "assert",
                    "Log.entryAdded" => e["params"]!["entry"]!["level"]!.GetValue<string>() == "error",
                    _ => false,
                })
                .Select(e => e["params"]!.ToJsonString()).ToList();
            var requests = _events.Where(e => e["method"]?.GetValue<string>() == "Network.requestWillBeSent")
                .Select(e => e["params"]!["request"]!["url"]!.GetValue<string>()).ToList();
            return (errors, requests, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Abort();
            if (!_browser.HasExited) _browser.Kill(entireProcessTree: true);
            await _browser.WaitForExitAsync();
        }
        finally
        {
            _browser.Dispose();
            _socket.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private bool Seen(string method)
    {
        lock (_lock) return _events.Any(e => e["method"]?.GetValue<string>() == method);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, bool browserLevel = false)
    {
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_lock)
        {
            id = ++_nextId;
            _pending[id] = done;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (!browserLevel) message["sessionId"] = _session;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"]?.AsObject() ?? [];
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        var text = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            text.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;
            var message = JsonNode.Parse(text.ToArray())!.AsObject();
            text.SetLength(0);
            lock (_lock)
            {
                if (message["id"] is { } id && _pending.Remove(id.GetValue<int>(), out var waiting)) waiting.SetResult(message);
                else _events.Add(message);
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
