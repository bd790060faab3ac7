/// One value returned by curses' `get_wch`: a character, or a `KEY_*` function key code.
public enum RawInput: Sendable, Hashable {
    /// `get_wch` returned `OK` with this character code.
    case character(UInt32)
    /// `get_wch` returned `KEY_CODE_YES` with this `KEY_*` code.
    case keyCode(Int32)
    /// `KEY_MOUSE`, already read with `getmouse`.
    case mouse(MouseEvent)
}

/// Turns the raw values curses delivers into `Key`s. A pure function of its input (and of what an
/// earlier read left unfinished), so it is tested without a terminal; `CursesSurface` only reads
/// the raw values.
///
/// Every value becomes its own key, in order: typing that arrives in one read (over SSH it does)
/// is still one key per character. Beyond that:
/// - a paste is what the terminal brackets with `ESC [ 200 ~` … `ESC [ 201 ~` (bracketed paste,
///   switched on by `CursesSurface`): it becomes one `.paste`, even when it is split over reads;
/// - CSI and SS3 sequences curses did not recognise (`ESC [ A`, `ESC [ 5 ~`, `ESC O P` …) are
///   decoded here, so keys work even when the terminfo entry and the terminal disagree; one cut
///   off at the end of a read is held until the next read completes it (or `flush()` gives up);
/// - ESC followed by another value in the same read is Alt plus that key; ESC alone is Escape
///   (once `sequenceWaitMilliseconds` pass without more, so a sequence cut after its ESC still decodes).
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

    /// The longest paste kept, in Unicode scalars; the rest of a longer one is dropped.
    public static let maximumPasteLength = 1 << 20
    /// How long an escape sequence cut off at the end of a read waits for its rest (milliseconds).
    public static let sequenceWaitMilliseconds: Int32 = 50
    /// How long an unfinished paste waits for more before what arrived is delivered (milliseconds).
    public static let pasteWaitMilliseconds: Int32 = 1000

    /// Key codes to decode against.
    public var codes: Codes
    /// Input held from the last read: the start of an escape sequence cut off at its end.
    private var held: [RawInput] = []
    /// The text of a bracketed paste that has begun and not yet ended.
    private var pasting: String.UnicodeScalarView?

    /// Creates a decoder for ncurses key codes.
    public init(codes: Codes = .ncurses) {
        self.codes = codes
    }

    /// How long the next read should wait at most before calling `flush()` (an escape sequence or
    /// a paste is unfinished), or nil when nothing is held.
    public var waitMilliseconds: Int32? {
        if pasting != nil { return KeyDecoder.pasteWaitMilliseconds }
        return held.isEmpty ? nil : KeyDecoder.sequenceWaitMilliseconds
    }

    /// Decodes one read of raw input into keys; an unfinished sequence or paste is kept for the next.
    public mutating func decode(_ burst: [RawInput]) -> [Key] {
        let input = held + burst
        held = []
        var keys: [Key] = []
        var i = 0
        while i < input.count {
            if pasting != nil {
                i = pasteText(input, from: i, into: &keys)
                continue
            }
            if case .character(0x1B) = input[i] {
                switch escape(input, at: i) {
                case .key(let key, let length):
                    keys.append(key)
                    i += length
                case .pasteStart:
                    pasting = String.UnicodeScalarView()
                    i += KeyDecoder.pasteStart.count
                case .swallowed(let length):
                    i += length
                case .unfinished:
                    held = Array(input[i...])
                    return keys
                }
                continue
            }
            keys.append(single(input[i]))
            i += 1
        }
        return keys
    }

    /// Gives up waiting: an unfinished escape sequence becomes the keys it holds, an unfinished
    /// paste is delivered as it is.
    public mutating func flush() -> [Key] {
        if let text = pasting {
            pasting = nil
            held = []
            return text.isEmpty ? [] : [.paste(String(text))]
        }
        let rest = held
        held = []
        guard let first = rest.first else { return [] }
        if rest.count == 1 { return [single(first)] }
        return [.alt(single(rest[1]))] + rest.dropFirst(2).map(single)
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

    /// What an ESC at some position starts.
    private enum Escape {
        /// A key (a recognised sequence, Alt plus a key, or Escape) and the values it used.
        case key(Key, length: Int)
        /// `ESC [ 200 ~`: a paste begins.
        case pasteStart
        /// A sequence that means nothing here (a stray paste end), dropped.
        case swallowed(length: Int)
        /// The read ends inside what may be a sequence; wait for the rest.
        case unfinished
    }

    private static let pasteStart: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]
    private static let pasteEnd: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    private func escape(_ input: [RawInput], at start: Int) -> Escape {
        func scalar(_ i: Int) -> UInt32? {
            guard i < input.count, case .character(let v) = input[i] else { return nil }
            return v
        }
        // ESC last in a read: Escape, unless the rest of a sequence (a paste's start, split over
        // network packets) follows within a moment.
        guard start + 1 < input.count else { return .unfinished }
        if let introducer = scalar(start + 1), introducer == 0x5B || introducer == 0x4F {
            var i = start + 2
            var parameters = ""
            while let v = scalar(i), (0x30...0x3F).contains(v), let u = Unicode.Scalar(v) {
                parameters.unicodeScalars.append(u)
                i += 1
            }
            if i == input.count { return .unfinished }
            if let final = scalar(i), (0x40...0x7E).contains(final) {
                let length = i - start + 1
                if introducer == 0x5B && final == 0x7E && parameters == "200" { return .pasteStart }
                if introducer == 0x5B && final == 0x7E && parameters == "201" { return .swallowed(length: length) }
                if let key = sequenceKey(parameters: parameters, final: final) { return .key(key, length: length) }
            }
        }
        switch input[start + 1] {
        case .character(0x1B): return .key(.escape, length: 1)
        case .mouse: return .key(.escape, length: 1)
        default: return .key(.alt(single(input[start + 1])), length: 2)
        }
    }

    /// The key of `ESC [ parameters final` or `ESC O final`, nil when it is not a key this decoder knows.
    private func sequenceKey(parameters: String, final: UInt32) -> Key? {
        let first = Int(parameters.split(separator: ";").first ?? "") ?? 0
        switch UInt8(final) {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return .function(Int(final) - 0x50 + 1)
        case UInt8(ascii: "~"): return KeyDecoder.tildeKeys[first]
        default: return nil
        }
    }

    /// `ESC [ n ~` keys by their number.
    private static let tildeKeys: [Int: Key] = [
        1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// Adds pasted input from `start` to the paste; at `ESC [ 201 ~` the paste becomes a key. Returns
    /// where decoding goes on (the end of the input when it ran out, holding a cut-off end marker).
    private mutating func pasteText(_ input: [RawInput], from start: Int, into keys: inout [Key]) -> Int {
        var text = pasting ?? String.UnicodeScalarView()
        defer { if pasting != nil { pasting = text } }
        var i = start
        while i < input.count {
            switch input[i] {
            case .character(0x1B):
                let marker = KeyDecoder.pasteEnd
                var matched = 1
                while matched < marker.count, i + matched < input.count, input[i + matched] == .character(marker[matched]) { matched += 1 }
                if matched == marker.count {
                    pasting = nil
                    keys.append(.paste(String(text)))
                    return i + matched
                }
                if i + matched == input.count {
                    held = Array(input[i...])
                    return input.count
                }
                i += 1  // an ESC inside pasted text is not kept
            case .character(let v):
                if text.count < KeyDecoder.maximumPasteLength, let scalar = Unicode.Scalar(v) { text.append(scalar) }
                i += 1
            case .keyCode(let code):
                // curses read part of the text as a key; only a line break means something in text.
                if code == codes.enter, text.count < KeyDecoder.maximumPasteLength { text.append("\n") }
                i += 1
            case .mouse:
                i += 1
            }
        }
        return i
    }
}
