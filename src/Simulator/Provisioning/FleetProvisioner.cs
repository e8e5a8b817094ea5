using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Com.Simulator;

/// <summary>Makes sure every planned customer exists in COM, creating the ones the fleet file does not know.</summary>
internal sealed class FleetProvisioner(FleetFile file, Uri apiBase, string? token, X509Certificate2 trusted)
{
    public const string ServiceUser = "COMAdmin";
    private const string PasswordAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int PasswordLength = 16;
    private const int Parallelism = 8;
    // Saving now and then keeps what a killed run created; saving after every customer would be quadratic.
    private const int SaveEvery = 100;

    public async Task<IReadOnlyDictionary<string, FleetEntry>> EnsureAsync(FleetPlan plan, TextWriter log, CancellationToken ct)
    {
        var entries = file.Load();
        var missing = plan.Customers.Where(c => !entries.ContainsKey(c.Name)).ToList();
        if (missing.Count == 0)
            return entries;
        if (string.IsNullOrEmpty(token))
        {
            throw new SimulatorException(
                $"{missing.Count} customers are not in {file.Path} yet and must be created in COM: pass --token or set COM_PROVISIONING_TOKEN.");
        }
        log.WriteLine($"Creating {missing.Count} customers in COM through {apiBase} ...");
        using var client = new ProvisioningClient(apiBase, token, trusted);
        var created = 0;
        try
        {
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
                async (customer, cancel) =>
                {
                    var entry = await CreateAsync(client, customer, cancel);
                    lock (entries)
                    {
                        entries[entry.Name] = entry;
                        if (++created % SaveEvery == 0)
                            file.Save(entries.Values);
                    }
                });
        }
        finally
        {
            if (created > 0)
                file.Save(entries.Values);
        }
        log.WriteLine($"Created {created} customers; their credentials are in {file.Path}.");
        return entries;
    }

    private async Task<FleetEntry> CreateAsync(ProvisioningClient client, CustomerPlan customer, CancellationToken ct)
    {
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);
        var request = new CreateCustomerRequest(customer.Name, null, ServiceUser, password, customer.Reseller, customer.Distributor,
            new TechnicalContact(customer.Contact.Name, customer.Contact.Email));
        try
        {
            var created = await client.CreateAsync(request, ct);
            return new FleetEntry(customer.Name, created.CustomerId, ServiceUser, password);
        }
        catch (ProvisioningException e) when (e.Status == HttpStatusCode.Conflict)
        {
            throw new SimulatorException(
                $"COM already has a customer named '{customer.Name}', but {file.Path} does not hold its credentials. " +
                "Use another --name-prefix or --fleet-file, or delete that customer in COM.", e);
        }
        catch (ProvisioningException e)
        {
            throw new SimulatorException($"COM refused to create '{customer.Name}': {e.Code}: {e.Message}", e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SimulatorException($"COM's answer to creating '{customer.Name}' is not the JSON the simulator expects: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new SimulatorException($"COM's provisioning API at {apiBase} cannot be reached: {ConnectionErrors.Describe(e)}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SimulatorException($"COM's provisioning API at {apiBase} did not answer in time.", e);
        }
    }
}
