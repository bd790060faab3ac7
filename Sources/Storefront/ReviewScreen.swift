import Commerce
import TerminalUI

/// Writing (or rewriting) the signed-in customer's review of one product: a star rating chosen with
/// ←→ or the digits 1–5, a title and a body. Field errors from Commerce show under their field;
/// after posting, the product screen below reloads its reviews and rating.
final class ReviewScreen: Screen {
    enum Command { case field, submit }
    private enum Focus { case rating, text }

    let session: ShopSession
    let product: ProductSummary
    /// The stars chosen, 0 until the shopper picks some.
    private(set) var rating = 0
    private var ratingMessage: String?
    private var form = ReviewScreen.textForm()
    private var focus = Focus.rating
    /// True when the shopper already reviewed this product (posting replaces that review).
    private(set) var isEditing = false
    var title: String { "Review \(Glyph.middleDot) \(product.title)" }
    var isEditingText: Bool { focus == .text }
    var isFocusedTextEmpty: Bool { form.isFocusedValueEmpty }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, product: ProductSummary) {
        self.session = session
        self.product = product
        if let mine = try? session.store.reviews.mine(product: product.id, as: session.caller) {
            isEditing = true
            rating = mine.rating
            form.fields[0].field.setText(mine.title)
            form.fields[1].field.setText(mine.body)
        }
    }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .field)]
        if focus == .rating { bindings.append(KeyBinding([], "\(Glyph.left)\(Glyph.right)/1-5", help: "Stars", command: .field)) }
        bindings.append(KeyBinding([.ctrl("p")], "Enter/ctrl-p", help: isEditing ? "Update review" : "Post review", command: .submit))
        return KeyMap(bindings)
    }

    /// Title and body; their limits are a little above the shop's, so Commerce says what the rule is.
    private static func textForm() -> Form {
        Form(fields: [
            FormField("Title", field: TextField(placeholder: "a few words (optional)", maxLength: 200)),
            FormField("Body", field: TextField(placeholder: "what did you think? (optional)", maxLength: 6000)),
        ])
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let heading = isEditing ? "Update your review" : "Write a review"
        let box = surface.box(rect.centered(Size(width: min(rect.width, 76), height: min(rect.height, 14))), title: heading).inset(dx: 2, dy: 1)
        surface.putLine(product.title, in: box.row(0), style: Style.accent.with(.bold))
        let labelWidth = 7
        surface.putLine("Rating:", in: Rect(x: box.x, y: box.y + 2, width: labelWidth, height: 1), style: focus == .rating ? .accent : .text)
        let stars = StarRating.render(Double(rating), outOf: 5, glyphs: surface.glyphs)
        let x = box.x + labelWidth + 1
        let used = surface.put(stars, at: Point(x: x, y: box.y + 2), style: focus == .rating ? Style.warning.with(.bold) : .warning)
        let hint = rating == 0 ? "  choose with \(Glyph.left)\(Glyph.right) or 1\(Glyph.enDash)5" : "  \(rating) of 5"
        surface.put(hint, at: Point(x: x + used, y: box.y + 2), style: .muted, maxWidth: box.maxX - x - used)
        if let ratingMessage {
            surface.putLine(ratingMessage, in: Rect(x: x, y: box.y + 3, width: box.maxX - x, height: 1), style: .error)
        }
        form.draw(into: surface, in: Rect(x: box.x, y: box.y + 4, width: box.width, height: box.height - 5), focused: focus == .text)
        surface.putLine("Enter on the last field posts \(Glyph.middleDot) Esc cancels", in: box.row(box.height - 1), style: .muted)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        switch focus {
        case .rating: return handleRating(key, context)
        case .text:
            if form.focus == 0, key == .backTab || key == .up {
                focus = .rating
                return .handled
            }
            switch form.handle(key) {
            case .edited: return .handled
            case .submitted: return submit(context)
            case .ignored: return nil
            }
        }
    }

    private func handleRating(_ key: Key, _ context: AppContext) -> ScreenAction? {
        switch key {
        case .left, .char("h"), .char("-"): setRating(max(1, rating - 1))
        case .right, .char("l"), .char("+"): setRating(min(5, rating + 1))
        case .char(let c) where ("1"..."5").contains(c): setRating(Int(String(c)) ?? rating)
        case .tab, .down, .enter: focus = .text
        default: return nil
        }
        return .handled
    }

    private func setRating(_ stars: Int) {
        rating = stars
        ratingMessage = nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .field: return .handled
        case .submit: return submit(context)
        }
    }

    /// Posts the review; a Commerce field error is shown under its field, anything else as a toast.
    private func submit(_ context: AppContext) -> ScreenAction {
        guard rating > 0 else {
            ratingMessage = "Choose 1 to 5 stars."
            focus = .rating
            return .handled
        }
        let title = form.value(of: "Title") ?? "", body = form.value(of: "Body") ?? ""
        do {
            try session.store.reviews.post(product: product.id, rating: rating, title: title, body: body, as: session.caller)
        } catch {
            show(error, context)
            return .handled
        }
        session.changed()
        context.toast(isEditing ? "Your review is updated" : "Thank you! Your review is posted", kind: .success)
        return .pop
    }

    private func show(_ error: CommerceError, _ context: AppContext) {
        if case .invalid(let field, let reason) = error, field == "rating" {
            ratingMessage = reason.capitalizedFirst + "."
            focus = .rating
        } else if form.show(error) {
            focus = .text
        } else {
            context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5)
        }
    }
}
