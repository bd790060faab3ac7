import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The availability change log is pruned of what every live reader read (and of what lies beyond a
/// bound), and a reader that fell behind what was pruned reads every product once, then follows again.
@Suite("Recommend: availability log pruning")
struct AvailabilityLogPruningTests {
    static let now: Int64 = 1_750_000_000_000

    static func seqs(_ db: any SQLConnection) throws -> [Int64] {
        try db.all("SELECT seq FROM product_availability_changes ORDER BY seq") { $0.int64(0) }
    }

    static func addReader(_ db: any SQLConnection, _ name: String, seq: Int64, seenAt: Int64) throws {
        try db.execute("INSERT INTO availability_readers(reader, seq, seen_at) VALUES (?, ?, ?)", name, seq, seenAt)
    }

    @Test func rowsEveryLiveReaderReadAreRemovedAndTheRestKept() throws {
        let (store, dir) = try makeStore()
        defer { withExtendedLifetime(dir) {} }
        let db = store.db
        for product in 1...100 { try db.execute("INSERT INTO product_availability_changes(product_id) VALUES (?)", product) }
        try Self.addReader(db, "ahead", seq: 70, seenAt: Self.now - 1_000)
        try Self.addReader(db, "behind", seq: 40, seenAt: Self.now - 2_000)
        try Self.addReader(db, "gone", seq: 10, seenAt: Self.now - AvailabilityLogPruning.readerLease - 1)

        #expect(try AvailabilityLogPruning.prune(db, now: Self.now) == 40)
        #expect(try Self.seqs(db) == Array(41...100), "the slowest live reader's unread rows stay; the gone reader holds nothing back")
        #expect(try db.all("SELECT reader FROM availability_readers ORDER BY reader") { $0.string(0) } == ["ahead", "behind"])

        // Past the bound, rows go even though a live reader has not read them.
        #expect(try AvailabilityLogPruning.prune(db, now: Self.now, keptRows: 20) == 40)
        #expect(try Self.seqs(db) == Array(81...100))

        // With no live reader everything but the newest row goes: it tells a late reader what was removed.
        try db.execute("DELETE FROM availability_readers")
        #expect(try AvailabilityLogPruning.prune(db, now: Self.now) == 19)
        #expect(try Self.seqs(db) == [100])
        #expect(try AvailabilityLogPruning.prune(db, now: Self.now) == 0, "pruning again removes nothing")
    }

    @Test func aReaderBehindThePrunedHorizonReadsInFullOnceThenFollowsAgain() throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }
        let db = store.db
        let catalog = ServingCatalog(try RecommenderSource.catalog(db))
        let products = try db.all("SELECT id FROM products WHERE status = 'active' AND stock_total > 0 ORDER BY id LIMIT 5") { $0.int64(0) }
        try #require(products.count == 5)
        func item(_ product: Int64) throws -> Int32 { try #require(catalog.index(ofProduct: product)) }
        func archive(_ product: Int64) throws { try db.execute("UPDATE products SET status = 'archived' WHERE id = ?", product) }
        func readers() throws -> Int64 { try db.scalarInt("SELECT count(*) FROM availability_readers") ?? -1 }

        var follower = AvailabilityFollower(reader: "session")
        let first = try follower.all(db, catalog: catalog)
        #expect(try products.allSatisfy { first[Int(try item($0))] })
        follower.report(db, now: Self.now)
        #expect(try readers() == 0, "opening writes nothing")

        // With no reader registered pruning keeps only the newest row, which this follower has not read.
        try archive(products[0])
        try AvailabilityLogPruning.prune(db, now: Self.now)
        let followed = try #require(try follower.changes(db, catalog: catalog))
        #expect(try followed.map(\.item) == [item(products[0])] && followed.map(\.available) == [false])
        follower.report(db, now: Self.now + 1)
        #expect(try readers() == 0, "a moved position is written at most every report interval")
        follower.report(db, now: Self.now + AvailabilityFollower.reportInterval)
        #expect(try db.scalarInt("SELECT seq FROM availability_readers WHERE reader = 'session'") == follower.cursor)

        // Pruning spares the rows this live reader has not read.
        try archive(products[1])
        try archive(products[2])
        try AvailabilityLogPruning.prune(db, now: Self.now + AvailabilityFollower.reportInterval)
        let spared = try #require(try follower.changes(db, catalog: catalog))
        #expect(try spared.map(\.item) == [item(products[1]), item(products[2])])

        // A reader that fell behind the pruned rows (the bound, or a stale report) is told to read in full.
        try archive(products[3])
        try archive(products[4])
        try AvailabilityLogPruning.prune(db, now: Self.now, keptRows: 1)
        #expect(try follower.changes(db, catalog: catalog) == nil)
        let again = try follower.all(db, catalog: catalog)
        #expect(try products.allSatisfy { !again[Int(try item($0))] })

        // Once: after the full read it follows the log again.
        try db.execute("UPDATE products SET status = 'active' WHERE id = ?", products[0])
        let next = try #require(try follower.changes(db, catalog: catalog))
        #expect(try next.map(\.item) == [item(products[0])] && next.map(\.available) == [true])

        follower.leave(db)
        #expect(try db.scalarInt("SELECT count(*) FROM availability_readers") == 0)
    }
}
