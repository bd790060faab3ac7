import TerminalUI

/// A terminal for `App.run` in tests: a `BufferSurface` screen and a script of what each read
/// returns. Each read takes its timeout on the scripted clock (`now`), so an idle timeout of
/// minutes passes at once; reads past the end of the script see the terminal gone (disconnected).
@MainActor
public final class ScriptedTerminal: AppTerminal {
    /// One read's worth of script.
    public enum Step {
        /// These keys arrive together, in one read.
        case burst([RawInput])
        /// Nothing arrives during the read (its whole timeout passes).
        case silence
        /// The terminal changes size; curses reports it as KEY_RESIZE.
        case resize(Size)
    }

    /// The screen as last presented.
    public let screen: BufferSurface
    /// Seconds on the scripted clock.
    public private(set) var now: Double = 0
    /// Frames presented so far.
    public private(set) var frames = 0
    /// Reads made so far.
    public private(set) var reads = 0
    private var script: [Step]

    /// A terminal of `size` that plays `script`, then disconnects.
    public init(size: Size, script: [Step]) {
        self.screen = BufferSurface(size: size)
        self.script = script
    }

    /// The clock to give `App.clock`.
    public var clock: @MainActor () -> Double { { [unowned self] in self.now } }

    /// The text of `s`, as raw characters typed.
    public static func typed(_ s: String) -> [RawInput] { s.unicodeScalars.map { .character($0.value) } }

    public var size: Size { screen.size }
    public var glyphs: Glyphs { screen.glyphs }
    public func set(_ cell: Cell, at point: Point) { screen.set(cell, at: point) }
    public func setCursor(_ point: Point?) { screen.setCursor(point) }
    public func erase() { screen.erase() }
    public func present() { frames += 1 }
    public func invalidate() {}
    public var isDisconnected: Bool { script.isEmpty && reads > 0 }

    public func readInput(timeoutMilliseconds: Int32) -> [RawInput] {
        reads += 1
        guard !script.isEmpty else { return [] }
        switch script.removeFirst() {
        case .burst(let keys):
            now += 0.01
            return keys
        case .silence:
            now += Double(timeoutMilliseconds) / 1000
            return []
        case .resize(let size):
            screen.resize(to: size)
            now += 0.01
            return [.keyCode(KeyDecoder.Codes.ncurses.resize)]
        }
    }
}
