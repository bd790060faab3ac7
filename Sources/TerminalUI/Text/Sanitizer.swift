/// Makes untrusted text safe to draw: escape sequences (CSI, OSC, DCS, SOS, PM, APC and
/// two-character ESC sequences) are removed whole, other C0/C1 control characters are dropped,
/// and tabs and newlines become single spaces so a value cannot break the layout.
public enum Sanitizer {
    /// Returns `text` with every control character and escape sequence removed; with
    /// `keepingNewlines` line breaks (LF, CRLF, CR) stay as "\n" for text that is wrapped.
    public static func sanitize(_ text: String, keepingNewlines: Bool = false) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let s = pending {
            pending = scalars.next()
            switch s.value {
            case 0x1B:
                pending = skipEscape(after: pending, &scalars)
            case 0x9B: // C1 CSI
                pending = skipCSI(from: pending, &scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: // C1 DCS, SOS, OSC, PM, APC
                pending = skipString(from: pending, &scalars)
            case 0x0A where keepingNewlines:
                out.append("\n")
            case 0x0D where keepingNewlines:
                if pending != "\n" { out.append("\n") }
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0:
                break
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    private static func isClean(_ text: String) -> Bool {
        for s in text.unicodeScalars where s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) {
            return false
        }
        return true
    }

    private typealias Scalars = String.UnicodeScalarView.Iterator

    /// Skips what follows an ESC; returns the first scalar after the sequence.
    private static func skipEscape(after next: Unicode.Scalar?, _ it: inout Scalars) -> Unicode.Scalar? {
        guard let introducer = next else { return nil }
        switch introducer {
        case "[": return skipCSI(from: it.next(), &it)
        case "]", "P", "X", "^", "_": return skipString(from: it.next(), &it)
        default:
            // ESC followed by intermediates (0x20-0x2F) then one final byte, e.g. ESC ( B or ESC c.
            var current: Unicode.Scalar? = introducer
            while let c = current, (0x20...0x2F).contains(c.value) { current = it.next() }
            return current == nil ? nil : it.next()
        }
    }

    /// Skips CSI parameters and intermediates up to and including the final byte (0x40-0x7E).
    private static func skipCSI(from first: Unicode.Scalar?, _ it: inout Scalars) -> Unicode.Scalar? {
        var current = first
        while let c = current {
            if (0x40...0x7E).contains(c.value) { return it.next() }
            if !(0x20...0x3F).contains(c.value) { return c } // malformed: stop at the intruder
            current = it.next()
        }
        return nil
    }

    /// Skips a control string up to BEL, ST (ESC \) or C1 ST (0x9C).
    private static func skipString(from first: Unicode.Scalar?, _ it: inout Scalars) -> Unicode.Scalar? {
        var current = first
        while let c = current {
            switch c.value {
            case 0x07, 0x9C: return it.next()
            case 0x1B:
                let after = it.next()
                return after == "\\" ? it.next() : after
            default: current = it.next()
            }
        }
        return nil
    }
}

extension String {
    /// This string with control characters and escape sequences removed (see `Sanitizer`).
    public var sanitizedForTerminal: String { Sanitizer.sanitize(self) }
}
