using System.Net;
using System.Text;
using System.Text.Json;
using Com.Grains.Interfaces.Customers;
using Com.Tests.Infrastructure;

namespace Com.Tests.Provisioning;

/// <summary>The ordering system's API: token first, every field checked, nothing created on bad input.</summary>
[Trait("Category", "Process")]
public sealed class ProvisioningApiTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private static object Customer(string name, string? customerId = null, string? email = "it@example.com") => new
    {
        name,
        customerId,
        servicePassword = "Pbx-Secret-6",
        reseller = "Reseller One",
        distributor = "Distributor One",
        technicalContact = new { name = "Ana Tech", email },
    };

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    [Fact]
    public async Task Create_WithAValidRequest_GivesADnsLabelIdAndAwaitsTheFirstConnection()
    {
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("Bakery Dupont"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("customerId").GetString()!;
        CustomerIds.IsValid(id).ShouldBeTrue($"'{id}' must be lowercase letters and digits");
        created.GetProperty("connectivity").GetString().ShouldBe("AwaitingInitialConnection");
        response.Headers.Location!.ToString().ShouldBe($"/com/api/customers/{id}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Create_WithoutTheRightToken_IsUnauthorisedAndCreatesNothing(string? token)
    {
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("Sneaky Customer", "sneaky1"), token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorOf(response)).ShouldBe("invalid-token");
        (await com.ApiAsync(HttpMethod.Get, "/com/api/customers/sneaky1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_ASecondCustomerWithTheSameName_IsAConflict()
    {
        (await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("Garage Martin"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var again = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("garage martin "));

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorOf(again)).ShouldBe("name-taken", "names are unique whatever their case and spacing");
    }

    [Fact]
    public async Task Create_WithAnIdAlreadyTaken_IsAConflictAndFreesTheName()
    {
        (await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("Hotel Alpha", "hotel1"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var clash = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("Hotel Beta", "hotel1"));

        clash.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorOf(clash)).ShouldBe("customer-id-taken");
        (await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer("Hotel Beta"))).StatusCode
            .ShouldBe(HttpStatusCode.Created, "the refused request must not keep the name reserved");
    }

    [Theory]
    [InlineData("", null, "it@example.com", "invalid-name")]
    [InlineData("Shop", "Has-Capitals", "it@example.com", "invalid-customer-id")]
    [InlineData("Shop", "under_score", "it@example.com", "invalid-customer-id")]
    [InlineData("Shop", null, "not-an-address", "invalid-contact")]
    [InlineData("Line\nbreak", null, "it@example.com", "invalid-name")]
    public async Task Create_WithABadField_SaysWhichAndCreatesNothing(string name, string? id, string email, string error)
    {
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", Customer(name, id, email));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorOf(response)).ShouldBe(error);
    }

    [Theory]
    [InlineData(6, "Ok", "invalid-tags")]
    [InlineData(2, "Ok", "invalid-tags")]
    [InlineData(1, "Bell\u0007", "invalid-notes")]
    public async Task Create_WithTooManyOrRepeatedTags_OrControlCharactersInNotes_IsRefused(int tags, string notes, string error)
    {
        // Two tags are the same one in another case; six are one too many.
        var names = tags == 2 ? new[] { "VIP", "vip" } : Enumerable.Range(1, tags).Select(i => $"T{i}").ToArray();
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", new { name = $"Tags {tags} {error}", servicePassword = "Pbx-Secret-6", tags = names, notes });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorOf(response)).ShouldBe(error);
    }

    [Fact]
    public async Task Create_WithTagsAndNotes_KeepsThem()
    {
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers",
            new { name = "Tagged Bakery", servicePassword = "Pbx-Secret-6", tags = TwoTags, notes = "<b>Back door</b>" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Bakery", "VIP"], "tags are trimmed");
    }

    private static readonly string[] TwoTags = [" Bakery", "VIP "];

    [Fact]
    public async Task Create_WithMalformedJson_IsABadRequestWithAnExplanation()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/com/api/customers") { Content = new StringContent("{ not json", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", ComDeployment.Token);

        using var response = await com.Silo.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorOf(response)).ShouldBe("invalid-body");
    }

    [Fact]
    public async Task Create_WithAnOversizedBody_IsRefusedUnread()
    {
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", new { name = new string('x', 40_000) });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }
}
