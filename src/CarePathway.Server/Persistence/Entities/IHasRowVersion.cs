namespace CarePathway.Server.Persistence;

/// <summary>
/// An entity guarded by optimistic concurrency. <see cref="RowVersion"/> is a plain <c>long</c>
/// concurrency token that <see cref="CarePathwayDbContext"/> increments on every update, so the
/// same rule works on SQLite and PostgreSQL (no provider-specific rowversion/xmin).
/// To check a version a client sent (If-Match), set the property's OriginalValue to it before saving.
/// </summary>
public interface IHasRowVersion
{
    long RowVersion { get; set; }
}
