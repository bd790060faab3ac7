/// The rules for what a review may say.
enum ReviewText {
    /// The longest title, in characters.
    static let maximumTitle = 120
    /// The longest body, in characters.
    static let maximumBody = 5000

    /// The checked rating, title and body: rating 1...5, trimmed texts within their lengths and free of
    /// control characters (the body may hold line breaks; CRLF becomes LF).
    static func validated(rating: Int, title: String, body: String) throws(CommerceError) -> (title: String, body: String) {
        guard (1...5).contains(rating) else { throw .invalid(field: "rating", reason: "must be 1 to 5 stars (got \(rating))") }
        let title = title.trimmedText
        let body = body.replacingOccurrences(of: "\r\n", with: "\n").trimmedText
        guard title.count <= maximumTitle else {
            throw .invalid(field: "title", reason: "at most \(maximumTitle) characters (got \(title.count))")
        }
        guard body.count <= maximumBody else {
            throw .invalid(field: "body", reason: "at most \(maximumBody) characters (got \(body.count))")
        }
        if hasControl(title, allowingNewlines: false) {
            throw .invalid(field: "title", reason: "must not contain control characters or line breaks")
        }
        if hasControl(body, allowingNewlines: true) {
            throw .invalid(field: "body", reason: "must not contain control characters (line breaks are fine)")
        }
        return (title, body)
    }

    private static func hasControl(_ text: String, allowingNewlines: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && !(allowingNewlines && scalar == "\n")) || (0x7f...0x9f).contains(scalar.value)
        }
    }
}
