/// A review as staff see it when moderating: the review and whether it is hidden.
public struct ModeratedReview: Sendable, Equatable {
    /// The review.
    public let review: Review
    /// True when staff hid it: kept, but out of the product's rating and its public list.
    public let hidden: Bool
}

/// Staff moderation of reviews: list the newest (hidden ones too), hide, show again, delete. The
/// product's rating follows through the schema's triggers. Staff only; every change is audited.
public struct ReviewModeration {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The newest reviews across the shop (or of one product), hidden ones included.
    public func list(product: ProductID? = nil, limit: Int = 100, as caller: Caller) throws(CommerceError) -> [ModeratedReview] {
        try caller.require(.staff, to: "moderate reviews")
        return try store.read {
            try db.all(Review.select.replacingOccurrences(of: "FROM reviews r", with: ", r.hidden FROM reviews r")
                       + " WHERE (CAST(?1 AS BIGINT) IS NULL OR r.product_id = ?1) ORDER BY r.created_at DESC, r.id DESC LIMIT ?2",
                       product, max(0, limit)) { row in
                ModeratedReview(review: Review(row: row), hidden: row.bool(10))
            }
        }
    }

    /// Hides a review (or shows it again with `hidden: false`); the product's rating follows.
    public func setHidden(_ id: ReviewID, _ hidden: Bool, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "moderate reviews")
        try store.write {
            guard let before = try db.first("SELECT hidden, product_id FROM reviews WHERE id = ?", id, map: { ($0.bool(0), $0.int64(1)) }) else {
                throw CommerceError.notFound("no review with id \(id)")
            }
            guard before.0 != hidden else { return }
            try db.execute("UPDATE reviews SET hidden = ? WHERE id = ?", hidden, id)
            try store.audit.record(caller, action: hidden ? "review.hide" : "review.show", entity: "review", entityID: id.rawValue,
                                   detail: ["product_id": String(before.1), "before": before.0 ? "hidden" : "shown",
                                            "after": hidden ? "hidden" : "shown"])
        }
    }

    /// Deletes a review for good; the product's rating follows.
    public func delete(_ id: ReviewID, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "moderate reviews")
        try store.write {
            guard let found = try db.first(Review.select + " WHERE r.id = ?", id, map: { Review(row: $0) }) else {
                throw CommerceError.notFound("no review with id \(id)")
            }
            try db.execute("DELETE FROM reviews WHERE id = ?", id)
            try store.audit.record(caller, action: "review.delete", entity: "review", entityID: id.rawValue, detail: [
                "product_id": String(found.productID.rawValue), "author_id": String(found.authorID.rawValue),
                "rating": String(found.rating), "title": found.title, "before": "\(found.rating)★ \(found.title)", "after": "deleted",
            ])
        }
    }
}

extension Store {
    /// Review moderation of this store.
    public var reviewModeration: ReviewModeration { ReviewModeration(store: self) }
}
