using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>The opening of a link: a hello, answered by welcome or refused.</summary>
internal static class HelloExchange
{
    public static async Task<WelcomeMessage> RunAsync(DeviceClient client, HelloMessage hello, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        await client.SendAsync(hello, ProtocolJson.Default.HelloMessage, CancellationToken.None);
        while (true)
        {
            var (type, json) = await client.ReceiveAsync(Remaining(deadline, timeout));
            switch (type)
            {
                case MessageTypes.Welcome:
                    return Parse(json, ProtocolJson.Default.WelcomeMessage);
                case MessageTypes.Refused:
                    var refused = Parse(json, ProtocolJson.Default.RefusedMessage);
                    throw new LinkRefusedException(refused.Reason, refused.Message);
                case MessageTypes.Error:
                    var error = Parse(json, ProtocolJson.Default.ErrorMessage);
                    throw new InvalidDataException($"COM answered the hello with error {error.Code}: {error.Message}");
            }
        }
    }

    private static TimeSpan Remaining(DateTimeOffset deadline, TimeSpan timeout)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        return left > TimeSpan.Zero ? left : throw new TimeoutException($"No answer to the hello within {timeout.TotalSeconds:0.#} s.");
    }

    private static T Parse<T>(string json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"COM sent an empty {typeof(T).Name}.");
}
