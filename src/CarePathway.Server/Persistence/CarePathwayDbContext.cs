using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Persistence;

/// <summary>
/// The server's one EF Core context: Identity tables plus the pathway data.
/// Works on SQLite and PostgreSQL; see <see cref="DateTimeOffsetConversions"/> for how times are stored.
/// It also holds the nodes' shared Data Protection key ring (<see cref="Security.KeyRing"/>).
/// </summary>
public class CarePathwayDbContext(DbContextOptions<CarePathwayDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<UserService> UserServices => Set<UserService>();
    public DbSet<PatientMeasurement> PatientMeasurements => Set<PatientMeasurement>();
    public DbSet<LabResult> LabResults => Set<LabResult>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<DefinitionVersion> DefinitionVersions => Set<DefinitionVersion>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<HumanTask> HumanTasks => Set<HumanTask>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<TimerRequest> TimerRequests => Set<TimerRequest>();
    public DbSet<PendingDelivery> PendingDeliveries => Set<PendingDelivery>();
    public DbSet<FhirReceipt> FhirReceipts => Set<FhirReceipt>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Pinned so the model (and so the hand-written migration) does not depend on whichever
    /// IdentityOptions happen to be in the service provider.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version2;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CarePathwayDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        DateTimeOffsetConversions.Apply(configurationBuilder, Database.ProviderName);
        DecimalConversions.Apply(configurationBuilder);
        ClosedSetConversions.Apply(configurationBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpRowVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpRowVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every modified row gets RowVersion = original + 1. The UPDATE's WHERE clause carries the
    /// original value (it is a concurrency token), so a concurrent writer makes it match no row
    /// and EF raises <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    private void BumpRowVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IHasRowVersion>())
        {
            if (entry.State == EntityState.Modified)
            {
                var property = entry.Property(x => x.RowVersion);
                property.CurrentValue = property.OriginalValue + 1;
            }
        }
    }
}
