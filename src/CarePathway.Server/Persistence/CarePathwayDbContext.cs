using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using CarePathway.Server.Security.PatientAccess;

namespace CarePathway.Server.Persistence;

/// <summary>
/// The server's one EF Core context: Identity tables plus the pathway data.
/// Works on SQLite and PostgreSQL; see <see cref="DateTimeOffsetConversions"/> for how times are stored.
/// It also holds the nodes' shared Data Protection key ring (<see cref="Security.KeyRing"/>).
/// </summary>
public class CarePathwayDbContext(DbContextOptions<CarePathwayDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Unrestricted unless the request's <see cref="PatientAccessGate"/> restricted it: a context made by hand (tools, tests, audit writes) sees every patient.</summary>
    private readonly PatientScope scope = new();

    /// <summary>The context of a request: its queries see the patients <paramref name="scope"/> allows.</summary>
    public CarePathwayDbContext(DbContextOptions<CarePathwayDbContext> options, PatientScope scope) : this(options)
    {
        this.scope = scope;
    }

    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<UserService> UserServices => Set<UserService>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();
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
        ScopeToPatientServices(builder);
    }

    /// <summary>
    /// Who sees which patient, for every query at once: a restricted <see cref="PatientScope"/> keeps the patients of
    /// its services and grants, and the rows about a patient (pathways, tasks, labs, measurements, assessments) follow
    /// their patient. EF reads the scope's values as parameters of each query, so the model is the same for everyone.
    /// </summary>
    /// <remarks>
    /// A row follows its patient through <c>Patients.Select(p => p.Id).Contains(row.PatientId)</c>, an uncorrelated
    /// subquery (<c>PatientId IN (SELECT Id FROM Patients WHERE ...)</c>): SQLite runs it once per query into a temporary
    /// index and probes that per row, where a correlated <c>EXISTS</c> (<c>Patients.Any(p => p.Id == row.PatientId)</c>)
    /// looked the patient up again for every row, about three times slower over the worklist's 10,000 open tasks.
    /// PostgreSQL plans both as the same semi-join.
    /// </remarks>
    private void ScopeToPatientServices(ModelBuilder builder)
    {
        builder.Entity<Patient>().HasQueryFilter(p => !ScopeRestricted || ScopeServices.Contains(p.ServiceCode) || ScopeGrants.Contains(p.Id));
        builder.Entity<WorkflowInstance>().HasQueryFilter(i => !ScopeRestricted || Patients.Select(p => p.Id).Contains(i.PatientId));
        builder.Entity<HumanTask>().HasQueryFilter(t => !ScopeRestricted || Patients.Select(p => p.Id).Contains(t.PatientId));
        builder.Entity<LabResult>().HasQueryFilter(l => !ScopeRestricted || Patients.Select(p => p.Id).Contains(l.PatientId));
        builder.Entity<PatientMeasurement>().HasQueryFilter(m => !ScopeRestricted || Patients.Select(p => p.Id).Contains(m.PatientId));
        builder.Entity<Assessment>().HasQueryFilter(a => !ScopeRestricted || Patients.Select(p => p.Id).Contains(a.PatientId));
    }

    private bool ScopeRestricted => scope.Restricted;

    private string[] ScopeServices => scope.Services;

    private Guid[] ScopeGrants => scope.GrantedPatients;

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
