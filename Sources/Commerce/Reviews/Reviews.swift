/// Product reviews: one per customer per product (posting again replaces it), verified when the customer
/// bought the product; the product's rating sum and count follow through triggers.
public struct Reviews {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The largest page `list` returns.
    public static let maximumLimit = 100

    /// Posts the caller's review of an active product, or replaces their earlier one (keeping its first
    /// posting time). Signed-in customers only. Emits `ReviewPosted` in the same transaction.
    @discardableResult
    public func post(product: ProductID, rating: Int, title: String = "", body: String = "",
                     as caller: Caller) throws(CommerceError) -> Review {
        let user = try caller.requireAccount(to: "write a review")
        guard caller.role == .customer else {
            throw .forbidden("staff accounts cannot review products; sign in with a customer account")
        }
        let text = try ReviewText.validated(rating: rating, title: title, body: body)
        let id = try store.write {
            guard try db.scalarInt("SELECT 1 FROM products WHERE id = ? AND status = 'active'", product) != nil else {
                throw CommerceError.notFound("no product with id \(product) is for sale")
            }
            let verified = try db.scalarInt("""
                SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE o.user_id = ? AND l.product_id = ? AND o.status <> 'CANCELLED' LIMIT 1
                """, user, product) != nil
            let earlier = try db.scalarInt("SELECT id FROM reviews WHERE product_id = ? AND user_id = ?", product, user)
            let now = store.clock.now()
            try db.execute("""
                INSERT INTO reviews(product_id, user_id, rating, title, body, verified, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(product_id, user_id) DO UPDATE SET
                    rating = excluded.rating, title = excluded.title, body = excluded.body,
                    verified = excluded.verified, updated_at = excluded.updated_at
                """, product, user, rating, text.title, text.body, verified, now, now)
            let id = try earlier ?? db.scalarInt("SELECT id FROM reviews WHERE product_id = ? AND user_id = ?", product, user) ?? 0
            try store.outbox.emit(.reviewPosted(ReviewPosted(reviewID: id, productID: product.rawValue, userID: user.rawValue,
                                                             rating: rating, verified: verified, replaced: earlier != nil)))
            return id
        }
        return try review(ReviewID(id))
    }

    /// One page of a product's reviews in `sort` order; pass the previous page's `nextCursor` as `after`.
    public func list(product: ProductID, sort: ReviewSort = .newest, limit: Int = 20,
                     after: ReviewCursor? = nil) throws(CommerceError) -> ReviewPage {
        guard (1...Reviews.maximumLimit).contains(limit) else {
            throw .invalid(field: "limit", reason: "must be between 1 and \(Reviews.maximumLimit) (got \(limit))")
        }
        if let after, after.sort != sort {
            throw .invalid(field: "cursor", reason: "it belongs to a list in \(after.sort.rawValue) order, not \(sort.rawValue)")
        }
        let (condition, order) = ReviewListing.keyset(sort, after: after)
        let values: [SQLBindable?] = [product] + ReviewListing.values(after) + [limit + 1]
        var rows = try store.read {
            try db.all(Review.select + " WHERE r.product_id = ? AND r.hidden = 0 \(condition) ORDER BY \(order) LIMIT ?", values: values) {
                Review(row: $0)
            }
        }
        let more = rows.count > limit
        if more { rows.removeLast() }
        let next = more ? rows.last.map { ReviewCursor(sort: sort, rating: $0.rating, createdAt: $0.createdAt, id: $0.id.rawValue) } : nil
        return ReviewPage(reviews: rows, nextCursor: next)
    }

    /// The caller's own review of `product`, or nil when they have not written one.
    public func mine(product: ProductID, as caller: Caller) throws(CommerceError) -> Review? {
        let user = try caller.requireAccount(to: "see your reviews")
        return try store.read {
            try db.first(Review.select + " WHERE r.product_id = ? AND r.user_id = ?", product, user) { Review(row: $0) }
        }
    }

    /// Deletes a review: its author may, and staff may (staff deletions are audited).
    public func delete(_ id: ReviewID, as caller: Caller) throws(CommerceError) {
        let user = try caller.requireAccount(to: "delete a review")
        try store.write {
            guard let found = try db.first(Review.select + " WHERE r.id = ?", id, map: { Review(row: $0) }) else {
                throw CommerceError.notFound("no review with id \(id)")
            }
            let ownReview = found.authorID == user
            if !ownReview { try caller.require(.staff, to: "delete other people's reviews") }
            try db.execute("DELETE FROM reviews WHERE id = ?", id)
            if !ownReview {
                try store.audit.record(caller, action: "review.delete", entity: "review", entityID: id.rawValue, detail: [
                    "product_id": String(found.productID.rawValue), "author_id": String(found.authorID.rawValue),
                    "rating": String(found.rating), "title": found.title,
                ])
            }
        }
    }

    private func review(_ id: ReviewID) throws(CommerceError) -> Review {
        let found = try store.read { try db.first(Review.select + " WHERE r.id = ?", id) { Review(row: $0) } }
        guard let found else { throw .notFound("no review with id \(id)") }
        return found
    }
}

extension Store {
    /// Product reviews of this store.
    public var reviews: Reviews { Reviews(store: self) }
}
