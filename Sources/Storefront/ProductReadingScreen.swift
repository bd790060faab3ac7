import Commerce
import TerminalUI

/// A product's whole description and every review, as one page that scrolls (the product page has
/// room for the start of both). Reviews load a page at a time as the shopper scrolls towards them.
final class ProductReadingScreen: Screen {
    enum Command { case scroll, reviews, description }
    /// Where the page opens.
    enum Start { case description, reviews }

    let session: ShopSession
    let product: ProductDetail
    private(set) var reviews: [Review] = []
    private var next: ReviewCursor?
    private var loadedAll = false
    private var document: Document?
    private var reviewsRow = 0
    private var pendingStart: Start?
    private let scroll = ScrollState()
    var title: String { product.summary.title }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, product: ProductDetail, start: Start) {
        self.session = session
        self.product = product
        self.pendingStart = start
    }

    let keyMap: KeyMap<Command> = [
        KeyBinding([], "\(Glyph.up)\(Glyph.down)/PgUp/PgDn", help: "Scroll", command: .scroll),
        KeyBinding([.char("v")], help: "Reviews", priority: .high, command: .reviews),
        KeyBinding([.char("d")], help: "Description", priority: .high, command: .description),
    ]

    /// Loads the next page of reviews (100 at a time, the most one call gives).
    private func loadMore(_ context: AppContext) {
        guard !loadedAll else { return }
        let store = session.store, id = product.summary.id, after = next
        guard let page = session.attempt(context, { () throws(CommerceError) in
            try store.reviews.list(product: id, limit: Reviews.maximumLimit, after: after)
        }) else {
            loadedAll = true
            return
        }
        reviews += page.reviews
        next = page.nextCursor
        loadedAll = page.nextCursor == nil
        document = nil
    }

    private func layout(width: Int, glyphs: Glyphs) -> Document {
        var text = Document(width: width)
        text.line(product.summary.title, style: Style.accent.with(.bold))
        text.blank()
        text.paragraph(product.description.isEmpty ? "No description." : product.description,
                       style: product.description.isEmpty ? .muted : .text)
        text.blank()
        reviewsRow = text.lines.count
        let count = product.summary.rating.count
        text.line("Reviews (\(count))", style: Style.accent.with(.bold))
        if reviews.isEmpty { text.line("No reviews yet.", style: .muted) }
        for review in reviews {
            text.blank()
            let stars = StarRating.render(Double(review.rating), outOf: 5, glyphs: glyphs)
            text.line(stars + (review.title.isEmpty ? "" : "  " + review.title), style: Style.warning.with(.bold))
            let by = review.authorName + (review.verified ? " \(Glyph.middleDot) verified purchase" : "")
                + " \(Glyph.middleDot) " + OrderText.date(review.createdAt)
            text.line(by, style: .muted)
            if !review.body.isEmpty { text.paragraph(review.body) }
        }
        if !loadedAll { text.line("\(Glyph.ellipsis)", style: .muted) }
        return text
    }

    func prepare(context: AppContext) {
        if reviews.isEmpty && !loadedAll { loadMore(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let inside = surface.box(rect, title: "About this product").inset(dx: 1, dy: 0)
        if document?.width != inside.width { document = layout(width: inside.width, glyphs: surface.glyphs) }
        let lines = document?.lines ?? []
        DocumentView(lines: lines, state: scroll).draw(into: surface, in: inside)
        if let start = pendingStart {
            pendingStart = nil
            if start == .reviews {
                scroll.scroll(to: reviewsRow)
                DocumentView(lines: lines, state: scroll).draw(into: surface, in: inside)
            }
        }
        DocumentView.drawPosition(of: scroll, into: surface, onBorderOf: rect)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        guard scroll.navigate(key) else { return nil }
        // Near the end of what is loaded: fetch the next reviews.
        if !loadedAll, scroll.offset + 2 * scroll.pageSize >= scroll.lineCount { loadMore(context) }
        return .handled
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .scroll: break
        case .reviews: scroll.scroll(to: reviewsRow)
        case .description: scroll.scroll(to: 0)
        }
        return .handled
    }
}
