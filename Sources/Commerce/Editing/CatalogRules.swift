import Foundation

/// The rules every catalog write follows, shared by the product editor and the CSV importer.
/// Each check returns the reason in words, or nil when the value is fine; callers attach the field.
public enum CatalogRules {
    /// The longest handle accepted.
    public static let maxHandleLength = 255

    /// Why `handle` cannot be used as a category's URL handle (ASCII only), or nil when it can.
    public static func handleProblem(_ handle: String) -> String? {
        if handle.isEmpty { return "is required" }
        if handle.utf8.count > maxHandleLength { return "is longer than \(maxHandleLength) characters" }
        let allowed = handle.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        if !allowed {
            return "\"\(handle)\" may use only lower-case letters a-z, digits and hyphens (try \"\(slug(handle))\")"
        }
        return nil
    }

    /// Why `handle` cannot be a product's URL handle, or nil when it can. Shopify keeps handles in any
    /// script (`nhẫn-1`), so letters and digits of every script are accepted with hyphens (and the
    /// combining marks of decomposed letters); spaces, slashes, punctuation, control characters and
    /// upper case are refused, so the handle can always be typed back on a command line or in a URL.
    public static func productHandleProblem(_ handle: String) -> String? {
        if handle.isEmpty { return "is required" }
        // The common case first: an ASCII handle of a-z, 0-9 and hyphens needs no Unicode tables.
        if handle.utf8.count <= maxHandleLength,
           handle.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) { return nil }
        if handle.count > maxHandleLength { return "is longer than \(maxHandleLength) characters" }
        let allowed = handle.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .lowercaseLetter, .otherLetter, .modifierLetter, .decimalNumber, .nonspacingMark, .spacingMark: return true
            default: return scalar == "-"
            }
        }
        if !allowed || handle != handle.lowercased() {
            let suggestion = slug(handle)
            return "\"\(handle)\" may use only lower-case letters (of any script), digits and hyphens"
                + (suggestion.isEmpty ? "" : " (try \"\(suggestion)\")")
        }
        return nil
    }

    /// A product handle as stored: lower-cased and in Unicode's composed form (NFC), so the same
    /// handle typed on another keyboard finds the same product.
    public static func normalizedProductHandle(_ handle: String) -> String {
        if handle.utf8.allSatisfy({ $0 < 0x80 }) {  // ASCII: lower-casing is all there is to do
            return handle.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? handle.lowercased() : handle
        }
        return handle.lowercased().precomposedStringWithCanonicalMapping
    }

    /// The deepest category path accepted ("A > B > … "): far beyond any real shop's tree, and small
    /// enough that every path prints on a line and every walk over the tree stays short.
    public static let maxCategoryDepth = 32

    /// Why `name` cannot be a category name, or nil when it can: `>` separates the steps of a path
    /// in the CSV, so a name holding one would not come back the same from an export.
    public static func categoryNameProblem(_ name: String) -> String? {
        if name.contains(">") { return "must not contain \">\" (it separates the steps of a category path)" }
        return controlCharacterProblem(name)
    }

    /// The longest SKU, barcode or option value accepted: Shopify's own limit for each.
    public static let maxVariantTextLength = 255

    /// Why `barcode` cannot be a barcode (ISBN, UPC, GTIN …), or nil when it can.
    public static func barcodeProblem(_ barcode: String) -> String? {
        if barcode.isEmpty { return "must not be blank (leave it out instead)" }
        if barcode.count > maxVariantTextLength { return "is longer than \(maxVariantTextLength) characters" }
        return controlCharacterProblem(barcode)
    }

    /// The longest barcode staff type in: a GTIN has at most 14 digits, a Code 128 label a few dozen characters.
    public static let maxTypedBarcodeLength = 48

    /// Why `barcode`, typed by staff, cannot be a barcode, or nil when it can: 1 to 48 characters, each
    /// an ASCII letter or digit, a space, a hyphen or a dot (what a scanner reads back). Imports keep
    /// the looser `barcodeProblem`, so an imported barcode is checked only when it is changed.
    public static func typedBarcodeProblem(_ barcode: String) -> String? {
        if barcode.isEmpty { return "must not be blank (leave it empty to remove it)" }
        if barcode.count > maxTypedBarcodeLength { return "is longer than \(maxTypedBarcodeLength) characters" }
        let allowed = barcode.unicodeScalars.allSatisfy { s in
            s.isASCII && (("0"..."9").contains(s) || ("A"..."Z").contains(s) || ("a"..."z").contains(s) || s == " " || s == "-" || s == ".")
        }
        return allowed ? nil : "letters, digits, spaces, - and . only"
    }

    /// Why `compareAt` cannot be the compare-at price of a variant costing `price`, or nil when it can:
    /// the "was" price is never below what the variant costs.
    public static func compareAtProblem(_ compareAt: Money, price: Money) -> String? {
        if let problem = priceProblem(compareAt) { return problem }
        return compareAt.minorUnits < price.minorUnits
            ? "must be empty or at least \(price.formatted)" : nil
    }

    /// Why `value` cannot be an option value (or name), or nil when it can.
    public static func optionValueProblem(_ value: String) -> String? {
        if value.utf8.count > maxVariantTextLength && value.count > maxVariantTextLength {
            return "is longer than \(maxVariantTextLength) characters"
        }
        return controlCharacterProblem(value)
    }

    /// Why `title` cannot be a product title, or nil when it can.
    public static func titleProblem(_ title: String) -> String? {
        title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "is required" : nil
    }

    /// Why `price` cannot be a price, or nil when it can.
    public static func priceProblem(_ price: Money) -> String? {
        price.minorUnits < 0 ? "must be 0 or more (got \(price.decimalString))" : nil
    }

    /// Why `sku` cannot be a SKU, or nil when it can. SKUs need not be unique (Shopify's rule).
    public static func skuProblem(_ sku: String) -> String? {
        if sku.isEmpty { return "must not be blank (leave it out instead)" }
        if sku.count > maxVariantTextLength { return "is longer than \(maxVariantTextLength) characters" }
        return controlCharacterProblem(sku)
    }

    /// The most units a stock level, or one change to it, may be. Far above any real shelf and far below
    /// `Int64.max`, so sums of stock levels and deltas can never overflow. Editor, import and drafts share it.
    public static let maxStockQuantity = 10_000_000

    /// Why `quantity` cannot be a stock level, or nil when it can.
    public static func stockProblem(_ quantity: Int) -> String? {
        if quantity < 0 { return "must be 0 or more (got \(quantity))" }
        if quantity > maxStockQuantity { return "must be at most \(maxStockQuantity) units (got \(quantity))" }
        return nil
    }

    /// Why `delta` cannot be one change to a stock level, or nil when it can.
    public static func stockDeltaProblem(_ delta: Int) -> String? {
        if delta == 0 { return "must not be 0" }
        if delta.magnitude > UInt(maxStockQuantity) {
            return "must be between -\(maxStockQuantity) and \(maxStockQuantity) units (got \(delta))"
        }
        return nil
    }

    /// Why `text` cannot be stored in a product text field (title, vendor, type, tag, option name or value),
    /// or nil when it can. C0 and C1 control characters (ESC among them) would be read by terminals that
    /// show the text, and bidi overrides can make text read as something else. `allowLineBreaks` lets
    /// newlines, carriage returns and tabs through for HTML descriptions.
    public static func controlCharacterProblem(_ text: String, allowLineBreaks: Bool = false) -> String? {
        for scalar in text.unicodeScalars {
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "must not contain text-direction overrides (found U+\(hex)), which can disguise what the text says"
            }
            guard scalar.properties.generalCategory == .control else { continue }
            if allowLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "must not contain control characters (found U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
        }
        return nil
    }

    /// A URL-safe handle made from any text: lower-cased, accents removed, other characters as single hyphens.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let value = scalar.value
            let isWordCharacter = (value >= 97 && value <= 122) || (value >= 48 && value <= 57)
            if isWordCharacter {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {  // any run of other characters ("&", spaces, punctuation) becomes one hyphen
                pendingHyphen = true
            }
        }
        return String(result.prefix(maxHandleLength))
    }

    /// Tags trimmed, empty ones dropped and duplicates removed regardless of case (the first spelling wins).
    public static func normalizedTags<S: Sequence>(_ tags: S) -> [String] where S.Element: StringProtocol {
        var seen = Set<String>()
        var result: [String] = []
        for tag in tags {
            let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if seen.insert(trimmed.lowercased()).inserted { result.append(trimmed) }
        }
        return result
    }

    /// Splits a comma-separated tag list (as Shopify writes it) and normalises it.
    public static func normalizedTags(_ list: String) -> [String] {
        normalizedTags(list.split(separator: ","))
    }

    /// Tags as stored in `products.tags`: normalised and joined with ", ".
    public static func tagsText<S: Sequence>(_ tags: S) -> String where S.Element: StringProtocol {
        normalizedTags(tags).joined(separator: ", ")
    }
}
