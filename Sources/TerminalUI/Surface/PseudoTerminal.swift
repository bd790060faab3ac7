import CNCurses
import Foundation

/// A pseudo-terminal pair for tests and benchmarks: open a `CursesSurface` on `slave` and read
/// what it sends to the "terminal" from `master`, e.g. to count the bytes a frame costs.
public final class PseudoTerminal {
    /// The controlling side: read the terminal output here, write keys here.
    public let master: Int32
    /// The terminal side a program draws to.
    public let slave: Int32

    /// Opens a pair whose window size is `size`.
    public init(size: Size) throws(TerminalError) {
        var m: Int32 = -1
        var s: Int32 = -1
        guard curio_openpty(&m, &s, UInt16(clamping: size.height), UInt16(clamping: size.width)) == 0 else {
            throw .pseudoTerminalUnavailable(reason: String(cString: strerror(errno)))
        }
        master = m
        slave = s
        resize(to: size)
        let flags = fcntl(m, F_GETFL)
        _ = fcntl(m, F_SETFL, flags | O_NONBLOCK)
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Changes the window size (the program sees SIGWINCH if it is the foreground process).
    public func resize(to size: Size) {
        _ = curio_set_winsize(master, UInt16(clamping: size.height), UInt16(clamping: size.width))
    }

    /// Reads everything the program has written, waiting until nothing new arrives for
    /// `quietMilliseconds` (output reaches the master side asynchronously).
    public func drain(quietMilliseconds: Int32 = 30) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, quietMilliseconds) > 0 else { break }
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }

    /// Writes `bytes` as if typed on the terminal.
    public func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }
}
