using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>
/// The tables of Quartz.NET's persistent job store (prefix <c>QRTZ_</c>), written from Quartz's
/// documented schema for SQLite and for PostgreSQL (3.x, including the optional
/// MISFIRE_ORIG_FIRE_TIME, EXECUTION_GROUP and PREFERRED_NODE columns that 3.22 probes for).
/// Not part of the EF model: the scheduler owns these rows. On PostgreSQL the names are unquoted,
/// so they fold to lower case, which is what Quartz's unquoted SQL expects.
/// </summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261122000002_QuartzJobStore")]
public sealed class QuartzJobStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => CreateTables(migrationBuilder);

    protected override void Down(MigrationBuilder migrationBuilder) => DropTables(migrationBuilder);

    /// <summary>Drops every QRTZ_ table, children first (also <see cref="DropQuartzJobStore"/>'s Up).</summary>
    internal static void DropTables(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
        {
            "FIRED_TRIGGERS", "PAUSED_TRIGGER_GRPS", "SCHEDULER_STATE", "LOCKS", "SIMPROP_TRIGGERS",
            "SIMPLE_TRIGGERS", "CRON_TRIGGERS", "BLOB_TRIGGERS", "TRIGGERS", "JOB_DETAILS", "CALENDARS",
        })
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS QRTZ_{table};");
        }
    }

    /// <summary>Creates the QRTZ_ tables (also <see cref="DropQuartzJobStore"/>'s Down).</summary>
    internal static void CreateTables(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(migrationBuilder.IsSqlite() ? Sqlite : Postgres);

    // SQLite: TEXT for names, INTEGER for times (epoch ticks) and flags, BLOB for data. Foreign keys
    // are declared, and because a connection may run with foreign keys off, delete triggers also
    // remove a trigger's detail rows as the documented schema does.
    private const string Sqlite = """
        CREATE TABLE QRTZ_JOB_DETAILS (
            SCHED_NAME TEXT NOT NULL,
            JOB_NAME TEXT NOT NULL,
            JOB_GROUP TEXT NOT NULL,
            DESCRIPTION TEXT NULL,
            JOB_CLASS_NAME TEXT NOT NULL,
            IS_DURABLE INTEGER NOT NULL,
            IS_NONCONCURRENT INTEGER NOT NULL,
            IS_UPDATE_DATA INTEGER NOT NULL,
            REQUESTS_RECOVERY INTEGER NOT NULL,
            JOB_DATA BLOB NULL,
            PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
        );
        CREATE TABLE QRTZ_TRIGGERS (
            SCHED_NAME TEXT NOT NULL,
            TRIGGER_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            JOB_NAME TEXT NOT NULL,
            JOB_GROUP TEXT NOT NULL,
            DESCRIPTION TEXT NULL,
            NEXT_FIRE_TIME INTEGER NULL,
            PREV_FIRE_TIME INTEGER NULL,
            PRIORITY INTEGER NULL,
            TRIGGER_STATE TEXT NOT NULL,
            TRIGGER_TYPE TEXT NOT NULL,
            START_TIME INTEGER NOT NULL,
            END_TIME INTEGER NULL,
            CALENDAR_NAME TEXT NULL,
            MISFIRE_INSTR INTEGER NULL,
            MISFIRE_ORIG_FIRE_TIME INTEGER NULL,
            EXECUTION_GROUP TEXT NULL,
            PREFERRED_NODE TEXT NULL,
            PREFERRED_NODE_AUTO INTEGER NOT NULL DEFAULT 0,
            JOB_DATA BLOB NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP)
        );
        CREATE TABLE QRTZ_SIMPLE_TRIGGERS (
            SCHED_NAME TEXT NOT NULL,
            TRIGGER_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            REPEAT_COUNT INTEGER NOT NULL,
            REPEAT_INTERVAL INTEGER NOT NULL,
            TIMES_TRIGGERED INTEGER NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        );
        CREATE TABLE QRTZ_SIMPROP_TRIGGERS (
            SCHED_NAME TEXT NOT NULL,
            TRIGGER_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            STR_PROP_1 TEXT NULL,
            STR_PROP_2 TEXT NULL,
            STR_PROP_3 TEXT NULL,
            INT_PROP_1 INTEGER NULL,
            INT_PROP_2 INTEGER NULL,
            LONG_PROP_1 INTEGER NULL,
            LONG_PROP_2 INTEGER NULL,
            DEC_PROP_1 NUMERIC NULL,
            DEC_PROP_2 NUMERIC NULL,
            BOOL_PROP_1 INTEGER NULL,
            BOOL_PROP_2 INTEGER NULL,
            TIME_ZONE_ID TEXT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        );
        CREATE TABLE QRTZ_CRON_TRIGGERS (
            SCHED_NAME TEXT NOT NULL,
            TRIGGER_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            CRON_EXPRESSION TEXT NOT NULL,
            TIME_ZONE_ID TEXT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        );
        CREATE TABLE QRTZ_BLOB_TRIGGERS (
            SCHED_NAME TEXT NOT NULL,
            TRIGGER_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            BLOB_DATA BLOB NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE
        );
        CREATE TRIGGER QRTZ_TRIGGERS_DELETE_DETAILS AFTER DELETE ON QRTZ_TRIGGERS
        BEGIN
            DELETE FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
            DELETE FROM QRTZ_SIMPROP_TRIGGERS WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
            DELETE FROM QRTZ_CRON_TRIGGERS WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
            DELETE FROM QRTZ_BLOB_TRIGGERS WHERE SCHED_NAME = OLD.SCHED_NAME AND TRIGGER_NAME = OLD.TRIGGER_NAME AND TRIGGER_GROUP = OLD.TRIGGER_GROUP;
        END;
        CREATE TABLE QRTZ_CALENDARS (
            SCHED_NAME TEXT NOT NULL,
            CALENDAR_NAME TEXT NOT NULL,
            CALENDAR BLOB NOT NULL,
            PRIMARY KEY (SCHED_NAME, CALENDAR_NAME)
        );
        CREATE TABLE QRTZ_PAUSED_TRIGGER_GRPS (
            SCHED_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_GROUP)
        );
        CREATE TABLE QRTZ_FIRED_TRIGGERS (
            SCHED_NAME TEXT NOT NULL,
            ENTRY_ID TEXT NOT NULL,
            TRIGGER_NAME TEXT NOT NULL,
            TRIGGER_GROUP TEXT NOT NULL,
            INSTANCE_NAME TEXT NOT NULL,
            FIRED_TIME INTEGER NOT NULL,
            SCHED_TIME INTEGER NOT NULL,
            PRIORITY INTEGER NOT NULL,
            STATE TEXT NOT NULL,
            JOB_NAME TEXT NULL,
            JOB_GROUP TEXT NULL,
            IS_NONCONCURRENT INTEGER NULL,
            REQUESTS_RECOVERY INTEGER NULL,
            EXECUTION_GROUP TEXT NULL,
            PRIMARY KEY (SCHED_NAME, ENTRY_ID)
        );
        CREATE TABLE QRTZ_SCHEDULER_STATE (
            SCHED_NAME TEXT NOT NULL,
            INSTANCE_NAME TEXT NOT NULL,
            LAST_CHECKIN_TIME INTEGER NOT NULL,
            CHECKIN_INTERVAL INTEGER NOT NULL,
            PRIMARY KEY (SCHED_NAME, INSTANCE_NAME)
        );
        CREATE TABLE QRTZ_LOCKS (
            SCHED_NAME TEXT NOT NULL,
            LOCK_NAME TEXT NOT NULL,
            PRIMARY KEY (SCHED_NAME, LOCK_NAME)
        );
        CREATE INDEX IDX_QRTZ_J_G_N ON QRTZ_JOB_DETAILS (SCHED_NAME, JOB_GROUP, JOB_NAME);
        CREATE INDEX IDX_QRTZ_T_G_N ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP, TRIGGER_NAME);
        CREATE INDEX IDX_QRTZ_T_NFT_ST ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME);
        CREATE INDEX IDX_QRTZ_FT_INST ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME);
        """;

    // PostgreSQL: text, bigint times, bool flags, bytea data, cascading detail rows.
    private const string Postgres = """
        CREATE TABLE qrtz_job_details (
            sched_name text NOT NULL,
            job_name text NOT NULL,
            job_group text NOT NULL,
            description text NULL,
            job_class_name text NOT NULL,
            is_durable bool NOT NULL,
            is_nonconcurrent bool NOT NULL,
            is_update_data bool NOT NULL,
            requests_recovery bool NOT NULL,
            job_data bytea NULL,
            PRIMARY KEY (sched_name, job_name, job_group)
        );
        CREATE TABLE qrtz_triggers (
            sched_name text NOT NULL,
            trigger_name text NOT NULL,
            trigger_group text NOT NULL,
            job_name text NOT NULL,
            job_group text NOT NULL,
            description text NULL,
            next_fire_time bigint NULL,
            prev_fire_time bigint NULL,
            priority integer NULL,
            trigger_state text NOT NULL,
            trigger_type text NOT NULL,
            start_time bigint NOT NULL,
            end_time bigint NULL,
            calendar_name text NULL,
            misfire_instr smallint NULL,
            misfire_orig_fire_time bigint NULL,
            execution_group varchar(200) NULL,
            preferred_node varchar(200) NULL,
            preferred_node_auto bool NOT NULL DEFAULT false,
            job_data bytea NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
        );
        CREATE TABLE qrtz_simple_triggers (
            sched_name text NOT NULL,
            trigger_name text NOT NULL,
            trigger_group text NOT NULL,
            repeat_count bigint NOT NULL,
            repeat_interval bigint NOT NULL,
            times_triggered bigint NOT NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE qrtz_simprop_triggers (
            sched_name text NOT NULL,
            trigger_name text NOT NULL,
            trigger_group text NOT NULL,
            str_prop_1 text NULL,
            str_prop_2 text NULL,
            str_prop_3 text NULL,
            int_prop_1 integer NULL,
            int_prop_2 integer NULL,
            long_prop_1 bigint NULL,
            long_prop_2 bigint NULL,
            dec_prop_1 numeric NULL,
            dec_prop_2 numeric NULL,
            bool_prop_1 bool NULL,
            bool_prop_2 bool NULL,
            time_zone_id text NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE qrtz_cron_triggers (
            sched_name text NOT NULL,
            trigger_name text NOT NULL,
            trigger_group text NOT NULL,
            cron_expression text NOT NULL,
            time_zone_id text NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE qrtz_blob_triggers (
            sched_name text NOT NULL,
            trigger_name text NOT NULL,
            trigger_group text NOT NULL,
            blob_data bytea NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE qrtz_calendars (
            sched_name text NOT NULL,
            calendar_name text NOT NULL,
            calendar bytea NOT NULL,
            PRIMARY KEY (sched_name, calendar_name)
        );
        CREATE TABLE qrtz_paused_trigger_grps (
            sched_name text NOT NULL,
            trigger_group text NOT NULL,
            PRIMARY KEY (sched_name, trigger_group)
        );
        CREATE TABLE qrtz_fired_triggers (
            sched_name text NOT NULL,
            entry_id text NOT NULL,
            trigger_name text NOT NULL,
            trigger_group text NOT NULL,
            instance_name text NOT NULL,
            fired_time bigint NOT NULL,
            sched_time bigint NOT NULL,
            priority integer NOT NULL,
            state text NOT NULL,
            job_name text NULL,
            job_group text NULL,
            is_nonconcurrent bool NOT NULL,
            requests_recovery bool NULL,
            execution_group varchar(200) NULL,
            PRIMARY KEY (sched_name, entry_id)
        );
        CREATE TABLE qrtz_scheduler_state (
            sched_name text NOT NULL,
            instance_name text NOT NULL,
            last_checkin_time bigint NOT NULL,
            checkin_interval bigint NOT NULL,
            PRIMARY KEY (sched_name, instance_name)
        );
        CREATE TABLE qrtz_locks (
            sched_name text NOT NULL,
            lock_name text NOT NULL,
            PRIMARY KEY (sched_name, lock_name)
        );
        CREATE INDEX idx_qrtz_j_req_recovery ON qrtz_job_details (sched_name, requests_recovery);
        CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
        CREATE INDEX idx_qrtz_t_next_fire_time ON qrtz_triggers (sched_name, next_fire_time);
        CREATE INDEX idx_qrtz_t_state ON qrtz_triggers (sched_name, trigger_state);
        CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time);
        CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
        CREATE INDEX idx_qrtz_ft_trig_nm_gp ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        CREATE INDEX idx_qrtz_ft_trig_inst_name ON qrtz_fired_triggers (sched_name, instance_name);
        CREATE INDEX idx_qrtz_ft_job_req_recovery ON qrtz_fired_triggers (requests_recovery);
        """;
}
