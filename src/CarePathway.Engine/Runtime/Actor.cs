namespace CarePathway.Engine.Runtime;

/// <summary>Who acts on a pathway: a person with their roles, or the system (timers, the simulated world).</summary>
public sealed class Actor
{
    private readonly IReadOnlySet<string>? _roles;

    private Actor(string name, IReadOnlySet<string>? roles)
    {
        Name = name;
        _roles = roles;
    }

    public string Name { get; }

    /// <summary>A person who holds exactly these roles.</summary>
    public static Actor Person(string name, IEnumerable<string> roles) => new(name, roles.ToHashSet(StringComparer.Ordinal));

    /// <summary>Acts in every role: the simulated world answering whatever is asked, or background work.</summary>
    public static Actor Anyone(string name) => new(name, null);

    public bool IsInRole(string role) => _roles is null || _roles.Contains(role);
}
