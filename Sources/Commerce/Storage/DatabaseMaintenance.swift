import Foundation

extension Database {
    /// `PRAGMA user_version`, which every migration sets.
    public func schemaVersion() throws -> Int {
        Int(try scalarInt("PRAGMA user_version") ?? 0)
    }

    /// SQLite's integrity check and foreign-key check.
    public func engineChecks(limit: Int) throws -> [DoctorCheck] {
        let lines = try all("PRAGMA integrity_check") { $0.string(0) }
        let integrity = DoctorCheck(name: "SQLite integrity check", problems: lines == ["ok"] ? [] : Array(lines.prefix(limit)))
        let rows = try all("PRAGMA foreign_key_check") { row in
            "\(row.string(0)) row \(row.int64(1)) points at a missing \(row.string(2)) row"
        }
        return [integrity, DoctorCheck(name: "foreign keys", problems: Array(rows.prefix(limit)))]
    }

    /// The file's size and its `-wal` file's.
    public func footprint() throws -> StorageFootprint {
        func size(_ path: String) -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return StorageFootprint(location: path, bytes: size(path), logBytes: size(path + "-wal"))
    }

    /// No syncs and a large page cache while `body` runs; both put back afterwards.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        let synchronous = try scalarInt("PRAGMA synchronous") ?? 2
        let cacheSize = try scalarInt("PRAGMA cache_size") ?? -16_000
        try executeScript("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
        // Integers read back from SQLite itself, never user input.
        defer { try? executeScript("PRAGMA synchronous = \(synchronous); PRAGMA cache_size = \(cacheSize)") }
        return try body()
    }
}
