import CLibPQ
import Foundation

/// Opens libpq connections and turns a failed attempt into the `PostgresOpenError` a user can act on.
enum PostgresConnector {
    /// The oldest server Curio supports (`PQserverVersion` form): 12.
    static let oldestServer = 120_000

    /// Connects with a deadline. The attempt runs with verbose errors, so a server's refusal carries its
    /// SQLSTATE (`FATAL:  28P01: …`) and is classified by code rather than by its (translated) wording.
    static func connect(_ connectionString: String, overrides: [String: String],
                        timeoutMilliseconds: Int) throws(PostgresOpenError) -> OpaquePointer {
        if connectionString.contains("=") || connectionString.hasPrefix("postgres://") || connectionString.hasPrefix("postgresql://") {
            var failure: UnsafeMutablePointer<CChar>?
            guard let parsed = PQconninfoParse(connectionString, &failure) else {
                let reason = failure.map { String(cString: $0) } ?? "cannot be read"
                PQfreemem(failure)
                throw .invalidConnectionString(reason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            PQconninfoFree(parsed)
        }
        // The first dbname is expanded as the whole connection string; later keywords override it.
        let pairs = [("dbname", connectionString)] + overrides.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            + [("client_encoding", "UTF8"), ("fallback_application_name", "curio")]
        let keys = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let connection = (keys.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { keyList in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { valueList in
                PQconnectStartParams(keyList.baseAddress, valueList.baseAddress, 1)
            }
        }
        guard let connection else { throw .unreachable(target: "PostgreSQL", reason: "out of memory") }
        PQsetErrorVerbosity(connection, PQERRORS_VERBOSE)
        let deadline = monotonicNanoseconds() + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        var status = PQstatus(connection) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING
        while status != PGRES_POLLING_OK {
            if status == PGRES_POLLING_FAILED {
                let error = openError(connection)
                PQfinish(connection)
                throw error
            }
            let now = monotonicNanoseconds()
            var descriptor = pollfd(fd: PQsocket(connection),
                                    events: Int16(status == PGRES_POLLING_READING ? POLLIN : POLLOUT), revents: 0)
            let ready = now < deadline ? poll(&descriptor, 1, Int32(clamping: (deadline - now + 999_999) / 1_000_000)) : 0
            if ready == 0 || (ready < 0 && errno != EINTR) {
                let target = describe(connection)
                PQfinish(connection)
                throw .unreachable(target: target, reason: "no answer within \(timeoutMilliseconds) ms")
            }
            status = PQconnectPoll(connection)
        }
        PQsetErrorVerbosity(connection, PQERRORS_DEFAULT)
        return connection
    }

    /// `user@host:port/database` for the connection, from libpq's view of it (never the password).
    static func describe(_ connection: OpaquePointer) -> String {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        return "\(text(PQuser(connection)))@\(text(PQhost(connection))):\(text(PQport(connection)))/\(text(PQdb(connection)))"
    }

    /// "15.4" for 150004.
    static func versionText(_ number: Int) -> String {
        number >= 100_000 ? "\(number / 10_000).\(number % 10_000)" : "\(number / 10_000).\(number / 100 % 100)"
    }

    /// Classifies a failed attempt by the SQLSTATE the server sent, or as unreachable when none answered.
    static func openError(_ connection: OpaquePointer) -> PostgresOpenError {
        let target = describe(connection)
        let message = String(cString: PQerrorMessage(connection))
        let user = PQuser(connection).map { String(cString: $0) } ?? ""
        if PQconnectionNeedsPassword(connection) == 1 {
            return .authenticationFailed(target: target, user: user, sqlState: nil,
                                         reason: "the server asks for a password and none was given")
        }
        guard let (state, reason) = serverError(in: message) else {
            return .unreachable(target: target, reason: clientReason(message))
        }
        switch state {
        case PostgresErrorCodes.invalidAuthorization, PostgresErrorCodes.invalidPassword:
            return .authenticationFailed(target: target, user: user, sqlState: state, reason: reason)
        case PostgresErrorCodes.invalidCatalogName:
            return .noSuchDatabase(target: target, database: PQdb(connection).map { String(cString: $0) } ?? "")
        case PostgresErrorCodes.tooManyConnections:
            return .tooManyConnections(target: target)
        case PostgresErrorCodes.cannotConnectNow:
            return .serverNotReady(target: target)
        default:
            return .refused(target: target, sqlState: state, reason: reason)
        }
    }

    /// The SQLSTATE and primary message of the first server error line (`SEVERITY:  CODE: message`).
    static func serverError(in message: String) -> (String, String)? {
        for line in message.split(separator: "\n") {
            var rest = line[...]
            while let colon = rest.range(of: ":  ") {
                let after = rest[colon.upperBound...]
                let code = after.prefix(5)
                if code.count == 5, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }),
                   after.dropFirst(5).hasPrefix(": ") {
                    return (String(code), String(after.dropFirst(7)))
                }
                rest = after
            }
        }
        return nil
    }

    /// libpq's own reason for a failed attempt, on one line, without its "connection to server … failed:" lead.
    static func clientReason(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = lines.first else { return "no reason given" }
        let lead = first.range(of: "failed: ", options: .backwards).map { String(first[$0.upperBound...]) } ?? first
        return ([lead] + lines.dropFirst()).joined(separator: " ")
    }
}
