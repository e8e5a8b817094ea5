using System.Net.WebSockets;
using System.Text.Json;
using Com.DeviceProtocol;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Devices;

[Trait("Category", "Process")]
public sealed class HelloFloodTests
{
    [Fact]
    public async Task FloodOfLinkAttempts_FromOneAddress_IsRefusedAndTheSiloStaysHealthy()
    {
        await using var com = new ComDeployment();
        com.Settings["Com__Devices__AttemptsPerAddressPerMinute"] = "5";
        await com.InitializeAsync();
        var id = await com.ProvisionAsync("Flooded customer", "Pbx-Secret-5");
        var refusals = new List<string>();

        for (var attempt = 0; attempt < 8; attempt++)
        {
            await using var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
            try
            {
                await device.HelloAsync(Hellos.Healthy(id, "Wrong-Guess-1"), TimeSpan.FromSeconds(10));
            }
            catch (LinkRefusedException refused)
            {
                refusals.Add(refused.Reason);
            }
            catch (WebSocketException)
            {
                // Refused before the hello could even be sent: the refusal waits in the inbox.
                var (_, json) = await device.ReceiveAsync(TimeSpan.FromSeconds(5));
                refusals.Add(JsonSerializer.Deserialize(json, ProtocolJson.Default.RefusedMessage)!.Reason);
            }
        }

        refusals.Count(r => r == RefusalReasons.HelloFlood).ShouldBeGreaterThanOrEqualTo(2, string.Join(", ", refusals));
        refusals.Take(5).ShouldAllBe(r => r == RefusalReasons.AuthorisationFailed, "attempts within the limit get their real answer");
        (await com.Silo.Http.GetAsync("/readyz")).IsSuccessStatusCode.ShouldBeTrue();
    }
}
