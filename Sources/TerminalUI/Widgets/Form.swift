/// A labelled text field in a `Form`, with its validation rule and current message.
public struct FormField: Sendable {
    /// Label shown left of the field.
    public var label: String
    /// The field itself.
    public var field: TextField
    /// Returns a message when the value is not acceptable, nil when it is.
    public var validate: @Sendable (String) -> String?
    /// The message from the last validation, shown under the field.
    public var message: String?

    /// Creates a form field.
    public init(_ label: String, field: TextField = TextField(), validate: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.label = label
        self.field = field
        self.validate = validate
    }

    /// The value typed so far.
    public var value: String { field.text }
}

/// A vertical form of text fields with per-field validation messages shown under each field.
///
/// Tab/↓ and shift-Tab/↑ move between fields (validating the field left); Enter moves on when the
/// field is valid (the cursor stays on a field with an error), and on the last field validates
/// everything and reports `.submitted` when all fields pass. Typing past a field's limit keeps
/// what fits and says what the limit is. A form taller than its space scrolls to the focused field.
public struct Form: Sendable {
    /// What a key did to the form.
    public enum Event: Sendable, Equatable {
        /// The key was used for editing or moving.
        case edited
        /// Enter on the last field and every field is valid.
        case submitted
        /// The form does not use this key.
        case ignored
    }

    /// The fields, top to bottom.
    public var fields: [FormField]
    /// Index of the focused field.
    public private(set) var focus: Int = 0

    /// Creates a form.
    public init(fields: [FormField]) { self.fields = fields }

    /// The value of the field labelled `label`.
    public func value(of label: String) -> String? { fields.first { $0.label == label }?.value }

    /// Handles a key: editing goes to the focused field; Tab/arrows/Enter move or submit.
    public mutating func handle(_ key: Key) -> Event {
        guard !fields.isEmpty else { return .ignored }
        switch key {
        case .tab, .down: moveFocus(by: 1)
        case .backTab, .up: moveFocus(by: -1)
        case .enter:
            guard focus < fields.count - 1 else { return validateAll() ? .submitted : .edited }
            validate(focus)
            if fields[focus].message == nil { moveFocus(by: 1) }
            return .edited
        default:
            guard fields[focus].field.handle(key) else { return .ignored }
            if fields[focus].field.wasCut, let limit = fields[focus].field.maxLength {
                fields[focus].message = "\(fields[focus].label) takes at most \(limit) character\(limit == 1 ? "" : "s"); the rest was not typed."
            }
            return .edited
        }
        return .edited
    }

    /// Puts `message` under the field labelled `label` and focuses it (an error a service found after
    /// submitting); false when no field has that label.
    @discardableResult
    public mutating func reject(_ label: String, message: String) -> Bool {
        guard let index = fields.firstIndex(where: { $0.label == label }) else { return false }
        fields[index].message = message
        focus = index
        return true
    }

    /// True when the focused field is empty (so `?` can open help instead of typing).
    public var isFocusedValueEmpty: Bool { fields.indices.contains(focus) ? fields[focus].value.isEmpty : true }

    /// Validates every field, sets their messages and focuses the first invalid one.
    @discardableResult
    public mutating func validateAll() -> Bool {
        for i in fields.indices { validate(i) }
        if let firstBad = fields.firstIndex(where: { $0.message != nil }) {
            focus = firstBad
            return false
        }
        return true
    }

    private mutating func validate(_ index: Int) {
        fields[index].message = fields[index].validate(fields[index].value)
    }

    private mutating func moveFocus(by delta: Int) {
        validate(focus)
        focus = (focus + delta + fields.count) % fields.count
    }

    /// Draws labels, fields and messages. Each field takes its row and the rows its message wraps to
    /// (at least one, so the layout does not jump); when they do not all fit, the fields scroll so the
    /// focused one and its message show.
    @MainActor
    public func draw(into surface: any Surface, in rect: Rect, focused: Bool = true) {
        let labelWidth = min(rect.width / 3, (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
        let fieldWidth = min(48, rect.width - labelWidth - 1)
        let messageWidth = max(1, rect.width - labelWidth - 1)
        let messages = fields.map { entry in entry.message.map { TextLayout.wrap($0, width: messageWidth) } ?? [] }
        let heights = messages.map { 1 + max(1, $0.count) }
        var first = 0
        while first < focus && heights[first...focus].reduce(0, +) > rect.height { first += 1 }
        var y = rect.y
        for i in fields.indices where i >= first {
            guard y < rect.maxY else { break }
            let entry = fields[i]
            let isFocused = focused && i == focus
            surface.putLine(entry.label + ":", in: Rect(x: rect.x, y: y, width: labelWidth, height: 1),
                            style: isFocused ? Style.accent : .text)
            entry.field.draw(into: surface, in: Rect(x: rect.x + labelWidth + 1, y: y, width: fieldWidth, height: 1), focused: isFocused)
            for (row, line) in messages[i].enumerated() where y + 1 + row < rect.maxY {
                surface.putLine(line, in: Rect(x: rect.x + labelWidth + 1, y: y + 1 + row, width: messageWidth, height: 1), style: .error)
            }
            y += heights[i]
        }
    }
}
