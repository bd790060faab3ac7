/// What the category tree's counts depend on, in two numbers kept by triggers: the catalog counter
/// (products added, removed or moved between categories, categories changed) and the newest row of
/// the availability change log (a product's status or publication changed, or its stock ran out or
/// came back). Equal versions mean the same counts; an order that leaves stock on the shelf changes
/// neither. One row read each, on either backend.
struct ListingVersion: Equatable {
    let catalog: Int64
    let availability: Int64?

    /// The version committed now (or as the reading transaction sees it).
    static func current(_ db: any SQLConnection) throws -> ListingVersion {
        try db.first("""
            SELECT (SELECT catalog FROM recommender_inputs WHERE id = 1), (SELECT max(seq) FROM product_availability_changes)
            """) { ListingVersion(catalog: $0.optionalInt64(0) ?? 0, availability: $0.optionalInt64(1)) }
            ?? ListingVersion(catalog: 0, availability: nil)
    }
}
