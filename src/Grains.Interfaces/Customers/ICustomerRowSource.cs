namespace Com.Grains.Interfaces.Customers;

/// <summary>A customer as the directory sees it: the owner of its row. Key: <see cref="CustomerIds.GrainKey"/>.</summary>
[Alias("com.ICustomerRowSource")]
public interface ICustomerRowSource : IGrainWithStringKey
{
    /// <summary>Sends this customer's row to the directory again; a customer deleted meanwhile sends its tombstone.</summary>
    /// <remarks>Completes once the row is handed to the publisher, not once the directory has it.</remarks>
    [Alias("RefreshDirectory")]
    Task RefreshDirectoryAsync();
}
