import Foundation

/// An open shop: one database connection and the settings every service shares.
/// Services are cheap views over it (`store.catalog`, `store.accounts` …). Use from one thread at a time;
/// another thread or process opens its own `Store` on the same file.
public final class Store {
    /// The connection all services of this store use: SQLite's `Database` or a `PostgresConnection`.
    /// Storage SPI: screens and the CLI reach the shop through services only; the benchmarks and
    /// tests that measure or check storage itself opt in with `@_spi(Storage) import Commerce`.
    @_spi(Storage) public let db: any SQLConnection
    /// Where the shop's database is.
    public let location: StoreLocation
    /// The shop's currency (`settings.currency`, USD when unset).
    public let currency: Currency
    /// The scrypt cost for new password hashes; lower it only for tests and generated data.
    public var passwordHasher: PasswordHasher = .standard
    /// The JSON-lines log (`curio.log` beside a SQLite file, in this host's state folder for PostgreSQL);
    /// nil when it cannot be written.
    public lazy var log: EventLog? = EventLog.beside(location)
    /// Called in this process after each order is placed and paid (or placed to pay on delivery), after
    /// the commit; the recommender learns new orders this way without waiting for a rebuild.
    public var orderPlacedObservers: [@Sendable (PlacedOrderNotice) -> Void] = []
    /// Objects that must live as long as this store does (a test's throwaway PostgreSQL database).
    var companions: [AnyObject] = []
    /// The category tree last read, with the listing it counted (`Catalog.categories`).
    var categoryTree: (version: ListingVersion, nodes: [CategoryNode])?
    /// The payment provider checkout and refunds use: the test gateway, journalling its charges beside
    /// a SQLite shop (`test-gateway.jsonl`, shared by the processes on that file). A PostgreSQL shop's
    /// front hosts share no folder, so there it keeps no journal and cannot look charges up.
    public var paymentGateway: any PaymentGateway = TestGateway()
    /// The time every service of this store records and compares with (the wall clock unless a test fixes it).
    public var clock: Clock = .wall

    /// Opens (creating and migrating when needed) the shop at `path`.
    public convenience init(path: String, options: DatabaseOptions = DatabaseOptions()) throws {
        try self.init(connection: try CurioDatabase.open(path: path, options: options), location: .file(path))
    }

    /// Opens (creating and migrating when needed) the shop at `location`: a SQLite file, or a PostgreSQL
    /// database (which must exist on its server; its schema is created when it is empty, unless
    /// `options.mustExist`). The busy timeout is PostgreSQL's lock timeout.
    public convenience init(location: StoreLocation, options: DatabaseOptions = DatabaseOptions()) throws {
        switch location {
        case .file(let path):
            try self.init(path: path, options: options)
        case .postgres(let target):
            var postgres = PostgresOptions()
            postgres.lockTimeoutMilliseconds = options.busyTimeoutMilliseconds
            try self.init(connection: try CurioDatabase.open(postgres: target, options: postgres, mustExist: options.mustExist),
                          location: location)
        }
    }

    /// A store over a connection already opened and migrated by `CurioDatabase`.
    init(connection: any SQLConnection, location: StoreLocation) throws {
        db = connection
        self.location = location
        if location.filePath != nil {
            paymentGateway = TestGateway(journal: (location.sidecarFolder as NSString).appendingPathComponent("test-gateway.jsonl"))
        }
        let code = try db.scalarString("SELECT value FROM settings WHERE key = 'currency'") ?? "USD"
        currency = Currency(code: code) ?? .usd
    }

    /// An amount in the shop's currency.
    public func money(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: currency) }

    /// Runs a service's work in a transaction, turning database failures into `CommerceError.storage`
    /// (written to `curio.log` as an error) while letting `CommerceError`s through unchanged. A
    /// `.rowLocked` transaction that lost a race (a deadlock, or a unique key another checkout took first)
    /// rolls back and runs again, up to `Store.conflictAttempts` times; a nested one leaves that to its outer one.
    @discardableResult
    public func write<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws(CommerceError) -> T {
        let nested = !db.isAutocommit
        var attempt = 1
        while true {
            do {
                return try db.transaction(kind, body)
            } catch {
                let failure = Self.storageFailure(error)
                if kind == .rowLocked, !nested, attempt < Self.conflictAttempts, let failure, failure.isLostRace {
                    attempt += 1
                    continue
                }
                // A lost race inside another transaction is the outer one's to run again, or to log.
                if nested, let failure, failure.isLostRace { throw CommerceError.storage(failure) }
                if let commerce = error as? CommerceError {
                    if let failure, failure.isLostRace { throw logged(commerce) }
                    throw commerce
                }
                throw logged(.storage(failure ?? DatabaseError(code: 1, message: "\(error)")))
            }
        }
    }

    /// How many times a `.rowLocked` transaction runs before a lost race is reported as a failure.
    static let conflictAttempts = 5

    /// The database failure inside `error`, whether raw or already wrapped by a nested `write`.
    private static func storageFailure(_ error: Error) -> DatabaseError? {
        if let failure = error as? DatabaseError { return failure }
        if case .storage(let failure)? = error as? CommerceError { return failure }
        return nil
    }

    /// Runs read-only service work, translating errors as `write` does.
    @discardableResult
    public func read<T>(_ body: () throws -> T) throws(CommerceError) -> T {
        do {
            return try body()
        } catch let error as CommerceError {
            throw error
        } catch let error as DatabaseError {
            throw logged(.storage(error))
        } catch {
            throw logged(.storage(DatabaseError(code: 1, message: "\(error)")))
        }
    }
}

extension Store {
    /// `error`, after writing it to the shop's log when it is a fault (`EventLog.fault`): every
    /// database failure a service meets reaches the System screen, whichever screen or command met it.
    func logged(_ error: CommerceError, _ fields: [String: Any] = [:]) -> CommerceError {
        let event: String
        if case .storage = error { event = "storage.failed" } else { event = "payment.unavailable" }
        log?.fault(error, event: event, fields)
        return error
    }
}

/// What observers hear about a newly placed order.
public struct PlacedOrderNotice: Sendable, Equatable {
    /// The order's row id.
    public let order: OrderID
    /// The human order number.
    public let number: Int
    /// The account that placed it, if any.
    public let user: UserID?
    /// The contact email.
    public let email: String
    /// The products bought, one entry per line.
    public let products: [ProductID]
    /// When it was placed (ms since the epoch).
    public let at: Int64
}
