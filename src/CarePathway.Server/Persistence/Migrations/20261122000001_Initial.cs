using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>
/// The initial schema: Identity and the pathway tables, for SQLite and PostgreSQL alike.
/// Hand-written (no <c>dotnet ef</c> here): column types are left to each provider's type mapping,
/// except that times are INTEGER UTC ticks on SQLite (see <see cref="DateTimeOffsetConversions"/>).
/// The schema-matches-model tests compare what this creates with what the model creates.
/// </summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261122000001_Initial")]
public sealed class Initial : Migration
{
    private const int Code = 32, Key = 100, Name = 200, UserName = 256, BookmarkId = 200;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var sqlite = migrationBuilder.IsSqlite();

        // A DateTimeOffset column as the model stores it on the active provider.
        OperationBuilder<AddColumnOperation> Time(ColumnsBuilder table, bool nullable = false) =>
            sqlite ? table.Column<long>(nullable: nullable) : table.Column<DateTimeOffset>(nullable: nullable);

        OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
            table.Column<T>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

        CreateIdentityTables(migrationBuilder, Time, Identity<int>);

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = Identity<long>(table),
                At = Time(table),
                UserName = table.Column<string>(maxLength: UserName, nullable: false),
                Action = table.Column<string>(maxLength: Key, nullable: false),
                TargetId = table.Column<string>(maxLength: Name, nullable: true),
                Succeeded = table.Column<bool>(nullable: false),
                Detail = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateTable(
            name: "DefinitionVersions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DefinitionId = table.Column<string>(maxLength: Key, nullable: false),
                Version = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: Name, nullable: false),
                Status = table.Column<string>(maxLength: Code, nullable: false),
                Json = table.Column<string>(nullable: false),
                ContentHash = table.Column<string>(maxLength: Key, nullable: false),
                CreatedAt = Time(table),
                CreatedBy = table.Column<string>(maxLength: UserName, nullable: false),
                PublishedAt = Time(table, nullable: true),
                PublishedBy = table.Column<string>(maxLength: UserName, nullable: true),
                RetiredAt = Time(table, nullable: true),
                RetiredBy = table.Column<string>(maxLength: UserName, nullable: true),
                RowVersion = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DefinitionVersions", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Patients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Mrn = table.Column<string>(maxLength: Key, nullable: false),
                GivenName = table.Column<string>(maxLength: Name, nullable: false),
                FamilyName = table.Column<string>(maxLength: Name, nullable: false),
                BirthDate = table.Column<DateOnly>(nullable: false),
                Sex = table.Column<string>(maxLength: Code, nullable: false),
                Diagnosis = table.Column<string>(nullable: false),
                FactsJson = table.Column<string>(nullable: false),
                CreatedAt = Time(table),
                RowVersion = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Patients", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Assessments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: Key, nullable: false),
                Value = table.Column<string>(nullable: false),
                ObservedAt = Time(table),
                RecordedBy = table.Column<string>(maxLength: UserName, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Assessments", x => x.Id);
                table.ForeignKey("FK_Assessments_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "LabResults",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: Key, nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                Unit = table.Column<string>(maxLength: Code, nullable: false),
                ObservedAt = Time(table),
                RecordedAt = Time(table),
                RecordedBy = table.Column<string>(maxLength: UserName, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LabResults", x => x.Id);
                table.ForeignKey("FK_LabResults_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PatientMeasurements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: Code, nullable: false),
                Value = table.Column<decimal>(precision: 18, scale: 6, nullable: false),
                Unit = table.Column<string>(maxLength: Code, nullable: false),
                MeasuredAt = Time(table),
                RecordedBy = table.Column<string>(maxLength: UserName, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PatientMeasurements", x => x.Id);
                table.ForeignKey("FK_PatientMeasurements_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "WorkflowInstances",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DefinitionId = table.Column<string>(maxLength: Key, nullable: false),
                Version = table.Column<int>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: Code, nullable: false),
                StateJson = table.Column<string>(nullable: false),
                CreatedAt = Time(table),
                CreatedBy = table.Column<string>(maxLength: UserName, nullable: false),
                UpdatedAt = Time(table),
                CompletedAt = Time(table, nullable: true),
                RowVersion = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkflowInstances", x => x.Id);
                table.ForeignKey("FK_WorkflowInstances_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Bookmarks",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: BookmarkId, nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                ActivityId = table.Column<string>(maxLength: Key, nullable: false),
                Kind = table.Column<string>(maxLength: Code, nullable: false),
                TaskId = table.Column<Guid>(nullable: true),
                DueAt = Time(table, nullable: true),
                EventType = table.Column<string>(maxLength: Key, nullable: true),
                EventKey = table.Column<string>(maxLength: Name, nullable: true),
                CreatedAt = Time(table),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Bookmarks", x => x.Id);
                table.ForeignKey("FK_Bookmarks_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "HumanTasks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: true),
                PatientId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: Key, nullable: false),
                ActivityId = table.Column<string>(maxLength: Key, nullable: false),
                Role = table.Column<string>(maxLength: Key, nullable: false),
                Assignee = table.Column<string>(maxLength: UserName, nullable: true),
                Title = table.Column<string>(maxLength: Name, nullable: false),
                Instructions = table.Column<string>(nullable: false),
                FormJson = table.Column<string>(nullable: false),
                OutcomesJson = table.Column<string>(nullable: false),
                DefaultOutcome = table.Column<string>(maxLength: Key, nullable: true),
                DueAt = Time(table, nullable: true),
                Status = table.Column<string>(maxLength: Code, nullable: false),
                Outcome = table.Column<string>(maxLength: Key, nullable: true),
                CompletedBy = table.Column<string>(maxLength: UserName, nullable: true),
                CompletedAt = Time(table, nullable: true),
                Reason = table.Column<string>(nullable: true),
                EvidenceJson = table.Column<string>(nullable: false),
                ResultJson = table.Column<string>(nullable: false),
                BookmarkId = table.Column<string>(maxLength: BookmarkId, nullable: true),
                CreatedAt = Time(table),
                RowVersion = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HumanTasks", x => x.Id);
                table.ForeignKey("FK_HumanTasks_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_HumanTasks_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                ActivityId = table.Column<string>(maxLength: Key, nullable: false),
                Message = table.Column<string>(nullable: false),
                At = Time(table),
                ResolvedAt = Time(table, nullable: true),
                ResolvedBy = table.Column<string>(maxLength: UserName, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Incidents", x => x.Id);
                table.ForeignKey("FK_Incidents_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "JournalEntries",
            columns: table => new
            {
                Id = Identity<long>(table),
                InstanceId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                At = Time(table),
                Type = table.Column<string>(maxLength: Key, nullable: false),
                ActivityId = table.Column<string>(maxLength: Key, nullable: true),
                Outcome = table.Column<string>(maxLength: Key, nullable: true),
                CauseKind = table.Column<string>(maxLength: Code, nullable: false),
                Actor = table.Column<string>(maxLength: UserName, nullable: true),
                DataJson = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_JournalEntries", x => x.Id);
                table.ForeignKey("FK_JournalEntries_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TimerRequests",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: BookmarkId, nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                DueAt = Time(table),
                State = table.Column<string>(maxLength: Code, nullable: false),
                CreatedAt = Time(table),
                UpdatedAt = Time(table),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TimerRequests", x => x.Id);
                table.ForeignKey("FK_TimerRequests_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Assessments_PatientId_Name_ObservedAt", "Assessments", ["PatientId", "Name", "ObservedAt"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_Bookmarks_EventType_EventKey", "Bookmarks", ["EventType", "EventKey"]);
        migrationBuilder.CreateIndex("IX_Bookmarks_InstanceId", "Bookmarks", "InstanceId");
        migrationBuilder.CreateIndex("IX_DefinitionVersions_DefinitionId_Version", "DefinitionVersions", ["DefinitionId", "Version"], unique: true);
        migrationBuilder.CreateIndex("IX_HumanTasks_InstanceId", "HumanTasks", "InstanceId");
        migrationBuilder.CreateIndex("IX_HumanTasks_PatientId", "HumanTasks", "PatientId");
        migrationBuilder.CreateIndex("IX_HumanTasks_Status_Role_DueAt", "HumanTasks", ["Status", "Role", "DueAt"]);
        migrationBuilder.CreateIndex("IX_Incidents_InstanceId", "Incidents", "InstanceId");
        migrationBuilder.CreateIndex("IX_JournalEntries_InstanceId_Sequence", "JournalEntries", ["InstanceId", "Sequence"], unique: true);
        migrationBuilder.CreateIndex("IX_LabResults_PatientId_Code_ObservedAt", "LabResults", ["PatientId", "Code", "ObservedAt"]);
        migrationBuilder.CreateIndex("IX_PatientMeasurements_PatientId_Kind_MeasuredAt", "PatientMeasurements", ["PatientId", "Kind", "MeasuredAt"]);
        migrationBuilder.CreateIndex("IX_Patients_Mrn", "Patients", "Mrn", unique: true);
        migrationBuilder.CreateIndex("IX_TimerRequests_InstanceId", "TimerRequests", "InstanceId");
        migrationBuilder.CreateIndex("IX_TimerRequests_State", "TimerRequests", "State");
        migrationBuilder.CreateIndex("IX_WorkflowInstances_DefinitionId_Version", "WorkflowInstances", ["DefinitionId", "Version"]);
        migrationBuilder.CreateIndex("IX_WorkflowInstances_PatientId", "WorkflowInstances", "PatientId");
        migrationBuilder.CreateIndex("IX_WorkflowInstances_Status", "WorkflowInstances", "Status");
    }

    /// <summary>ASP.NET Core Identity, schema version 2 (pinned in <see cref="CarePathwayDbContext"/>).</summary>
    private static void CreateIdentityTables(
        MigrationBuilder migrationBuilder,
        Func<ColumnsBuilder, bool, OperationBuilder<AddColumnOperation>> time,
        Func<ColumnsBuilder, OperationBuilder<AddColumnOperation>> identity)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(maxLength: UserName, nullable: true),
                NormalizedName = table.Column<string>(maxLength: UserName, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                DisplayName = table.Column<string>(maxLength: Name, nullable: false),
                UserName = table.Column<string>(maxLength: UserName, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: UserName, nullable: true),
                Email = table.Column<string>(maxLength: UserName, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: UserName, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = time(table, true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AspNetUsers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = identity(table),
                RoleId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = identity(table),
                UserId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                RoleId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
        {
            "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens",
            "AspNetRoles", "AspNetUsers", "AuditEntries", "Assessments", "LabResults", "PatientMeasurements",
            "Bookmarks", "HumanTasks", "Incidents", "JournalEntries", "TimerRequests", "WorkflowInstances",
            "DefinitionVersions", "Patients",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
