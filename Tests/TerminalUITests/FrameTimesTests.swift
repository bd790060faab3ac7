import Testing
@testable import TerminalUI

/// The app times every frame it draws and keeps the latest ones in its context.
@MainActor
@Suite struct FrameTimesTests {
    @Test func keepsTheLastFramesWithMedianAndSlowest() {
        var times = FrameTimes(capacity: 3)
        #expect(times.median == nil && times.slowest == nil)
        for (screen, ms) in [("A", 9.0), ("B", 1.0), ("C", 4.0), ("D", 2.0)] { times.record(.init(screen: screen, milliseconds: ms)) }
        #expect(times.frames.map(\.screen) == ["B", "C", "D"], "the oldest frame is dropped")
        #expect(times.median == 2.0)
        #expect(times.slowest?.screen == "C")
        #expect(times.latest(2).map(\.screen) == ["D", "C"])
        times.record(.init(screen: "E", milliseconds: 6))
        #expect(times.median == 4.0)
    }

    @Test func theAppRecordsEachRenderWithItsScreenAndDuration() {
        let app = App(root: CounterScreen(title: "Counter"), name: "Test")
        var now = 0.0, calls = 0
        let durations = [0.0625, 0.125]  // exact in binary: 62.5 ms and 125 ms
        app.frameClock = {
            calls += 1
            if calls % 2 == 0 { now += durations[(calls / 2 - 1) % durations.count] }
            return now
        }
        app.render(into: BufferSurface(size: Size(width: 40, height: 10)))
        app.send(.enter)  // opens a second screen on top
        app.render(into: BufferSurface(size: Size(width: 40, height: 10)))
        app.render(into: BufferSurface(size: Size(width: 10, height: 4)))  // too small: still timed
        let frames = app.context.frameTimes.frames
        #expect(frames.count == 3)
        #expect(frames.map(\.milliseconds) == [62.5, 125, 62.5])
        #expect(frames[0].screen == "Counter")
    }
}
