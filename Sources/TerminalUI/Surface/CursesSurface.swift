import CNCurses
import Foundation

/// The real terminal, through ncursesw.
///
/// Opening calls `setlocale(LC_ALL, "")` and `newterm` (never `initscr`, which exits on an unknown
/// `TERM`), trying `$TERM` and then `xterm-256color`, `xterm` and `vt100`. It switches to the
/// alternate screen, enables keypad and raw mode (ctrl-c arrives as a key), bracketed paste (a paste
/// arrives between `ESC [ 200 ~` and `ESC [ 201 ~`, see `KeyDecoder`), sets a short ESC delay and
/// hides the cursor. A terminal that cannot move the cursor (`TERM=dumb`) is refused with
/// `TerminalError.noCursorMovement`. `close()` restores the terminal (bracketed paste off too);
/// `App.run` calls it on every exit path, and an `atexit` hook covers a process that exits meanwhile.
///
/// Drawing goes to curses' virtual screen; `present()` sends only the cells that changed.
@MainActor
public final class CursesSurface: Surface {
    /// Size in cells (updated on resize).
    public private(set) var size: Size
    /// Unicode glyphs on a UTF-8 locale unless `ascii` was requested.
    public let glyphs: Glyphs
    /// Colours available after `NO_COLOR`/`TERM=dumb` are taken into account.
    public let colorDepth: ColorDepth
    /// The terminal type that was opened.
    public let terminalType: String

    private var screen: OpaquePointer?
    private let outputFile: UnsafeMutablePointer<FILE>
    private let inputFile: UnsafeMutablePointer<FILE>
    private var looks: [Role: (attributes: attr_t, pair: Int16)] = [:]
    private var cursor: Point?
    private var cursorShown = false
    private var quickFailures = 0
    private static var isOpen = false

    /// Opens the terminal described by `options`.
    public init(options: TerminalOptions = TerminalOptions()) throws(TerminalError) {
        guard !CursesSurface.isOpen else { throw .alreadyOpen }
        setlocale(LC_ALL, "")
        let utf8 = curio_locale_is_utf8() != 0
        guard let out = fdopen(dup(options.outputDescriptor), "w") else { throw .cannotOpenDescriptor(options.outputDescriptor) }
        guard let inp = fdopen(dup(options.inputDescriptor), "r") else {
            fclose(out)
            throw .cannotOpenDescriptor(options.inputDescriptor)
        }
        var opened: (OpaquePointer, String)?
        for type in options.terminalTypeCandidates {
            if let s = newterm(type, out, inp) { opened = (s, type); break }
        }
        guard let (scr, type) = opened else {
            fclose(out)
            fclose(inp)
            throw .noUsableTerminal(tried: options.terminalTypeCandidates)
        }
        set_term(scr)
        guard curio_has_cursor_addressing() != 0 else {
            endwin()
            delscreen(scr)
            fclose(out)
            fclose(inp)
            throw .noCursorMovement(terminalType: type)
        }
        CursesSurface.isOpen = true
        CursesExitGuard.arm(outputDescriptor: fileno(out))
        screen = scr
        outputFile = out
        inputFile = inp
        terminalType = type
        raw()
        noecho()
        nonl()
        keypad(curio_stdscr(), true)
        intrflush(curio_stdscr(), false)
        set_escdelay(options.escapeDelayMilliseconds)
        curs_set(0)
        if options.mouse {
            _ = curio_enable_mouse()
            mouseinterval(0)
        }
        glyphs = options.ascii || !utf8 ? .ascii : .unicode

        var environment = options.environment
        if environment["TERM"] == nil { environment["TERM"] = type }
        var depth = ColorDepth.detect(colors: has_colors() ? 256 : 0, environment: environment)
        if depth != .none {
            start_color()
            depth = ColorDepth.detect(colors: Int(curio_colors()), environment: environment)
        }
        colorDepth = depth
        size = Size(width: Int(curio_getmaxx(curio_stdscr())), height: Int(curio_getmaxy(curio_stdscr())))
        configureColours(options.theme)
        TerminalSignals.install()
        fputs(BracketedPaste.on, outputFile)
        fflush(outputFile)
    }


    isolated deinit { close() }

    /// Leaves curses mode and restores the terminal. Safe to call more than once.
    public func close() {
        guard let scr = screen else { return }
        screen = nil
        curs_set(1)
        fputs(BracketedPaste.off, outputFile)
        endwin()
        delscreen(scr)
        fclose(outputFile)
        fclose(inputFile)
        TerminalSignals.uninstall()
        CursesExitGuard.disarm()
        CursesSurface.isOpen = false
    }

    /// True once `close()` has run.
    public var isClosed: Bool { screen == nil }

    private func configureColours(_ theme: Theme) {
        let a = attributeBits
        var defaultsAllowed = true
        if colorDepth != .none { defaultsAllowed = use_default_colors() == OK }
        for (i, role) in Role.allCases.enumerated() {
            let look = theme.look(for: role)
            guard colorDepth != .none else {
                looks[role] = (a(theme.monochromeAttributes(for: role)), 0)
                continue
            }
            let fallbackFG: Int = defaultsAllowed ? -1 : 7
            let fallbackBG: Int = defaultsAllowed ? -1 : 0
            let fg = ColorMapping.paletteIndex(for: look.foreground, depth: colorDepth) ?? fallbackFG
            let bg = ColorMapping.paletteIndex(for: look.background, depth: colorDepth) ?? fallbackBG
            let pair = Int16(i + 1)
            init_pair(pair, Int16(fg), Int16(bg))
            looks[role] = (a(look.attributes), pair)
        }
        var blank = cchar_t()
        let text = looks[.text] ?? (0, 0)
        var space: [wchar_t] = [32, 0]
        setcchar(&blank, &space, text.attributes, text.pair, nil)
        wbkgrndset(curio_stdscr(), &blank)
    }

    private func attributeBits(_ attributes: Attributes) -> attr_t {
        var bits = curio_a_normal()
        if attributes.contains(.bold) { bits |= curio_a_bold() }
        if attributes.contains(.underline) { bits |= curio_a_underline() }
        if attributes.contains(.reverse) { bits |= curio_a_reverse() }
        if attributes.contains(.dim) { bits |= curio_a_dim() }
        return bits
    }

    // MARK: Surface

    /// Writes one cell into curses' virtual screen. Terminals disagree about emoji sequences, so a
    /// cluster is reduced to what curses and the terminal measure alike (see `terminalPieces`).
    public func set(_ cell: Cell, at point: Point) {
        guard screen != nil, point.y >= 0, point.y < size.height, point.x >= 0, point.x + cell.width <= size.width else { return }
        let look = looks[cell.style.role] ?? (0, 0)
        let attributes = look.attributes | attributeBits(cell.style.attributes)
        if let ascii = cell.grapheme.asciiValue {
            _ = put(Unicode.Scalar(ascii), x: point.x, y: point.y, attributes: attributes, pair: look.pair)
            return
        }
        var x = point.x
        for piece in CursesSurface.terminalPieces(cell) {
            x += put(piece, x: x, y: point.y, attributes: attributes, pair: look.pair)
        }
        while x < point.x + cell.width {
            x += put([" "], x: x, y: point.y, attributes: attributes, pair: look.pair)
        }
    }

    /// Adds one single-scalar curses cell (the common, ASCII case).
    private func put(_ scalar: Unicode.Scalar, x: Int, y: Int, attributes: attr_t, pair: Int16) -> Int {
        var chars: (wchar_t, wchar_t) = (wchar_t(bitPattern: scalar.value), 0)
        var cc = cchar_t()
        _ = withUnsafeMutablePointer(to: &chars) {
            $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { setcchar(&cc, $0, attributes, pair, nil) }
        }
        mvwadd_wch(curio_stdscr(), Int32(y), Int32(x), &cc)
        return 1
    }

    /// Adds one curses cell; returns the cells curses advanced.
    private func put(_ scalars: [Unicode.Scalar], x: Int, y: Int, attributes: attr_t, pair: Int16) -> Int {
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 6) { buffer in
            var count = 0
            for s in scalars.prefix(5) {
                buffer[count] = wchar_t(bitPattern: s.value)
                count += 1
            }
            buffer[count] = 0
            var cc = cchar_t()
            setcchar(&cc, buffer.baseAddress, attributes, pair, nil)
            mvwadd_wch(curio_stdscr(), Int32(y), Int32(x), &cc)
            return max(1, Int(curio_wcwidth(buffer[0])))
        }
    }

    /// The characters to send for a cell: its base scalar with the combining marks that follow it,
    /// dropping variation selectors and everything from a zero-width joiner on (the first emoji of
    /// a ZWJ sequence is shown); a flag is sent as its two regional indicators, one per cell.
    /// Scalars curses cannot measure become U+FFFD. Cells not covered are padded with spaces.
    static func terminalPieces(_ cell: Cell) -> [[Unicode.Scalar]] {
        let scalars = Array(cell.grapheme.unicodeScalars)
        guard let base = scalars.first else { return [[" "]] }
        if isRegionalIndicator(base), scalars.count > 1, isRegionalIndicator(scalars[1]) {
            return [[base], [scalars[1]]]
        }
        var piece = [curio_wcwidth(wchar_t(bitPattern: base.value)) > 0 ? base : "\u{FFFD}"]
        for s in scalars.dropFirst() {
            if s.value == 0x200D { break }
            if s.value == 0xFE0E || s.value == 0xFE0F { continue }
            if DisplayWidth.of(scalar: s) == 0 && curio_wcwidth(wchar_t(bitPattern: s.value)) == 0 && piece.count < 4 { piece.append(s) }
        }
        return [piece]
    }

    private static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

    /// Remembers where to show the text cursor at the next `present()`.
    public func setCursor(_ point: Point?) { cursor = point }

    /// Blanks curses' virtual screen (`werase`, not `clear`, so only changes are sent).
    public func erase() {
        guard screen != nil else { return }
        werase(curio_stdscr())
        cursor = nil
    }

    // MARK: Terminal

    /// Sends what changed since the last call to the terminal and places the cursor.
    public func present() {
        guard screen != nil else { return }
        if let c = cursor, Rect(size: size).contains(c) {
            wmove(curio_stdscr(), Int32(c.y), Int32(c.x))
            if !cursorShown { curs_set(1); cursorShown = true }
        } else if cursorShown {
            curs_set(0)
            cursorShown = false
        }
        wnoutrefresh(curio_stdscr())
        doupdate()
    }

    /// Makes the next `present()` repaint the whole screen (used by ctrl-l and benchmarks).
    public func invalidate() {
        guard screen != nil else { return }
        clearok(curio_curscr(), true)
    }

    /// Waits up to `timeoutMilliseconds` for input, then returns everything that has arrived
    /// (a burst: one key, an escape sequence or a paste). Empty on timeout.
    public func readInput(timeoutMilliseconds: Int32) -> [RawInput] {
        guard screen != nil else { return [] }
        let started = ContinuousClock.now
        wtimeout(curio_stdscr(), timeoutMilliseconds)
        var burst: [RawInput] = []
        var ch: wint_t = 0
        var status = wget_wch(curio_stdscr(), &ch)
        if status == ERR {
            noteFailure(since: started, timeout: timeoutMilliseconds)
            return []
        }
        quickFailures = 0
        wtimeout(curio_stdscr(), 0)
        while status != ERR && burst.count < 8192 {
            if status != curio_key_code_yes() {
                burst.append(.character(ch))
            } else if Int32(bitPattern: ch) == KEY_MOUSE {
                if let event = readMouse() { burst.append(.mouse(event)) }
            } else {
                burst.append(.keyCode(Int32(bitPattern: ch)))
            }
            status = wget_wch(curio_stdscr(), &ch)
        }
        if burst.contains(.keyCode(KeyDecoder.Codes.ncurses.resize)) { updateSize() }
        return burst
    }

    private func readMouse() -> MouseEvent? {
        var x: Int32 = 0
        var y: Int32 = 0
        let position = { Point(x: Int(x), y: Int(y)) }
        switch curio_read_mouse(&x, &y) {
        case 1: return MouseEvent(.click, at: position())
        case 2: return MouseEvent(.wheelUp, at: position())
        case 3: return MouseEvent(.wheelDown, at: position())
        default: return nil
        }
    }

    /// True when reads keep failing at once: the terminal has gone away (e.g. SSH dropped without SIGHUP).
    public var isDisconnected: Bool { quickFailures >= 20 }

    private func noteFailure(since started: ContinuousClock.Instant, timeout: Int32) {
        let elapsed = ContinuousClock.now - started
        if timeout > 0 && elapsed < .milliseconds(Int(timeout) / 4) && TerminalSignals.pending == nil {
            quickFailures += 1
        } else {
            quickFailures = 0
        }
    }

    /// Re-reads the terminal size from curses.
    public func updateSize() {
        guard screen != nil else { return }
        size = Size(width: Int(curio_getmaxx(curio_stdscr())), height: Int(curio_getmaxy(curio_stdscr())))
    }
}
