/// One forward-only step of the schema.
public struct Migration: Sendable {
    /// The schema version this migration produces; versions count up from 1 without gaps.
    public let version: Int
    /// What the migration does, recorded in `schema_migrations`.
    public let name: String
    /// The statements it runs on SQLite.
    public let sql: String
    /// The statements it runs on PostgreSQL. Nil up to `PostgresBaseline.version`, which a new PostgreSQL
    /// database gets at once; every later migration needs it, or PostgreSQL shops cannot be opened.
    public let postgresSQL: String?

    /// A migration with its SQLite statements and, after the PostgreSQL baseline, its PostgreSQL ones.
    public init(version: Int, name: String, sql: String, postgresSQL: String? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.postgresSQL = postgresSQL
    }
}

/// Every migration this build knows, in order.
public enum Migrations {
    /// The migrations, oldest first.
    public static let all: [Migration] = [
        Migration(version: 1, name: "initial schema", sql: schemaV1),
        Migration(version: 2, name: "shared SKUs, Unicode handles, publication, SEO, barcodes, gram fractions",
                  sql: schemaV2ShopifyVariants),
        Migration(version: 3, name: "report summaries and hidden reviews", sql: schemaV3ReportSummaries),
        Migration(version: 4, name: "availability change log and recommender input counters",
                  sql: availabilityChangeLog + recommenderInputCounters),
        Migration(version: 5, name: "search text change log for the did-you-mean vocabulary",
                  sql: schemaV5SearchTextChanges),
        Migration(version: 6, name: "availability log readers and the in-stock by price index",
                  sql: availabilityReaders + schemaV6FilteredSearchIndex, postgresSQL: SchemaV6Postgres.sql),
        Migration(version: 7, name: "checkouts side by side on PostgreSQL: order number sequence, commit-order logs, summaries at commit",
                  sql: SchemaV7.sql, postgresSQL: SchemaV7.postgresSQL),
        Migration(version: 8, name: "session start reads indexes: listed products by category, pending payments",
                  sql: SchemaV8.sql, postgresSQL: SchemaV8.sql),
        Migration(version: 9, name: "publishing and hiding products in the availability change log",
                  sql: SchemaV9.sql, postgresSQL: SchemaV9.postgresSQL),
    ]

    /// The newest schema version this build can open.
    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// `PRAGMA application_id` of a Curio database: "CUR1" in ASCII.
    public static let applicationID: Int64 = 0x4355_5231
}
