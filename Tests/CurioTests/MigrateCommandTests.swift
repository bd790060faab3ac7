import CurioTestSupport
import Foundation
import Testing

/// `curio migrate-to` as an operator runs it: the demo shop from a file to PostgreSQL and back, with
/// `curio doctor` printing the same counts and totals on every side.
@Suite struct MigrateCommandTests {
    /// `curio doctor`'s "Counts and totals" block.
    static func counts(_ db: String) throws -> String {
        let doctor = try runCurio(["--db", db, "doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        guard let range = doctor.stdout.range(of: "Counts and totals:") else { return "" }
        return String(doctor.stdout[range.lowerBound...])
    }

    @Test func theDemoShopMovesToPostgreSQLAndBackWithDoctorAgreeing() throws {
        let dir = TempFolder()
        let file = dir.file("shop.db")
        #expect(try runCurio(["--db", file, "seed"]).status == 0)
        let database = try PostgresTestServer.shared().makeDatabase()
        defer { withExtendedLifetime(database) {} }

        let forth = try runCurio(["--db", file, "migrate-to", database.uri])
        #expect(forth.status == 0, "\(forth.stderr)")
        #expect(forth.stdout.contains("Counts and totals match the shop's and doctor passes on the copy."))
        #expect(forth.stdout.contains("orders "))
        #expect(forth.stderr.contains("copied order_lines:"))
        let counts = try Self.counts(file)
        #expect(counts.contains("rows in orders"))
        #expect(try Self.counts(database.uri) == counts)

        // The copy is a working shop: search finds the demo's mugs there.
        let search = try runCurio(["--db", database.uri, "search", "mug"])
        #expect(search.status == 0 && search.stdout.contains("Mug"))

        let back = dir.file("back.db")
        let home = try runCurio(["--db", database.uri, "migrate-to", back, "--json"])
        #expect(home.status == 0, "\(home.stderr)")
        #expect(home.stdout.contains("\"census\""))
        #expect(try Self.counts(back) == counts)

        // A second copy into the same database is refused, and the database keeps its shop.
        let again = try runCurio(["--db", file, "migrate-to", database.uri])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds a shop"))
        #expect(try Self.counts(database.uri) == counts)
        let onto = try runCurio(["--db", database.uri, "migrate-to", file])
        #expect(onto.status == 1)
        #expect(onto.stderr.contains("already exists"))
    }

    @Test func helpSaysWhatTheTargetMustBe() throws {
        let help = try runCurio(["help", "migrate-to"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: curio migrate-to TARGET [--json]"))
        #expect(help.stdout.contains("does not exist yet"))
        let missing = try runCurio(["migrate-to"])
        #expect(missing.status == 2)
    }
}
