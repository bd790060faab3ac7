import Commerce
import Foundation
import TerminalUI

/// The machine side of the shop: the database file and its write-ahead log, the schema version,
/// row counts, the event backlog and failed deliveries, the newest errors in `curio.log`, and how long the latest screens took to draw
/// (the app's frame times: the median and slowest of the kept frames, then the newest few).
/// Refreshes when the shop changes.
final class SystemScreen: StaffScreen {
    enum Command { case section(SectionCommand) }

    let title = "System"
    let session: StaffSession
    private(set) var status: SystemStatus?
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> { KeyMap(SectionCommand.bindings(Command.section, session: session)) }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        status = session.attempt(context) { () throws(CommerceError) in try store.systemInfo.status(as: caller) } ?? status
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    /// "1.5 MB".
    static func size(_ bytes: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
    }

    /// A log line's ISO-8601 time as the back office writes times ("2026-05-28 14:03"), or as written
    /// when it is not one.
    static func time(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        return BackofficeText.time(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// How many of the newest frames are listed one by one.
    static let recentFrames = 5

    /// "3.2 ms".
    static func milliseconds(_ value: Double) -> String { "\((value * 10).rounded() / 10) ms" }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.system.drawBar(into: surface, in: rect)
        guard let status else { return }
        var lines = DetailLines(into: surface, in: surface.box(rest, title: "This shop").inset(dx: 1, dy: 0), detailWidth: 16)
        lines.line("Database", "", .accent)
        lines.wrapped("  " + (session.databaseLabel ?? status.databasePath), rows: 2, .muted)
        lines.line("  size", SystemScreen.size(status.databaseBytes), detailStyle: .text)
        lines.line("  write-ahead log", SystemScreen.size(status.walBytes), detailStyle: .text)
        lines.line("  schema version", "\(status.schemaVersion)", detailStyle: .text)
        lines.gap()
        lines.line("Events", "", .accent)
        lines.line("  waiting for delivery", "\(status.eventBacklog)", status.eventBacklog > 0 ? .warning : .text, detailStyle: .text)
        lines.line("  failed deliveries", "\(status.failedDeliveries)", status.failedDeliveries > 0 ? .error : .text, detailStyle: .text)
        lines.gap()
        let errors = status.recentErrors
        lines.line("Recent errors in curio.log", errors.isEmpty ? "none" : "newest \(errors.count)", .accent, detailStyle: .muted)
        for entry in errors {
            lines.line("  " + [entry.event, entry.detail].filter { !$0.isEmpty }.joined(separator: "  "),
                       SystemScreen.time(entry.time), .error, detailStyle: .muted)
        }
        lines.gap()
        let frames = context.frameTimes
        lines.line("Screens drawn", "last \(frames.frames.count)", .accent, detailStyle: .muted)
        if let median = frames.median, let slowest = frames.slowest {
            lines.line("  median", SystemScreen.milliseconds(median), detailStyle: .text)
            lines.line("  slowest: \(slowest.screen)", SystemScreen.milliseconds(slowest.milliseconds), detailStyle: .text)
            for frame in frames.latest(SystemScreen.recentFrames) {
                lines.line("  \(frame.screen)", SystemScreen.milliseconds(frame.milliseconds), .muted, detailStyle: .text)
            }
        }
        lines.gap()
        lines.line("Rows", "", .accent)
        for (table, count) in status.counts.sorted(by: { $0.key < $1.key }) { lines.line("  \(table)", "\(count)", detailStyle: .text) }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .section(let section): return section.action(from: .system, session)
        }
    }
}
