/// How long the app took to draw each of its latest frames, and which screen each one showed;
/// the App records every frame it renders, a diagnostics screen reads them.
public struct FrameTimes: Sendable, Equatable {
    /// One drawn frame.
    public struct Frame: Sendable, Equatable {
        /// The title of the screen at the bottom of the visible stack (the one the frame was about).
        public let screen: String
        /// Drawing time in milliseconds (building the frame, not the terminal's output).
        public let milliseconds: Double
    }

    /// How many frames are kept.
    public let capacity: Int
    /// The kept frames, oldest first.
    public private(set) var frames: [Frame] = []

    /// An empty record keeping the last `capacity` frames.
    public init(capacity: Int = 50) { self.capacity = max(1, capacity) }

    /// Adds a frame, dropping the oldest beyond `capacity`.
    public mutating func record(_ frame: Frame) {
        frames.append(frame)
        if frames.count > capacity { frames.removeFirst(frames.count - capacity) }
    }

    /// The newest `count` frames, newest first.
    public func latest(_ count: Int) -> [Frame] { Array(frames.suffix(max(0, count)).reversed()) }

    /// The median drawing time of the kept frames; nil when none.
    public var median: Double? {
        guard !frames.isEmpty else { return nil }
        let sorted = frames.map(\.milliseconds).sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The slowest kept frame; nil when none.
    public var slowest: Frame? { frames.max { $0.milliseconds < $1.milliseconds } }
}
