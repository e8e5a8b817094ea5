using BenchmarkDotNet.Attributes;
using Com.Grains.Customers;
using Microsoft.AspNetCore.Identity;

namespace Com.Benchmarks;

/// <summary>
/// What checking one device hello's password costs, against what a key derivation per hello would cost: the figure that
/// decides whether 10,000 systems can reconnect at once after an outage.
/// </summary>
[MemoryDiagnoser]
public class CredentialCheckBenchmarks
{
    private const string Stored = "Pbx-Service-Password-1";
    private static readonly PasswordHasher<object> Hasher = new();
    private readonly string hash = Hasher.HashPassword(new object(), Stored);

    [Benchmark(Baseline = true)]
    public bool ConstantTimeCompare() => CredentialCheck.PasswordsMatch("Pbx-Service-Password-2", Stored);

    [Benchmark]
    public bool Pbkdf2Verify() => Hasher.VerifyHashedPassword(new object(), hash, "Pbx-Service-Password-2") != PasswordVerificationResult.Failed;
}
