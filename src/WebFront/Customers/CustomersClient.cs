using Com.Grains.Interfaces.Accounts;
using Com.WebFront.Accounts;
using Com.Grains.Interfaces.Customers;

namespace Com.WebFront.Customers;

/// <summary>
/// The customer pages' door to the customer grains, acting as the signed-in user; refusals and failovers come back as
/// resource keys (<see cref="ClusterCalls"/>).
/// </summary>
public sealed class CustomersClient(IGrainFactory grains, CurrentUser user, ClusterCalls calls)
{
    /// <summary>Bulk changes run this many grain calls at once: enough to be quick, few enough not to flood a silo.</summary>
    private const int Parallelism = 16;

    public async Task<CustomerDetails?> DetailsAsync(string id) =>
        CustomerIds.IsValid(id) ? await calls.ReadAsync<CustomerDetails?>(async actor => await Customer(id).GetDetailsAsync(actor), null) : null;

    /// <summary>Creates the customer; returns the refusal's resource key, or null when created.</summary>
    public Task<string?> CreateAsync(NewCustomer customer) =>
        calls.AttemptAsync(actor => Customer(customer.Record.Id).CreateAsync(actor, customer));

    /// <summary>Saves an edit of customer <paramref name="id"/>; returns the refusal's resource key, or null when saved.</summary>
    public Task<string?> UpdateAsync(string id, CustomerEdit edit) => calls.AttemptAsync(actor => Customer(id).UpdateAsync(actor, edit));

    public async Task<(ConnectionTest? Result, string? Problem)> TestConnectionAsync(string id, string serviceUser, string? password)
    {
        ConnectionTest? result = null;
        var problem = CustomerIds.IsValid(id)
            ? await calls.AttemptAsync(async actor => result = await Customer(id).TestConnectionAsync(actor, serviceUser, password))
            : "CustomerIdInvalid";
        return (result, problem);
    }

    /// <summary>Deletes the customers; returns how many were deleted and how many refused.</summary>
    public Task<BulkOutcome> DeleteAsync(IReadOnlyCollection<string> ids) => ForEachAsync(ids, (actor, id) => Customer(id).DeleteAsync(actor));

    /// <summary>Sends each customer's subscription e-mail to its technical contact (SPEC CUST-7).</summary>
    public Task<BulkOutcome> ResendSubscriptionMailAsync(IReadOnlyCollection<string> ids) =>
        ForEachAsync(ids, (actor, id) => Customer(id).ResendSubscriptionMailAsync(actor));

    /// <summary>Accounts the signed-in user may assign to customers by hand (SPEC ROLE-3, USER-3).</summary>
    public async Task<IReadOnlyList<string>> AssignableAsync()
    {
        if (await user.ActorAsync() is not { } actor)
            return [];
        if (actor.Role == Role.Operator)
            return [actor.Login];
        if (!Permissions.Allows(actor.Role, Capability.ManageAllAccounts) && !Permissions.Allows(actor.Role, Capability.ManageOwnOperators))
            return [];
        var accounts = await grains.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key).ListForAsync(actor);
        return [.. accounts.Where(a => Permissions.HasLabels(a.Details.Role)).Select(a => a.Login)];
    }

    internal async Task<BulkOutcome> ForEachAsync(IReadOnlyCollection<string> ids, Func<Actor, string, Task> change)
    {
        if (await user.ActorAsync() is not { } actor)
            return new BulkOutcome(0, ids.Count, "NotAllowed");
        var (done, refused) = (0, 0);
        string? reason = null;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) =>
        {
            try
            {
                await change(actor, id);
                Interlocked.Increment(ref done);
            }
            catch (Exception e) when (calls.ReasonOf(e) is { } why)
            {
                Interlocked.Increment(ref refused);
                reason = why;
            }
        });
        return new BulkOutcome(done, refused, reason);
    }

    private ICustomerAdministrationGrain Customer(string id) => grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id));
}

/// <summary>What a change on many customers did: how many were changed, how many refused, and one refusal's resource key.</summary>
public sealed record BulkOutcome(int Done, int Refused, string? Reason);
