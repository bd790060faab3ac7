/// A customer's review of a product.
public struct Review: Sendable, Hashable, Identifiable {
    /// The review's row.
    public let id: ReviewID
    /// The product reviewed.
    public let productID: ProductID
    /// The author's account.
    public let authorID: UserID
    /// The author's display name.
    public let authorName: String
    /// 1 to 5 stars.
    public let rating: Int
    /// A short headline (may be empty).
    public let title: String
    /// The text (may be empty; may hold line breaks).
    public let body: String
    /// True when the author has a non-cancelled order containing the product.
    public let verified: Bool
    /// When it was first posted (ms since the epoch).
    public let createdAt: Int64
    /// When it was last changed (ms since the epoch).
    public let updatedAt: Int64

    static let select = """
        SELECT r.id, r.product_id, r.user_id, u.name, r.rating, r.title, r.body, r.verified, r.created_at, r.updated_at
        FROM reviews r JOIN users u ON u.id = r.user_id
        """

    init(row: Row) {
        id = ReviewID(row.int64(0))
        productID = ProductID(row.int64(1))
        authorID = UserID(row.int64(2))
        authorName = row.string(3)
        rating = row.int(4)
        title = row.string(5)
        body = row.string(6)
        verified = row.bool(7)
        createdAt = row.int64(8)
        updatedAt = row.int64(9)
    }
}

/// The order of a review list.
public enum ReviewSort: String, Sendable, CaseIterable, Codable {
    /// Most recently posted first.
    case newest
    /// Most stars first, then newest.
    case highest
    /// Fewest stars first, then newest.
    case lowest
}

/// Where the next page of reviews starts: the last review shown and the order it was shown in.
public struct ReviewCursor: Sendable, Hashable {
    /// The order the cursor belongs to.
    public let sort: ReviewSort
    let rating: Int
    let createdAt: Int64
    let id: Int64
}

/// One page of reviews and the cursor for the next one.
public struct ReviewPage: Sendable, Hashable {
    /// The reviews on this page.
    public let reviews: [Review]
    /// Pass as `after` for the next page; nil on the last page.
    public let nextCursor: ReviewCursor?
}
