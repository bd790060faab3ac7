import Commerce
import TerminalUI

/// A recommended product as a list shows it: its catalogue summary and why it is suggested.
struct SuggestedProduct {
    /// Title, price and stock, as any product list shows them.
    let summary: ProductSummary
    /// Why it is suggested ("bought together with Paper Filters"); empty when the heading says it.
    let reason: String
    /// The reason in a word or two ("bought together"), for a row too narrow for `reason`.
    let shortReason: String

    /// The reason in a word or two.
    static func short(_ reason: RecommendationReason) -> String {
        switch reason {
        case .boughtTogether: "bought together"
        case .similar: "similar"
        case .trending: "trending"
        case .boughtBefore: "bought before"
        }
    }
}

/// A short list of recommendations: one row per product with its reason muted and its price on the
/// right; a reason every row shares is left to the heading, and one too long for its row is said
/// in a word or two rather than cut. It reloads when the session's data or the recommender's model changes; while the
/// recommender has no model yet it shows the shop's popular products at once, except while the shop's model file is
/// loading (a moment after the first frame), when it waits for it rather than ask the database; nothing when the
/// session has no recommender.
@MainActor
final class SuggestionPane {
    /// What to ask the recommender, and the heading the answer gets.
    typealias Query = (Recommender) -> (heading: String, list: RecommendationList, showsReasons: Bool)

    /// What to show while the recommender has no model: the best sellers of `category` (the shop when nil).
    struct Popular {
        /// The heading ("Popular", "Popular in Tea").
        let heading: String
        /// The category whose subtree is listed first.
        let category: CategoryID?
        /// The product the page shows, never listed.
        var excluding: ProductID? = nil
        /// How many products to list.
        let k: Int
    }

    let session: ShopSession
    let list = ListState()
    /// The suggestions loaded, best first.
    private(set) var items: [SuggestedProduct] = []
    /// The heading for the current suggestions ("Customers also bought", "Trending in Tea").
    private(set) var heading = ""
    /// True while the recommender has no model and the shop's popular products are shown instead.
    private(set) var showsPopular = false
    /// True while the shop's model file is loading and nothing is shown yet.
    private(set) var isLoading = false
    private var loaded: (generation: Int, version: Int, key: String)?

    init(session: ShopSession) { self.session = session }

    /// Whether the session has a recommender, so there is anything to make room for.
    var isAvailable: Bool { session.recommender != nil }

    /// The selected suggestion, if any.
    var selected: SuggestedProduct? { items.indices.contains(list.selected) ? items[list.selected] : nil }

    /// Asks `query` again when the session, the recommender or `key` (what the list is about) changed;
    /// `popular` is shown instead while the recommender has no model.
    func refresh(key: String, popular: Popular, _ query: Query) {
        guard let recommender = session.recommender else { return }
        if let loaded, loaded.generation == session.generation, loaded.version == session.recommendationVersion, loaded.key == key { return }
        loaded = (session.generation, session.recommendationVersion, key)
        var answer = query(recommender)
        isLoading = answer.list.isWarmingUp && recommender.status == .loading
        showsPopular = answer.list.isWarmingUp && !isLoading
        if isLoading {
            heading = answer.heading  // what the model will fill it with
            items = []
            return
        }
        if showsPopular {
            let list = (try? session.store.popularProducts(category: popular.category, excluding: popular.excluding, k: popular.k)) ?? .empty
            answer = (popular.heading, list, false)
        }
        heading = answer.heading
        let summaries = (try? session.store.productSummaries(for: answer.list.items)) ?? []
        let reasons = Dictionary(answer.list.items.map { ($0.product.id, $0.reason) }, uniquingKeysWith: { first, _ in first })
        // The same reason on every row ("bought together with <this product>") is what the heading says.
        let varied = Set(answer.list.items.map(\.reason.description)).count > 1
        items = summaries.map { summary in
            let reason = answer.showsReasons && varied ? reasons[summary.id] : nil
            return SuggestedProduct(summary: summary, reason: reason?.description ?? "", shortReason: reason.map(SuggestedProduct.short) ?? "")
        }
        list.select(list.selected, count: items.count)
    }

    /// Moves the selection for navigation keys.
    func navigate(_ key: Key) -> Bool { list.navigate(key, count: items.count, pageSize: 5) }

    /// Draws the rows (no border) into `rect`, or a muted line when there are none.
    func draw(into surface: any Surface, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        guard !items.isEmpty else {
            let text = isLoading ? "Loading" + surface.glyphs.ellipsis : "No suggestions yet."
            surface.putLine(text, in: rect.row(0).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        list.rowsRect = rect
        for index in list.visibleRange(height: rect.height, count: items.count) {
            drawRow(items[index], selected: focused && index == list.selected, into: surface, in: rect.row(index - list.offset))
        }
    }

    private func drawRow(_ item: SuggestedProduct, selected: Bool, into surface: any Surface, in line: Rect) {
        let style = selected ? Style.selection : .text
        if selected { surface.fill(line, style: style) }
        surface.put(selected ? String(surface.glyphs.pointer) : " ", at: Point(x: line.x, y: line.y), style: style)
        let p = item.summary
        let price = p.priceMin == p.priceMax ? p.priceMin.formatted : "from " + p.priceMin.formatted
        let priceWidth = DisplayWidth.of(price)
        let textWidth = max(0, line.width - 3 - priceWidth - 2)
        let titleWidth = DisplayWidth.of(p.title.sanitizedForTerminal)
        // The whole reason if it fits after the whole title, else its short form, else none.
        let reason = [item.reason, item.shortReason].first { !$0.isEmpty && titleWidth + 2 + DisplayWidth.of($0) <= textWidth } ?? ""
        let shownTitle = TextLayout.truncate(p.title.sanitizedForTerminal, toWidth: textWidth, ellipsis: surface.glyphs.ellipsis)
        let used = surface.put(shownTitle, at: Point(x: line.x + 2, y: line.y), style: style, maxWidth: textWidth)
        if !reason.isEmpty {
            surface.put("  " + reason, at: Point(x: line.x + 2 + used, y: line.y), style: selected ? style : .muted)
        }
        surface.putLine(price, in: Rect(x: line.maxX - priceWidth - 1, y: line.y, width: priceWidth, height: 1),
                        style: selected ? style : .price, alignRight: true)
    }
}
