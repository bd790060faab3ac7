extension Store {
    /// A number that changes whenever another connection — another session or process — commits to
    /// the shop, cheap enough to poll each frame; nil when the database cannot be asked (poll again later).
    public func changeVersion() -> Int64? { try? db.dataVersion() }
}
