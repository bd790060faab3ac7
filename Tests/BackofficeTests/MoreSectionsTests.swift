import Backoffice
import Foundation
import Commerce
import CurioTestSupport
import Testing
import TerminalUI

/// Customer detail with its password reset, review moderation, the outbox, the audit log and the
/// system figures.
@MainActor
@Suite struct MoreSectionsTests {
    @Test func aCustomersDetailShowsLifetimeValueAndOrdersAndResetsThePasswordOnce() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        fixture.send(.char("4"), .char("/"))
        fixture.type("vera.petrov", then: .enter)
        fixture.send(.enter)
        let screen = fixture.screen()
        #expect(screen.contains("Lifetime value"))
        #expect(screen.contains("#2944"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "customer-detail")
        fixture.send(.char("p"), .down, .enter)
        let shown = fixture.screen()
        #expect(shown.contains("is the new password of"))
        let line = try #require(shown.split(separator: "\n").first { $0.contains("is the new password of") })
        let password = try #require(line.split(separator: "│").compactMap { $0.split(separator: " ").first }.first { $0.count >= 8 }.map(String.init))
        #expect(try fixture.store.accounts.signIn(email: "vera.petrov@example.com", password: password).user.email == "vera.petrov@example.com")
    }

    @Test func staffHideAReviewAfterConfirming() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        fixture.send(.char("6"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "reviews")
        let first = try #require(try fixture.store.reviewModeration.list(limit: 500, as: .system).first)
        fixture.send(.char("h"))
        #expect(fixture.screen().contains("Hide “\(first.review.title)”"))
        fixture.send(.char("y"))
        fixture.expireToasts()
        #expect(try fixture.store.reviewModeration.list(limit: 500, as: .system).first { $0.review.id == first.review.id }?.hidden == true)
        #expect(fixture.screen().contains("h Show again"))
    }

    @Test func theOutboxAuditAndSystemSectionsShowTheShop() throws {
        let fixture = try BackofficeFixture(databaseLabel: "demo/shop.db")
        try fixture.signIn(as: .admin)
        // Something to audit: deactivate a code from the Discounts section.
        fixture.send(.char("5"), .char("x"), .char("y"))
        fixture.send(.char("8"))
        let audit = fixture.screen()
        #expect(audit.contains("admin@curio.shop"))
        #expect(audit.contains("discount.deactivate"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "audit")
        fixture.send(.char("7"))
        #expect(fixture.screen().contains("Events · "))
        assertSnapshots(fixture, named: "outbox")
        // An error in curio.log whose text carries escape sequences (a hostile shopper's input, say).
        let log = EventLog.path(for: fixture.store.location)
        let hostile = #"{"event":"refund.retry_failed","level":"error","order":1042,"pid":7,"reason":"gateway \u001b[2J\u001b]0;owned\u0007down","time":"2026-05-28T20:26:40Z"}"#
        try Data((hostile + "\n" + #"{"event":"ssh.session","level":"info","time":"2026-05-28T20:27:00Z"}"# + "\n").utf8)
            .write(to: URL(fileURLWithPath: log))
        fixture.send(.char("9"))
        let system = fixture.screen()
        #expect(system.contains("write-ahead log"))
        #expect(system.contains("schema version"))
        #expect(system.contains("demo/shop.db"))
        #expect(system.contains("refund.retry_failed  order=1042 reason=gateway \\u{1b}[2J\\u{1b}]0;owned\\u{7}down"))
        #expect(system.contains("2026-05-28 20:26"))
        assertSnapshots(fixture, named: "system")
    }

    @Test func theSystemSectionShowsTheDatabasesPath() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .admin)
        fixture.send(.char("9"))
        let joined = fixture.screen().split(separator: "\n").map { $0.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined.contains(fixture.store.location.description), "the real path when no label is given, over as many rows as it takes")
    }

    @Test func theSystemSectionShowsHowLongTheLatestScreensTookToDraw() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .admin)
        fixture.send(.char("2"), .char("9"))
        // Every frame so far took 15.625, 62.5 or 31.25 ms in turn (the fixture's frame clock).
        let frames = fixture.app.context.frameTimes.frames
        #expect(frames.count >= 4)
        let system = fixture.screen()
        #expect(system.contains("Screens drawn"))
        #expect(system.contains("last \(frames.count)"))
        #expect(system.contains("slowest: "))
        #expect(system.contains("62.5 ms"))
        #expect(system.contains("median"))
        let listed = system.split(separator: "\n").filter { $0.contains(" ms") && !$0.contains("median") && !$0.contains("slowest") }
        #expect(listed.count == 5, "the five newest frames one by one")
        let newest = try #require(frames.last)
        #expect(listed.first?.contains(newest.screen) == true, "the newest frame is listed first")
        #expect(listed.first?.contains(String(describing: (newest.milliseconds * 10).rounded() / 10) + " ms") == true)
        #expect(fixture.screen(Size(width: 80, height: 24)).contains("Screens drawn"), "the figures fit at 80x24")
    }

    @Test func everySectionFitsAt80Columns() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .admin)
        fixture.expireToasts()
        let narrow = fixture.driver.render(Size(width: 80, height: 24)).text.split(separator: "\n")[1]
        #expect(narrow.contains("1 Dashboard"))
        #expect(narrow.hasSuffix("│ 0"), "the tenth section still has its digit")
        let wide = fixture.driver.render(Size(width: 120, height: 40)).text.split(separator: "\n")[1]
        #expect(wide.contains("9 Sys │ 0 Set"))
    }

    @Test func anAdminChangesTheLowStockThresholdAndABadValueStaysInTheForm() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .admin)
        fixture.send(.char("0"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "settings")
        fixture.send(.down, .down, .enter)
        for _ in 0..<6 { fixture.send(.backspace) }
        fixture.type("999999", then: .enter)
        #expect(fixture.screen().contains("Units: between 0 and 100000 units."))
        for _ in 0..<6 { fixture.send(.backspace) }
        fixture.type("7", then: .enter)
        #expect(try fixture.store.shopSettings.current(as: .system).lowStockThreshold == 7)
    }

    @Test func staffSeeTheSettingsButCannotEditThem() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        fixture.send(.char("0"))
        #expect(fixture.screen().contains("Only admins change settings."))
        fixture.send(.enter)
        #expect(!fixture.screen().contains("Enter saves"))
    }
}
