using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CarePathway.Benchmarks.Persistence;

/// <summary>
/// What the plain ADO.NET baseline needs to know about a provider: how to open a connection and
/// how values are stored, the same way the server's EF model stores them (on SQLite, GUIDs as
/// upper-case TEXT and times as INTEGER UTC ticks; on PostgreSQL, uuid and timestamptz).
/// </summary>
internal abstract class AdoDialect
{
    public abstract DbConnection CreateConnection();

    public abstract object Guid(Guid value);

    public abstract object Time(DateTimeOffset value);

    public sealed class Sqlite(string connectionString) : AdoDialect
    {
        // EF Core turns foreign keys on for every SQLite connection it opens; so does the baseline.
        private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ConnectionString;

        public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

        public override object Guid(Guid value) => value.ToString().ToUpperInvariant();

        public override object Time(DateTimeOffset value) => value.UtcTicks;
    }

    public sealed class Postgres(string connectionString) : AdoDialect
    {
        public override DbConnection CreateConnection() => new NpgsqlConnection(connectionString);

        public override object Guid(Guid value) => value;

        public override object Time(DateTimeOffset value) => value.ToUniversalTime();
    }
}
