import CLibPQ
import Foundation

/// A message another connection sent with `NOTIFY` (or `pg_notify`), delivered when its transaction committed.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public let channel: String
    /// The text sent with it ("" when none).
    public let payload: String
    /// The server process of the connection that sent it.
    public let senderPID: Int32
}

extension PostgresConnection {
    /// The channel every Curio connection notifies when it commits a change; `dataVersion()` counts it.
    static let changesChannel = "curio_changes"

    /// A number that changes whenever another connection commits a change through Curio (its commit sends
    /// `NOTIFY curio_changes`); the counterpart of SQLite's `PRAGMA data_version`. The first call starts
    /// listening (a connection that never asks never listens); later calls only read what has arrived on
    /// the socket, without a round trip. (Inside a transaction it does not start listening: a rollback
    /// would undo the LISTEN.)
    public func dataVersion() throws -> Int64 {
        if !channels.contains(Self.changesChannel) && isAutocommit { try listen(Self.changesChannel) }
        try receive()
        return changeCount
    }

    /// Waits until the data version differs from `version` (one `dataVersion()` returned earlier) or
    /// `timeoutMilliseconds` pass; returns whether it moved.
    public func waitForChange(since version: Int64, timeoutMilliseconds: Int) throws -> Bool {
        _ = try dataVersion()
        try waitUntil(timeoutMilliseconds: timeoutMilliseconds) { changeCount != version }
        return changeCount != version
    }

    /// Starts listening on `channel`: its notifications then arrive through `notifications()`.
    /// Call it outside a transaction (inside one, a rollback would silently undo it).
    public func listen(_ channel: String) throws {
        PQclear(try simple("LISTEN \(try quotedIdentifier(channel))"))
        channels.insert(channel)
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws {
        PQclear(try simple("UNLISTEN \(try quotedIdentifier(channel))"))
        channels.remove(channel)
    }

    /// Sends `payload` on `channel`; inside a transaction it is delivered only when the transaction commits.
    public func notify(_ channel: String, payload: String = "") throws {
        try execute("SELECT pg_notify(?, ?)", values: [channel, payload])
    }

    /// The notifications that have arrived on the channels this connection listens on (other than
    /// `curio_changes`, which `dataVersion()` counts), oldest first; does not wait.
    public func notifications() throws -> [PostgresNotification] {
        try receive()
        defer { pendingNotifications.removeAll() }
        return pendingNotifications
    }

    /// Waits until at least one notification has arrived or `timeoutMilliseconds` pass, then returns them.
    public func waitForNotifications(timeoutMilliseconds: Int) throws -> [PostgresNotification] {
        try waitUntil(timeoutMilliseconds: timeoutMilliseconds) { !pendingNotifications.isEmpty }
        return try notifications()
    }

    /// Reads whatever the server has sent, without blocking, and sorts the notifications in it.
    private func receive() throws(DatabaseError) {
        try reconnectIfIdleAndBroken()
        if PQconsumeInput(handle) == 0 { throw connectionError(sql: nil) }
        while let notice = PQnotifies(handle) {
            defer { PQfreemem(notice) }
            let channel = String(cString: notice.pointee.relname)
            let sender = notice.pointee.be_pid
            if channel == Self.changesChannel {
                if sender != backendPID { changeCount += 1 }
            } else {
                pendingNotifications.append(PostgresNotification(
                    channel: channel, payload: notice.pointee.extra.map { String(cString: $0) } ?? "", senderPID: sender))
            }
        }
    }

    /// Sleeps in `poll` on the connection's socket until `done` holds or the time is up.
    private func waitUntil(timeoutMilliseconds: Int, _ done: () -> Bool) throws(DatabaseError) {
        let deadline = monotonicNanoseconds() + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        try receive()
        while !done() {
            let now = monotonicNanoseconds()
            guard now < deadline else { return }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let remaining = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
            if poll(&descriptor, 1, remaining) < 0 && errno != EINTR { throw connectionError(sql: nil) }
            try receive()
        }
    }
}
