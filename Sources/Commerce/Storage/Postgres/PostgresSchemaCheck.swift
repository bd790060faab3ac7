extension PostgresConnection {
    /// The table that marks a PostgreSQL database as a Curio shop: one row holding the application id
    /// and the schema version, the counterparts of SQLite's `PRAGMA application_id` and `user_version`.
    static let schemaTable = "curio_schema"

    /// What a database holds before Curio touches it.
    struct SchemaProbe: Equatable {
        /// Tables, views and sequences in the connection's current schema.
        let objects: Int
        /// The Curio application id recorded, when the marker table exists.
        let applicationID: Int64?
        /// The schema version recorded (0 when there is no marker).
        let version: Int
    }

    /// Reads — without changing anything — whether the database is empty, a Curio shop, and at which version.
    func probeSchema() throws(DatabaseError) -> SchemaProbe {
        do {
            let objects = try scalarInt("""
                SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                """) ?? 0
            guard try scalarInt("SELECT CASE WHEN to_regclass(?) IS NULL THEN 0 ELSE 1 END", Self.schemaTable) == 1 else {
                return SchemaProbe(objects: Int(objects), applicationID: nil, version: 0)
            }
            let marker = try first("SELECT application_id, version FROM \(Self.schemaTable)") { ($0.int64(0), $0.int(1)) }
            return SchemaProbe(objects: Int(objects), applicationID: marker?.0 ?? 0, version: marker?.1 ?? 0)
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError(sqlState: "XX000", message: "\(error)")
        }
    }

    /// Refuses a database that is neither empty nor Curio's, or that a newer Curio wrote (schema above
    /// `supported`); returns the version found (0 for an empty database). Changes nothing.
    public func checkCurioSchema(supported: Int) throws(PostgresOpenError) -> Int {
        let probe: SchemaProbe
        do {
            probe = try probeSchema()
        } catch {
            throw .refused(target: location, sqlState: error.sqlState, reason: error.message)
        }
        if probe.applicationID.map({ $0 != Migrations.applicationID }) ?? (probe.objects > 0) {
            throw .notCurio(target: location)
        }
        if probe.version > supported {
            throw .newerSchema(target: location, found: probe.version, supported: supported)
        }
        return probe.version
    }
}
