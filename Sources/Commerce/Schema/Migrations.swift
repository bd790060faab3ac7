/// One forward-only step of the schema.
public struct Migration: Sendable {
    /// The schema version this migration produces; versions count up from 1 without gaps.
    public let version: Int
    /// What the migration does, recorded in `schema_migrations`.
    public let name: String
    /// The statements it runs.
    public let sql: String
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
                  sql: availabilityReaders + schemaV6FilteredSearchIndex),
    ]

    /// The newest schema version this build can open.
    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// `PRAGMA application_id` of a Curio database: "CUR1" in ASCII.
    public static let applicationID: Int64 = 0x4355_5231
}
