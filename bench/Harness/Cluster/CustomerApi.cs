using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Com.Harness.Cluster;

/// <summary>The customer list API as the benchmark reads it: counts by light, whole listings, and timed queries.</summary>
public sealed class CustomerApi(HttpClient client) : IDisposable
{
    public sealed record Row(string CustomerId, string Name, string? SystemName, string Connectivity, string Light, string? Version, int Servers, int OngoingAlarms);

    private sealed record Page(int Total, Row[] Customers);

    public Task<int?> CountAsync(string light) => TotalAsync($"light={light}");

    /// <summary>How many customers the list's search finds for <paramref name="text"/>.</summary>
    public Task<int?> SearchCountAsync(string text) => TotalAsync($"search={Uri.EscapeDataString(text)}");

    private async Task<int?> TotalAsync(string query)
    {
        try
        {
            var page = await client.GetFromJsonAsync<Page>($"/com/api/customers?{query}&size=0", JsonSerializerOptions.Web);
            return page?.Total;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Every customer, read page by page.</summary>
    public async Task<List<Row>> AllAsync()
    {
        var rows = new List<Row>();
        for (var page = 0; ; page++)
        {
            var answer = await client.GetFromJsonAsync<Page>($"/com/api/customers?sort=id&page={page}&size=500", JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException("empty answer");
            rows.AddRange(answer.Customers);
            if (rows.Count >= answer.Total || answer.Customers.Length == 0)
                return rows;
        }
    }

    /// <summary>Runs one list query and returns how long the answer took, end to end.</summary>
    public async Task<TimeSpan> TimeQueryAsync(string query)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri("/com/api/customers" + query, UriKind.Relative));
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return watch.Elapsed;
    }

    /// <summary>Polls until <paramref name="count"/> customers are green; the time since <paramref name="since"/>, or null on timeout.</summary>
    public async Task<double?> WaitGreenAsync(int count, DateTime since, TimeSpan timeout)
    {
        while (DateTime.UtcNow - since < timeout)
        {
            if (await CountAsync("green") >= count)
                return (DateTime.UtcNow - since).TotalSeconds;
            await Task.Delay(200);
        }
        return null;
    }

    public void Dispose() => client.Dispose();
}
