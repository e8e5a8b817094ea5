using System.Reflection;
using Xunit.v3;

namespace Com.Tests.Infrastructure;

/// <summary>
/// <c>./com test --fast</c> picks tests by their Category trait, so a test class without one, or with a misspelt one,
/// would silently drop out of the quick tier or slow it down.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TestTiersTests
{
    public static readonly string[] Tiers = ["Unit", "Cluster", "Process", "Browser"];

    // ResourcesTests.cs is being rewritten on another branch; its trait line comes with that change. Remove this entry then.
    private static readonly string[] AwaitingTheirTrait = [];

    [Fact]
    public void EveryTestClass_HasExactlyOneTier()
    {
        var wrong = typeof(TestTiersTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null))
            .Where(t => !AwaitingTheirTrait.Contains(t.Name))
            .Select(t => (t.Name, Tiers: TiersOf(t)))
            .Where(c => c.Tiers.Length != 1 || !Tiers.Contains(c.Tiers[0]))
            .Select(c => $"{c.Name}: [{string.Join(", ", c.Tiers)}]")
            .ToList();

        wrong.ShouldBeEmpty($"each test class needs one [Trait(\"Category\", X)] with X one of {string.Join(", ", Tiers)}");
    }

    private static string[] TiersOf(Type type) =>
        [.. type.GetCustomAttributes().OfType<ITraitAttribute>().SelectMany(a => a.GetTraits()).Where(t => t.Key == "Category").Select(t => t.Value)];
}
