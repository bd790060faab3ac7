/// One value returned by curses' `get_wch`: a character, or a `KEY_*` function key code.
public enum RawInput: Sendable, Hashable {
    /// `get_wch` returned `OK` with this character code.
    case character(UInt32)
    /// `get_wch` returned `KEY_CODE_YES` with this `KEY_*` code.
    case keyCode(Int32)
    /// `KEY_MOUSE`, already read with `getmouse`.
    case mouse(MouseEvent)
}

/// Turns the raw values curses delivers into `Key`s. A pure function of its input, so it is
/// tested without a terminal; `CursesSurface` only reads the raw values.
///
/// Input is decoded a burst at a time (everything that was waiting when the first value arrived):
/// - CSI and SS3 sequences curses did not recognise (`ESC [ A`, `ESC [ 5 ~`, `ESC O P` …) are
///   decoded here, so keys work even when the terminfo entry and the terminal disagree.
/// - ESC followed by another value in the same burst is Alt plus that key; ESC alone is Escape.
/// - `pasteThreshold` or more printable characters in a row within one burst are a `.paste`.
public struct KeyDecoder: Sendable {
    /// The `KEY_*` codes of the terminal (they differ between curses builds, so they are passed in).
    public struct Codes: Sendable {
        /// KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT.
        public var up, down, left, right: Int32
        /// KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE, KEY_IC, KEY_DC.
        public var home, end, pageUp, pageDown, insert, delete: Int32
        /// KEY_BACKSPACE, KEY_ENTER, KEY_BTAB, KEY_RESIZE.
        public var backspace, enter, backTab, resize: Int32
        /// KEY_F(0); F1 is this plus one.
        public var f0: Int32
        /// Extra codes for the same keys that some terminals send (KEY_A1 home, KEY_C1 end…).
        public var aliases: [Int32: Key]

        /// The values from ncurses' `curses.h`.
        public static let ncurses = Codes(
            up: 0o403, down: 0o402, left: 0o404, right: 0o405,
            home: 0o406, end: 0o550, pageUp: 0o523, pageDown: 0o522, insert: 0o513, delete: 0o512,
            backspace: 0o407, enter: 0o527, backTab: 0o541, resize: 0o632,
            f0: 0o410, aliases: [0o534: .home, 0o535: .pageUp, 0o537: .end, 0o540: .pageDown, 0o542: .home])
    }

    /// Key codes to decode against.
    public var codes: Codes
    /// How many printable characters arriving together count as a paste.
    public var pasteThreshold: Int

    /// Creates a decoder for ncurses key codes.
    public init(codes: Codes = .ncurses, pasteThreshold: Int = 3) {
        self.codes = codes
        self.pasteThreshold = pasteThreshold
    }

    /// Decodes one burst of raw input into keys.
    public func decode(_ burst: [RawInput]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < burst.count {
            if case .character(0x1B) = burst[i] {
                if let (key, length) = escapeSequence(burst, at: i) {
                    keys.append(key)
                    i += length
                } else if i + 1 < burst.count, case .character(let next) = burst[i + 1], next != 0x1B {
                    keys.append(.alt(single(.character(next))))
                    i += 2
                } else if i + 1 < burst.count, case .keyCode = burst[i + 1] {
                    keys.append(.alt(single(burst[i + 1])))
                    i += 2
                } else {
                    keys.append(.escape)
                    i += 1
                }
                continue
            }
            let run = printableRun(burst, from: i)
            if run.count >= pasteThreshold {
                keys.append(.paste(run.text))
                i += run.count
                continue
            }
            keys.append(single(burst[i]))
            i += 1
        }
        return keys
    }

    /// Decodes a single raw value without looking at its neighbours.
    public func single(_ raw: RawInput) -> Key {
        switch raw {
        case .keyCode(let code): return key(forCode: code)
        case .character(let value): return key(forCharacter: value)
        case .mouse(let event): return .mouse(event)
        }
    }

    private func key(forCode code: Int32) -> Key {
        switch code {
        case codes.up: return .up
        case codes.down: return .down
        case codes.left: return .left
        case codes.right: return .right
        case codes.home: return .home
        case codes.end: return .end
        case codes.pageUp: return .pageUp
        case codes.pageDown: return .pageDown
        case codes.insert: return .insert
        case codes.delete: return .delete
        case codes.backspace: return .backspace
        case codes.enter: return .enter
        case codes.backTab: return .backTab
        case codes.resize: return .resize
        case (codes.f0 + 1)...(codes.f0 + 12): return .function(Int(code - codes.f0))
        default: return codes.aliases[code] ?? .char("\u{FFFD}")
        }
    }

    private func key(forCharacter value: UInt32) -> Key {
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A:
            return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0x1C...0x1F, 0x80...0x9F:
            return .char("\u{FFFD}")
        default:
            guard let scalar = Unicode.Scalar(value) else { return .char("\u{FFFD}") }
            return .char(Character(scalar))
        }
    }

    /// Decodes `ESC [ params final` or `ESC O final` starting at `start`; nil when it is not one
    /// of the navigation or function key sequences.
    private func escapeSequence(_ burst: [RawInput], at start: Int) -> (Key, Int)? {
        func scalar(_ i: Int) -> UInt32? {
            guard i < burst.count, case .character(let v) = burst[i] else { return nil }
            return v
        }
        guard let introducer = scalar(start + 1), introducer == 0x5B || introducer == 0x4F else { return nil }
        var i = start + 2
        var parameters = ""
        while let v = scalar(i), (0x30...0x3F).contains(v), let u = Unicode.Scalar(v) {
            parameters.unicodeScalars.append(u)
            i += 1
        }
        guard let final = scalar(i), (0x40...0x7E).contains(final) else { return nil }
        let length = i - start + 1
        let first = Int(parameters.split(separator: ";").first ?? "") ?? 0
        let key: Key?
        switch UInt8(final) {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "Z"): key = .backTab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): key = .function(Int(final) - 0x50 + 1)
        case UInt8(ascii: "~"): key = KeyDecoder.tildeKeys[first]
        default: key = nil
        }
        return key.map { ($0, length) }
    }

    /// `ESC [ n ~` keys by their number.
    private static let tildeKeys: [Int: Key] = [
        1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// The longest run of printable characters (and newlines/tabs inside it) starting at `start`.
    private func printableRun(_ burst: [RawInput], from start: Int) -> (count: Int, text: String) {
        var text = String.UnicodeScalarView()
        var count = 0
        for raw in burst[start...] {
            guard case .character(let v) = raw, v >= 0x20 || v == 0x0A || v == 0x0D || v == 0x09, v != 0x7F,
                  !(0x80...0x9F).contains(v), let scalar = Unicode.Scalar(v) else { break }
            text.append(scalar)
            count += 1
        }
        // Enter at the end of a burst is the user pressing Enter, not part of the paste.
        while count > 0, let last = text.last, last == "\n" || last == "\r" {
            text.removeLast()
            count -= 1
        }
        return (count, String(text))
    }
}
