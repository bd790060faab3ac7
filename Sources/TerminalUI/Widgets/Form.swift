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
/// Tab/↓ and shift-Tab/↑ move between fields (validating the field left); Enter moves on, and on
/// the last field validates everything and reports `.submitted` when all fields pass.
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
            if focus < fields.count - 1 { moveFocus(by: 1); return .edited }
            return validateAll() ? .submitted : .edited
        default:
            return fields[focus].field.handle(key) ? .edited : .ignored
        }
        return .edited
    }

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

    /// Draws labels, fields and messages; each field takes two rows (field, message).
    @MainActor
    public func draw(into surface: any Surface, in rect: Rect, focused: Bool = true) {
        let labelWidth = min(rect.width / 3, (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
        let fieldWidth = min(48, rect.width - labelWidth - 1)
        for (i, entry) in fields.enumerated() {
            let y = rect.y + i * 2
            guard y < rect.maxY else { break }
            let isFocused = focused && i == focus
            surface.putLine(entry.label + ":", in: Rect(x: rect.x, y: y, width: labelWidth, height: 1),
                            style: isFocused ? Style.accent : .text)
            entry.field.draw(into: surface, in: Rect(x: rect.x + labelWidth + 1, y: y, width: fieldWidth, height: 1), focused: isFocused)
            if let message = entry.message, y + 1 < rect.maxY {
                surface.putLine(message, in: Rect(x: rect.x + labelWidth + 1, y: y + 1, width: rect.width - labelWidth - 1, height: 1), style: .error)
            }
        }
    }
}
