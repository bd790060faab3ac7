/// The keyset conditions and orders of review lists (fixed SQL text; cursor values are bound).
enum ReviewListing {
    /// The extra WHERE clause after `after` and the ORDER BY for `sort`.
    static func keyset(_ sort: ReviewSort, after: ReviewCursor?) -> (condition: String, order: String) {
        switch sort {
        case .newest:
            return (after == nil ? "" : "AND (r.created_at, r.id) < (?, ?)", "r.created_at DESC, r.id DESC")
        case .highest:
            return (after == nil ? "" : "AND (r.rating, r.created_at, r.id) < (?, ?, ?)", "r.rating DESC, r.created_at DESC, r.id DESC")
        case .lowest:
            return (after == nil ? "" : "AND (r.rating > ? OR (r.rating = ? AND (r.created_at, r.id) < (?, ?)))",
                    "r.rating ASC, r.created_at DESC, r.id DESC")
        }
    }

    /// The values the condition of `keyset` binds, in order.
    static func values(_ after: ReviewCursor?) -> [SQLBindable?] {
        guard let after else { return [] }
        switch after.sort {
        case .newest: return [after.createdAt, after.id]
        case .highest: return [after.rating, after.createdAt, after.id]
        case .lowest: return [after.rating, after.rating, after.createdAt, after.id]
        }
    }
}
