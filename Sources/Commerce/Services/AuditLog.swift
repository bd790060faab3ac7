import Foundation

/// The append-only record of what staff and the system changed.
public struct AuditLog {
    let store: Store

    /// Records `action` on `entity` by `caller`, with details as JSON. Call inside the change's transaction.
    public func record(_ caller: Caller, action: String, entity: String, entityID: Int64?,
                       detail: [String: String] = [:]) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), as: UTF8.self)
        try store.db.execute("""
            INSERT INTO audit_log(actor_id, actor_label, action, entity, entity_id, detail, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, caller.userID, caller.label, action, entity, entityID, json, store.clock.now())
    }
}

extension Store {
    /// The audit log of this store.
    public var audit: AuditLog { AuditLog(store: self) }
}
