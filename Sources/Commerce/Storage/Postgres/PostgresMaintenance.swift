extension PostgresConnection {
    /// The newest version recorded in `schema_migrations` (0 before the schema exists).
    public func schemaVersion() throws -> Int {
        guard try scalarInt("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'") ?? 0 > 0
        else { return 0 }
        return Int(try scalarInt("SELECT coalesce(max(version), 0) FROM schema_migrations") ?? 0)
    }

    /// None: PostgreSQL checks its pages and enforces foreign keys itself, on every write.
    public func engineChecks(limit: Int) throws -> [DoctorCheck] { [] }

    /// The database's size on the server; PostgreSQL's write-ahead log is the server's, not one database's.
    public func footprint() throws -> StorageFootprint {
        StorageFootprint(location: location, bytes: try scalarInt("SELECT pg_database_size(current_database())") ?? 0, logBytes: 0)
    }

    /// Commits that do not wait for the server's disk while `body` runs (`synchronous_commit = off`: a crash
    /// may lose the last moments, never corrupt), then the server's setting again.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        try execute("SET synchronous_commit = off")
        defer { _ = try? execute("RESET synchronous_commit") }
        return try body()
    }
}
