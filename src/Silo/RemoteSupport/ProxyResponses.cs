using System.IO.Pipelines;
using System.Text;

namespace Com.Silo.RemoteSupport;

/// <summary>The proxy's answers: a status line, the headers a client needs, and the reason as plain text.</summary>
public static class ProxyResponses
{
    private static readonly Dictionary<int, string> Phrases = new()
    {
        [400] = "Bad Request",
        [403] = "Forbidden",
        [404] = "Not Found",
        [405] = "Method Not Allowed",
        [407] = "Proxy Authentication Required",
        [408] = "Request Timeout",
        [429] = "Too Many Requests",
        [431] = "Request Header Fields Too Large",
        [502] = "Bad Gateway",
        [503] = "Service Unavailable",
        [504] = "Gateway Timeout",
    };

    public const string Realm = "COM maintenance proxy";

    public static async Task RefuseAsync(PipeWriter output, int status, string reason)
    {
        var body = Encoding.UTF8.GetBytes(reason + "\n");
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(Phrases.GetValueOrDefault(status, "Error")).Append("\r\n")
            .Append(status == 407 ? $"Proxy-Authenticate: Basic realm=\"{Realm}\", charset=\"UTF-8\"\r\n" : "")
            .Append(status == 405 ? "Allow: CONNECT\r\n" : "")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Connection: close\r\n\r\n")
            .ToString();
        try
        {
            await output.WriteAsync(Encoding.ASCII.GetBytes(head));
            await output.WriteAsync(body);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The client left before hearing why; the refusal is logged anyway.
        }
    }

    /// <summary>An answer with no body, written as given; a client already gone is no error.</summary>
    public static async Task AnswerAsync(PipeWriter output, string head)
    {
        try
        {
            await output.WriteAsync(Encoding.ASCII.GetBytes(head));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The system left; its pending tunnel has its outcome already.
        }
    }

    public static async Task EstablishedAsync(PipeWriter output) =>
        await output.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray());
}
