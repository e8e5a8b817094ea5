namespace Com.Grains.Interfaces.Accounts;

/// <summary>The five roles of SPEC ROLE.</summary>
[GenerateSerializer, Alias("com.Role")]
public enum Role
{
    Administrator = 0,
    Support = 1,
    Supervisor = 2,
    Operator = 3,
    ReadOnly = 4,
}
