import CSQLite

/// PostgreSQL SQLSTATEs Curio acts on, and their mapping onto SQLite's result codes so one
/// `DatabaseError` classification serves both backends.
enum PostgresErrorCodes {
    static let uniqueViolation = "23505"
    static let checkViolation = "23514"
    static let foreignKeyViolation = "23503"
    static let notNullViolation = "23502"
    /// `RAISE EXCEPTION` in PL/pgSQL, as the append-only triggers use; SQLite's `RAISE(ABORT, …)`.
    static let raiseException = "P0001"
    static let serializationFailure = "40001"
    static let deadlockDetected = "40P01"
    static let lockNotAvailable = "55P03"
    static let queryCanceled = "57014"
    static let inFailedTransaction = "25P02"
    static let readOnlyTransaction = "25006"
    static let insufficientPrivilege = "42501"
    static let indeterminateDatatype = "42P18"
    static let diskFull = "53100"
    static let tooManyConnections = "53300"
    static let cannotConnectNow = "57P03"
    static let invalidAuthorization = "28000"
    static let invalidPassword = "28P01"
    static let invalidCatalogName = "3D000"
    static let dataCorrupted = "XX001"
    static let indexCorrupted = "XX002"
    static let syntaxError = "42601"
    /// A statement given more or fewer values than it has placeholders.
    static let undefinedParameter = "42P02"
    /// Text PostgreSQL cannot hold (a NUL character).
    static let characterNotInRepertoire = "22021"
    /// A prepared statement whose plan a schema change invalidated.
    static let featureNotSupported = "0A000"
    /// A prepared statement the server no longer knows (after `DISCARD ALL` or a pooler switching sessions).
    static let invalidStatementName = "26000"
    /// libpq's own state for a connection that broke (no server involved).
    static let connectionFailure = "08006"

    /// The SQLite extended result code for the same kind of failure as `sqlState`.
    static func sqliteCode(for sqlState: String) -> Int32 {
        switch sqlState {
        case uniqueViolation: return ExtendedCode.constraintUnique
        case checkViolation: return ExtendedCode.constraintCheck
        case foreignKeyViolation: return ExtendedCode.constraintForeignKey
        case notNullViolation: return ExtendedCode.constraintNotNull
        case raiseException: return ExtendedCode.constraintTrigger
        case serializationFailure, deadlockDetected, lockNotAvailable, tooManyConnections, cannotConnectNow:
            return SQLITE_BUSY
        case queryCanceled: return SQLITE_INTERRUPT
        case undefinedParameter: return SQLITE_RANGE
        case readOnlyTransaction: return SQLITE_READONLY
        case insufficientPrivilege, invalidAuthorization, invalidPassword: return SQLITE_PERM
        case diskFull: return SQLITE_FULL
        case dataCorrupted, indexCorrupted: return SQLITE_CORRUPT
        default: break
        }
        switch sqlState.prefix(2) {
        case "23": return SQLITE_CONSTRAINT
        case "22": return SQLITE_MISMATCH
        case "08": return SQLITE_IOERR
        case "53", "54": return SQLITE_FULL
        case "58", "XX": return SQLITE_IOERR
        default: return SQLITE_ERROR
        }
    }
}
