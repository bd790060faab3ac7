import Commerce
import Foundation
import Testing
import TerminalUI

/// A real demo store in a temporary folder, seeded with a fixed clock and fast password hashing,
/// removed again when the value goes away. The storefront's and the back office's fixtures drive
/// their apps on one.
public final class DemoShop {
    /// The seed's clock (milliseconds since the epoch).
    public static let now: Int64 = 1_780_000_000_000
    /// The temporary folder holding the database.
    public let directory: URL
    /// The store on `directory/shop.db`.
    public let store: Store

    /// Seeds a fresh demo shop; `prefix` names the temporary folder.
    public init(prefix: String = "curio-demo", sourceFile: String = #filePath) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("shop.db").path)
        store.passwordHasher = .fast
        let sample = try #require(DemoSeeder.locateSampleData(near: [sourceFile, #filePath]))
        _ = try DemoSeeder.seed(store: store, sampleData: sample, now: DemoShop.now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The demo account of `role` (email and password).
    public static func account(_ role: Commerce.Role) throws -> DemoAccount {
        try #require(DemoSeeder.accounts.first { $0.role == role })
    }
}

/// Drives an `App` without a terminal, as the terminal loop does: a frame after every key.
@MainActor
public struct AppDriver {
    /// The app driven.
    public let app: App
    /// The terminal size frames are drawn at between keys.
    public var size = Size(width: 120, height: 40)

    /// A driver for `app`.
    public init(app: App) { self.app = app }

    /// Sends keys in order, drawing a frame after each.
    public func send(_ keys: [Key]) {
        for key in keys {
            app.send(key)
            _ = render(size)
        }
    }

    /// Types text into the focused field as one paste, then moves on with `then`.
    public func type(_ text: String, then key: Key? = nil) {
        send([.paste(text)])
        if let key { send([key]) }
    }

    /// The frame at `size`.
    public func render(_ size: Size = Size(width: 120, height: 40)) -> BufferSurface {
        let surface = BufferSurface(size: size)
        app.render(into: surface)
        return surface
    }
}
