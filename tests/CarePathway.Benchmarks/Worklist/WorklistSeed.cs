using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Benchmarks.Worklist;

/// <summary>
/// A worklist as a busy service would have it: <see cref="OpenTasks"/> open tasks across <see cref="Patients"/>
/// patients (mixed roles, kinds and due dates, a share of them a lab gate's orders for missing or held labs),
/// and as many closed ones beside them. Random with a fixed seed, so every run seeds the same rows. The patients are
/// spread over the demo's services in turn, so a user holding one of them sees a third of the worklist.
/// </summary>
internal static class WorklistSeed
{
    public const int Patients = 2_000;
    public const int OpenTasks = 10_000;
    public const int ClosedTasks = 10_000;

    private static readonly (string Kind, string Role, LabHold? LabHold, int Weight)[] Kinds =
    [
        (TaskKinds.OrderLabs, TaskRoles.Coordinator, LabHold.Missing, 15),
        (TaskKinds.OrderLabs, TaskRoles.Coordinator, LabHold.Held, 10),
        (TaskKinds.AdministerInfusion, TaskRoles.Coordinator, null, 15),
        ("nsaid-review", TaskRoles.Coordinator, null, 15),
        ("imaging", TaskRoles.Coordinator, null, 15),
        ("infusion-approval", TaskRoles.Clinician, null, 20),
        ("escalation-approval", TaskRoles.Clinician, null, 10),
    ];

    public static async Task SeedAsync(CarePathwayDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(20261122);
        var patients = Enumerable.Range(0, Patients).Select(i => new Patient
        {
            Id = Guid.CreateVersion7(),
            Mrn = $"BENCH-{i:D6}",
            GivenName = $"Given{i}",
            FamilyName = $"Family{i % 500}",
            BirthDate = new DateOnly(2010, 1, 1).AddDays(i),
            Sex = PatientSex.Female,
            Diagnosis = "CRMO",
            ServiceCode = SecuritySeeder.DemoServices[i % SecuritySeeder.DemoServices.Count].Code,
            CreatedAt = now.AddDays(-400),
        }).ToList();
        db.Patients.AddRange(patients);
        await db.SaveChangesAsync(ct);

        for (var start = 0; start < OpenTasks + ClosedTasks; start += 2_000)
        {
            for (var i = start; i < Math.Min(start + 2_000, OpenTasks + ClosedTasks); i++)
            {
                db.HumanTasks.Add(Task(random, patients[random.Next(Patients)].Id, now, open: i < OpenTasks));
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await SettleAsync(db, ct);
    }

    /// <summary>
    /// Brings the tables' statistics up to the seeded rows, as a live database has them: on PostgreSQL autovacuum
    /// analyses a table within a minute of a bulk change and sets the visibility map that index-only scans need. Measured
    /// straight after the seed, the planner still saw the empty tables (5 rows estimated for 10,000) and sorted every
    /// task's heap row for the counts instead of reading their covering index. SQLite's planner uses no statistics here
    /// (the product does not run ANALYZE), so nothing is done there.
    /// </summary>
    private static async Task SettleAsync(CarePathwayDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlRawAsync("""VACUUM (ANALYZE) "HumanTasks", "Patients" """, ct);
    }

    private static HumanTask Task(Random random, Guid patientId, DateTimeOffset now, bool open)
    {
        var (kind, role, labHold, _) = Pick(random);
        var createdAt = now.AddMinutes(-random.Next(60 * 24 * 90));
        // Due dates from two weeks overdue to six weeks ahead; one task in ten has none.
        DateTimeOffset? dueAt = random.Next(10) == 0 ? null : now.AddMinutes(random.Next(-60 * 24 * 14, 60 * 24 * 42));
        var task = new HumanTask
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Kind = kind,
            LabHold = labHold,
            ActivityId = kind,
            Role = role,
            Title = $"{kind} for the benchmark",
            Instructions = "Seeded by the worklist benchmark.",
            FormJson = "[]",
            OutcomesJson = """{"Outcomes":["done"],"ReasonRequiredFor":[]}""",
            DueAt = dueAt,
            // One open task in five claimed, half of those by the benchmark's coordinator ("my work").
            Assignee = random.Next(5) != 0 ? null : random.Next(2) == 0 ? "coordinator" : "another-coordinator",
            Outcome = open ? null : "done",
            CompletedBy = open ? null : "coordinator",
            CompletedAt = open ? null : createdAt.AddDays(1),
            EvidenceJson = """{"gate":"pre-infusion renal","codes":["2160-0"],"reason":"seeded"}""",
            BookmarkId = "benchmark",
            CreatedAt = createdAt,
        };
        if (!open) task.MoveTo(HumanTaskStatus.Completed);
        return task;
    }

    private static (string Kind, string Role, LabHold? LabHold, int Weight) Pick(Random random)
    {
        var roll = random.Next(Kinds.Sum(k => k.Weight));
        foreach (var kind in Kinds)
        {
            if (roll < kind.Weight) return kind;
            roll -= kind.Weight;
        }

        return Kinds[^1];
    }
}
