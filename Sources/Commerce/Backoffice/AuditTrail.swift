import Foundation

/// What to find in the audit log; nil fields match everything.
public struct AuditFilter: Sendable, Equatable {
    /// The actor's label exactly ("admin@curio.shop", "cli:kim", "system").
    public var actor: String?
    /// An action ("order.ship") or a kind of action ("order" matches every "order.…").
    public var kind: String?
    /// From this time on (ms since the epoch, inclusive).
    public var since: Int64?
    /// Before this time (ms since the epoch, exclusive).
    public var until: Int64?
    /// Everything.
    public init(actor: String? = nil, kind: String? = nil, since: Int64? = nil, until: Int64? = nil) {
        self.actor = actor
        self.kind = kind
        self.since = since
        self.until = until
    }
}

/// One entry of the audit log.
public struct AuditEntry: Sendable, Equatable {
    /// The entry's id.
    public let id: Int64
    /// Who did it.
    public let actor: String
    /// What was done ("order.ship", "product.bulk_price" …).
    public let action: String
    /// The kind of thing it was done to ("order", "product").
    public let entity: String
    /// Which one, when it has an id.
    public let entityID: Int64?
    /// The recorded details.
    public let detail: [String: String]
    /// When.
    public let at: Int64
    /// The value before the change, when the entry recorded one.
    public var before: String? { detail["before"] ?? detail["from"] }
    /// The value after the change, when the entry recorded one.
    public var after: String? { detail["after"] ?? detail["to"] }
}

/// Reading the audit log: who did what, when, before → after. Staff only.
public struct AuditTrail {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The newest entries matching `filter`, newest first.
    public func entries(_ filter: AuditFilter = AuditFilter(), limit: Int = 200, as caller: Caller) throws(CommerceError) -> [AuditEntry] {
        try caller.require(.staff, to: "read the audit log")
        // Only the given filters go into the query (values bound), so it can use the log's indexes
        // on actor, action and time.
        var conditions: [String] = []
        var values: [SQLBindable?] = []
        if let actor = filter.actor {
            conditions.append("actor_label = ?")
            values.append(actor)
        }
        if let kind = filter.kind?.trimmingCharacters(in: .whitespaces).lowercased(), !kind.isEmpty {
            // "order" matches "order" and every "order.…": the range from "order." up to "order/".
            conditions.append("(action = ? OR (action >= ? AND action < ?))")
            values += [kind, kind + ".", kind + "/"]
        }
        if let since = filter.since {
            conditions.append("created_at >= ?")
            values.append(since)
        }
        if let until = filter.until {
            conditions.append("created_at < ?")
            values.append(until)
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try store.read {
            try db.all("SELECT id, actor_label, action, entity, entity_id, detail, created_at FROM audit_log" + condition
                       + " ORDER BY created_at DESC, id DESC LIMIT ?", values: values + [max(0, limit)]) { row in
                AuditEntry(id: row.int64(0), actor: row.string(1), action: row.string(2), entity: row.string(3),
                           entityID: row.optionalInt64(4), detail: AuditTrail.detail(row.string(5)), at: row.int64(6))
            }
        }
    }

    static func detail(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { value in (value as? String) ?? "\(value)" }
    }
}

extension Store {
    /// The audit log, for reading.
    public var auditTrail: AuditTrail { AuditTrail(store: self) }
}
