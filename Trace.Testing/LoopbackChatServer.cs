using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Opto.Testing;

/// <summary>An HTTP request the loopback server received.</summary>
internal sealed record LoopbackRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the loopback server answers, after an optional delay.</summary>
internal sealed record LoopbackResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>
/// A small HTTP server on 127.0.0.1 that hands every request to a function. It lets the offline demo model (and
/// tests) serve the OpenAI chat-completions protocol, so the real SDK clients run end to end without a network.
/// </summary>
internal sealed class LoopbackChatServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _inFlight = new();
    private int _disposed;

    private LoopbackChatServer(HttpListener listener, Uri address, Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>> respond)
    {
        _listener = listener;
        _respond = respond;
        BaseAddress = address;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's address, such as <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri BaseAddress { get; }

    public static LoopbackChatServer Start(Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>> respond)
    {
        // HttpListener cannot bind port 0; take a free port from the OS and retry if another process wins the race.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(address.ToString());
            try
            {
                listener.Start();
                return new LoopbackChatServer(listener, address, respond);
            }
            catch (HttpListenerException)
            {
                listener.Close();
                if (attempt >= 10) throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
            // Requests being answered see the cancellation and end; wait for them so nothing outlives the server.
            await Task.WhenAll(_inFlight.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or HttpListenerException or OperationCanceledException or TimeoutException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            var serving = Task.Run(() => ServeAsync(context));
            _inFlight.TryAdd(serving, 0);
            _ = serving.ContinueWith(done => _inFlight.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(_stopping.Token).ConfigureAwait(false);
            }

            var headers = request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var received = new LoopbackRequest(request.HttpMethod, request.Url?.AbsolutePath ?? "/", request.Url?.Query ?? "", headers, body);

            var response = await _respond(received, _stopping.Token).ConfigureAwait(false);
            if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay, _stopping.Token).ConfigureAwait(false);

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away (a timeout on its side) or the server is stopping: nothing to answer.
            context.Response.Abort();
        }
        catch (Exception e)
        {
            // A handler bug must reach the client as an error, not hang it.
            TryAnswer(context, 500, ChatCompletionsProtocol.Error($"The loopback server failed: {e.Message}", "server_error"));
        }
    }

    private static void TryAnswer(HttpListenerContext context, int status, string body)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            context.Response.Abort();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
