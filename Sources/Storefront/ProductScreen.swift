import Commerce
import TerminalUI

/// One product: title, price and compare-at price, rating, the variants with their stock (and how
/// many are in the cart), the start of the description, the newest reviews and "customers also
/// bought" suggestions. `a` adds the chosen variant and quantity to the cart, Tab moves into the
/// suggestions (Enter opens one), `v` reads every review and `d` the whole description, `r` writes
/// a review (customers only).
final class ProductScreen: Screen {
    enum Command { case move, more, less, add, switchFocus, review, readReviews, readDescription, nav(NavCommand) }

    let session: ShopSession
    let handle: String
    private var product: ProductDetail?
    private var reviews: [Review] = []
    /// Units of each variant already in the cart.
    private var inCart: [VariantID: Int] = [:]
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
            KeyBinding([.char("a"), .enter], "a", help: "Add to cart", priority: .high, command: .add),
        ]
        if !suggestions.items.isEmpty {
            bindings.append(KeyBinding([.tab, .backTab], "Tab", help: suggestionsFocused ? "Variants" : "Suggestions", priority: .high,
                                       command: .switchFocus))
        }
        let reviewCount = product?.summary.rating.count ?? 0
        bindings.append(KeyBinding([.char("v")], help: reviewCount == 0 ? "Reviews" : "Reviews (\(reviewCount))", priority: .high,
                                   command: .readReviews))
        bindings.append(KeyBinding([.char("d")], help: "Description", command: .readDescription))
        // Only customers review; a guest learns how from the help (and a toast), staff are not offered it.
        if session.caller.role == .customer || session.user == nil {
            bindings.append(KeyBinding([.char("r")], help: "Write a review", inFooter: session.user != nil, command: .review))
        }
        return KeyMap(bindings + NavCommand.bindings(Command.nav, session: session))
    }

    private var variants: [VariantDetail] { product?.variants.filter { !$0.archived } ?? [] }
    private var variant: VariantDetail? { variants.indices.contains(variantList.selected) ? variants[variantList.selected] : nil }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, handle = self.handle
        guard let detail = session.attempt(context, { () throws(CommerceError) in try store.catalog.product(handle: handle, caller: caller) }) else { return }
        product = detail
        reviews = session.attempt(context) { () throws(CommerceError) in
            try store.reviews.list(product: detail.summary.id, limit: 12).reviews
        } ?? []
        let cart = try? store.carts.cart(as: caller)
        inCart = Dictionary((cart?.lines ?? []).map { ($0.variantID, $0.quantity) }, uniquingKeysWith: +)
        variantList.select(variantList.selected, count: variants.count)
    }

    /// Asks the recommender for what goes with this product: bought together, else similar ones.
    private func refreshSuggestions(_ id: ProductID) {
        let category = product?.categoryPath.last
        let popular = SuggestionPane.Popular(heading: category.map { "Popular in \($0.name)" } ?? "Popular", category: category?.id, excluding: id, k: 6)
        suggestions.refresh(key: "\(id)", popular: popular) { recommender in
            let also = recommender.alsoBought(product: id, k: 6)
            let together = also.items.contains { if case .boughtTogether = $0.reason { true } else { false } }
            if also.isWarmingUp || together { return ("Customers also bought", also, true) }
            let similar = recommender.similar(product: id, k: 6)
            return ("Similar", similar.items.isEmpty ? also : similar, true)
        }
        if suggestions.items.isEmpty { suggestionsFocused = false }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
        if let id = product?.summary.id { refreshSuggestions(id) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
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
            let count = summary.rating.count
            surface.put("   \(count) review\(count == 1 ? "" : "s") (v to read)", at: Point(x: rect.x + 10, y: rect.y + 2), style: .muted,
                        maxWidth: rect.width - 10)
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
        surface.putLine(variants.count > 1 ? "\(label) (\(Glyph.up)\(Glyph.down) to choose)" : "Stock", in: rect.row(0), style: .muted)
        let listRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: min(variants.count, rect.height - 3))
        let inCart = self.inCart
        ListView(count: variants.count, state: variantList, isFocused: true) { i in
            let v = variants[i]
            let (stock, style) = ProductScreen.stockText(v, inCart: inCart[v.id] ?? 0)
            return ListRow(v.title, detail: "\(v.price.formatted) \(Glyph.middleDot) \(stock)",
                           style: v.isSoldOut ? .muted : .text, detailStyle: style)
        }.draw(into: surface, in: listRect)
        let qtyRow = rect.row(listRect.height + 1)
        let x = qtyRow.x + surface.put("Quantity: ", at: Point(x: qtyRow.x, y: qtyRow.y), style: .muted)
        surface.put("\(Glyph.minus) \(quantity) +", at: Point(x: x, y: qtyRow.y), style: Style.accent)
        return listRect.height + 3
    }

    /// What the shop has of a variant, counting what the cart already holds, so "only 1 left" and
    /// "sold out" never disagree: "1 left, in your cart" when the cart has them all.
    static func stockText(_ v: VariantDetail, inCart: Int) -> (String, Style) {
        if v.isSoldOut { return ("sold out", .error) }
        if inCart >= v.stock { return ("\(v.stock) left, in your cart", .warning) }
        let cart = inCart > 0 ? ", \(inCart) in your cart" : ""
        if v.isLowStock { return ("only \(v.stock) left" + cart, .warning) }
        return ("\(v.stock) in stock" + cart, .success)
    }

    /// The start of the description; when it is cut, its last row ends with the ellipsis (d reads it all).
    private func drawDescription(_ product: ProductDetail, into surface: any Surface, in rect: Rect) {
        guard rect.height > 0 else { return }
        surface.putWrapped(product.description, in: rect)
    }

    /// The newest reviews, each body cut to three rows with the ellipsis; the last row says how to
    /// read them all when there are more than fit.
    private func drawReviews(into surface: any Surface, in rect: Rect) {
        guard !reviews.isEmpty else {
            surface.putLine("No reviews yet.", in: rect.row(0).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        var y = rect.y
        let inner = rect.inset(dx: 1, dy: 0)
        let footer = rect.maxY - 1
        var shown = 0
        for review in reviews where y + 2 < footer {
            let stars = StarRating.render(Double(review.rating), outOf: 5, glyphs: surface.glyphs)
            var x = inner.x + surface.put(stars + " ", at: Point(x: inner.x, y: y), style: .warning)
            x += surface.put(TextLayout.truncate(review.title, toWidth: inner.maxX - x, ellipsis: surface.glyphs.ellipsis),
                             at: Point(x: x, y: y), style: Style.text.with(.bold), maxWidth: inner.maxX - x)
            y += 1
            let by = review.authorName + (review.verified ? " \(Glyph.middleDot) verified purchase" : "")
            surface.putLine(by, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .muted)
            y += 1
            y += surface.putWrapped(review.body, in: Rect(x: inner.x, y: y, width: inner.width, height: min(3, footer - y)))
            y += 1
            shown += 1
        }
        let total = product?.summary.rating.count ?? reviews.count
        if total > shown {
            surface.putLine("v: read all \(total) reviews", in: Rect(x: inner.x, y: footer, width: inner.width, height: 1), style: .accent)
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
        case .readReviews: return product.map { .push(ProductReadingScreen(session: session, product: $0, start: .reviews)) } ?? .handled
        case .readDescription: return product.map { .push(ProductReadingScreen(session: session, product: $0, start: .description)) } ?? .handled
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
        let held = inCart[variant.id] ?? 0
        if !variant.isSoldOut, held + quantity > variant.stock {
            let more = variant.stock - held
            context.toast(more <= 0 ? "All \(variant.stock) left are in your cart already"
                          : "Only \(more) more can be added (\(held) in your cart, \(variant.stock) left)", kind: .error)
            return
        }
        guard session.attempt(context, { () throws(CommerceError) in
            try store.carts.add(variant: variant.id, quantity: quantity, as: caller)
        }) != nil else { return }
        session.changed()
        let what = variants.count > 1 ? "\(product.summary.title) (\(variant.title))" : product.summary.title
        context.toast("Added \(quantity) \(Glyph.times) \(what) to the cart", kind: .success)
    }
}
