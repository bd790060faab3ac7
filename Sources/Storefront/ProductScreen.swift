import Commerce
import TerminalUI

/// One product: title, price and compare-at price, rating, the variants with their stock, the
/// description and the newest reviews. `a` adds the chosen variant and quantity to the cart.
final class ProductScreen: Screen {
    enum Command { case move, more, less, add, nav(NavCommand) }

    let session: ShopSession
    let handle: String
    private var product: ProductDetail?
    private var reviews: [Review] = []
    private let variantList = ListState()
    private var quantity = 1
    private var freshness = Freshness()
    var title: String { product?.summary.title ?? "Product" }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, handle: String) {
        self.session = session
        self.handle = handle
        product = try? session.store.catalog.product(handle: handle, caller: session.caller)  // for the title bar's first frame
    }

    let keyMap: KeyMap<Command> = KeyMap([
        .move(.move),
        KeyBinding([.char("+"), .char("=")], "+/-", help: "Quantity", command: .more),
        KeyBinding([.char("-")], help: "Fewer", inFooter: false, command: .less),
        KeyBinding([.char("a"), .enter], "a", help: "Add to cart", command: .add),
    ] + NavCommand.bindings(Command.nav))

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

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        if freshness.isStale(session) { reload(context) }
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
            drawDescription(product, into: surface, in: Rect(x: inner.x, y: inner.y + y, width: inner.width, height: inner.height - y))
            drawReviews(into: surface, in: surface.box(right, title: "Reviews (\(product.summary.rating.count))"))
        } else {
            let variantRows = min(variants.count + 3, max(4, (inner.height - y) / 2))
            y += drawVariants(into: surface, in: Rect(x: inner.x, y: inner.y + y, width: inner.width, height: variantRows))
            drawDescription(product, into: surface, in: Rect(x: inner.x, y: inner.y + y, width: inner.width, height: inner.height - y))
        }
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
        variantList.navigate(key, count: variants.count, pageSize: 5) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: break
        case .more: quantity = min(99, quantity + 1)
        case .less: quantity = max(1, quantity - 1)
        case .add: addToCart(context)
        case .nav(let nav): return nav.action(session)
        }
        return .handled
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
