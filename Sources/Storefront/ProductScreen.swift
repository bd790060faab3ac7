import Commerce
import TerminalUI

/// One product: title, price and compare-at price, rating, the variants with their stock, the
/// description, the newest reviews and "customers also bought" suggestions. `a` adds the chosen
/// variant and quantity to the cart, Tab moves into the suggestions (Enter opens one), `r` writes
/// a review.
final class ProductScreen: Screen {
    enum Command { case move, more, less, add, switchFocus, review, nav(NavCommand) }

    let session: ShopSession
    let handle: String
    private var product: ProductDetail?
    private var reviews: [Review] = []
    private let variantList = ListState()
    private var quantity = 1
    private var freshness = Freshness()
    private let suggestions: SuggestionPane
    private var suggestionsFocused = false
    var title: String { product?.summary.title ?? "Product" }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, handle: String) {
        self.session = session
        self.handle = handle
        self.suggestions = SuggestionPane(session: session)
        product = try? session.store.catalog.product(handle: handle, caller: session.caller)  // for the title bar's first frame
    }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [
            .move(.move),
            KeyBinding([.char("+"), .char("=")], "+/-", help: "Quantity", command: .more),
            KeyBinding([.char("-")], help: "Fewer", inFooter: false, command: .less),
            KeyBinding([.char("a"), .enter], "a", help: "Add to cart", command: .add),
        ]
        if !suggestions.items.isEmpty {
            bindings.append(KeyBinding([.tab, .backTab], "Tab", help: suggestionsFocused ? "Variants" : "Suggestions", command: .switchFocus))
        }
        bindings.append(KeyBinding([.char("r")], help: "Write a review", inFooter: session.user != nil, command: .review))
        return KeyMap(bindings + NavCommand.bindings(Command.nav))
    }

    private var variants: [VariantDetail] { product?.variants.filter { !$0.archived } ?? [] }
    private var variant: VariantDetail? { variants.indices.contains(variantList.selected) ? variants[variantList.selected] : nil }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, handle = self.handle
        guard let detail = session.attempt(context, { () throws(CommerceError) in try store.catalog.product(handle: handle, caller: caller) }) else { return }
        product = detail
        reviews = session.attempt(context) { () throws(CommerceError) in
            try store.reviews.list(product: detail.summary.id, limit: 5).reviews
        } ?? []
        variantList.select(variantList.selected, count: variants.count)
    }

    /// Asks the recommender for what goes with this product: bought together, else similar ones.
    private func refreshSuggestions(_ id: ProductID) {
        suggestions.refresh(key: "\(id)") { recommender in
            let also = recommender.alsoBought(product: id, k: 6)
            let together = also.items.contains { if case .boughtTogether = $0.reason { true } else { false } }
            if also.isWarmingUp || together { return ("Customers also bought", also, true) }
            let similar = recommender.similar(product: id, k: 6)
            return ("Similar", similar.items.isEmpty ? also : similar, true)
        }
        if suggestions.items.isEmpty { suggestionsFocused = false }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        if freshness.isStale(session) { reload(context) }
        if let id = product?.summary.id { refreshSuggestions(id) }
        guard let product else {
            surface.putLine("This product is not available.", in: rect.row(1).inset(dx: 2, dy: 0), style: .muted)
            return
        }
        let panes = PaneLayout(ratio: 0.55, minPrimary: 44, minSecondary: 36).split(rect)
        let left = surface.box(panes.primary, title: product.summary.vendor.isEmpty ? "Product" : product.summary.vendor)
        let inner = left.inset(dx: 1, dy: 0)
        var y = drawHeader(product, into: surface, in: inner)
        if let right = panes.secondary {
            y += drawVariants(into: surface, in: Rect(x: inner.x, y: inner.y + y, width: inner.width, height: min(variants.count + 3, inner.height - y)))
            drawReviews(into: surface, in: surface.box(right, title: "Reviews (\(product.summary.rating.count))"))
        } else {
            let variantRows = min(variants.count + 3, max(4, (inner.height - y) / 2))
            y += drawVariants(into: surface, in: Rect(x: inner.x, y: inner.y + y, width: inner.width, height: variantRows))
        }
        let below = Rect(x: inner.x, y: inner.y + y, width: inner.width, height: inner.height - y)
        drawDescription(product, into: surface, in: drawSuggestions(into: surface, below: below))
    }

    /// Draws the suggestions at the bottom of `rect` when they have room; returns what is left above.
    private func drawSuggestions(into surface: any Surface, below rect: Rect) -> Rect {
        guard suggestions.isAvailable, rect.height >= 9 else { return rect }
        let rows = min(7, rect.height / 2)
        let (above, strip) = rect.splitBottom(rows)
        surface.putLine(suggestions.heading, in: strip.row(0), style: suggestionsFocused ? Style.accent.with(.bold) : .accent)
        suggestions.draw(into: surface, in: Rect(x: strip.x - 1, y: strip.y + 1, width: strip.width + 2, height: rows - 1),
                         focused: suggestionsFocused)
        return Rect(x: above.x, y: above.y, width: above.width, height: above.height - 1)
    }

    /// Title, price, rating; returns the rows used.
    private func drawHeader(_ product: ProductDetail, into surface: any Surface, in rect: Rect) -> Int {
        let summary = product.summary
        surface.putLine(summary.title, in: rect.row(0), style: Style.accent.with(.bold))
        let price = variant?.price ?? summary.priceMin
        var x = rect.x + surface.put(price.formatted, at: Point(x: rect.x, y: rect.y + 1), style: .price)
        if let was = variant?.compareAt ?? summary.compareAt, was.minorUnits > price.minorUnits {
            x += surface.put("  was " + was.formatted, at: Point(x: x, y: rect.y + 1), style: .muted)
        }
        if let average = summary.rating.average {
            StarRating(rating: average).draw(into: surface, in: rect.row(2))
            surface.put("   \(summary.rating.count) review\(summary.rating.count == 1 ? "" : "s")", at: Point(x: rect.x + 10, y: rect.y + 2), style: .muted)
        } else {
            surface.putLine("No reviews yet", in: rect.row(2), style: .muted)
        }
        return 4
    }

    /// The variants with stock and the quantity line; returns the rows used.
    private func drawVariants(into surface: any Surface, in rect: Rect) -> Int {
        guard rect.height >= 2 else { return 0 }
        let variants = self.variants
        let label = (product?.optionNames.isEmpty ?? true) ? "Variant" : (product?.optionNames.joined(separator: " / ") ?? "")
        surface.putLine(variants.count > 1 ? "\(label) (↑↓ to choose)" : "Stock", in: rect.row(0), style: .muted)
        let listRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: min(variants.count, rect.height - 3))
        ListView(count: variants.count, state: variantList, isFocused: true) { i in
            let v = variants[i]
            let stock = v.isSoldOut ? "sold out" : v.isLowStock ? "only \(v.stock) left" : "\(v.stock) in stock"
            return ListRow(v.title, detail: "\(v.price.formatted) · \(stock)",
                           style: v.isSoldOut ? .muted : .text, detailStyle: v.isSoldOut ? .error : v.isLowStock ? .warning : .success)
        }.draw(into: surface, in: listRect)
        let qtyRow = rect.row(listRect.height + 1)
        let x = qtyRow.x + surface.put("Quantity: ", at: Point(x: qtyRow.x, y: qtyRow.y), style: .muted)
        surface.put("− \(quantity) +", at: Point(x: x, y: qtyRow.y), style: Style.accent)
        return listRect.height + 3
    }

    private func drawDescription(_ product: ProductDetail, into surface: any Surface, in rect: Rect) {
        guard rect.height > 0 else { return }
        surface.putWrapped(product.description, in: rect)
    }

    private func drawReviews(into surface: any Surface, in rect: Rect) {
        guard !reviews.isEmpty else {
            surface.putLine("No reviews yet.", in: rect.row(0).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        var y = rect.y
        let inner = rect.inset(dx: 1, dy: 0)
        for review in reviews where y < rect.maxY - 1 {
            let stars = StarRating.render(Double(review.rating), outOf: 5, glyphs: surface.glyphs)
            var x = inner.x + surface.put(stars + " ", at: Point(x: inner.x, y: y), style: .warning)
            x += surface.put(review.title, at: Point(x: x, y: y), style: Style.text.with(.bold), maxWidth: inner.maxX - x)
            y += 1
            let by = review.authorName + (review.verified ? " · verified purchase" : "")
            surface.putLine(by, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .muted)
            y += 1
            y += surface.putWrapped(review.body, in: Rect(x: inner.x, y: y, width: inner.width, height: min(3, rect.maxY - y)))
            y += 1
        }
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        guard suggestionsFocused else { return variantList.navigate(key, count: variants.count, pageSize: 5) ? .handled : nil }
        if key == .enter, let chosen = suggestions.selected { return .push(ProductScreen(session: session, handle: chosen.summary.handle)) }
        return suggestions.navigate(key) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: break
        case .more: quantity = min(99, quantity + 1)
        case .less: quantity = max(1, quantity - 1)
        case .add: addToCart(context)
        case .switchFocus: suggestionsFocused = !suggestionsFocused && !suggestions.items.isEmpty
        case .review: return writeReview(context)
        case .nav(let nav): return nav.action(session)
        }
        return .handled
    }

    private func writeReview(_ context: AppContext) -> ScreenAction {
        guard let product else { return .handled }
        guard session.user != nil else {
            context.toast("Sign in to write a review (press u)", kind: .error)
            return .handled
        }
        guard session.caller.role == .customer else {
            context.toast("Staff accounts cannot review products; sign in as a customer", kind: .error)
            return .handled
        }
        return .push(ReviewScreen(session: session, product: product.summary))
    }

    private func addToCart(_ context: AppContext) {
        guard let variant, let product else { return }
        let store = session.store, caller = session.caller, quantity = self.quantity
        guard session.attempt(context, { () throws(CommerceError) in
            try store.carts.add(variant: variant.id, quantity: quantity, as: caller)
        }) != nil else { return }
        session.changed()
        let what = variants.count > 1 ? "\(product.summary.title) (\(variant.title))" : product.summary.title
        context.toast("Added \(quantity) × \(what) to the cart", kind: .success)
    }
}
