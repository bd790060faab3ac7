import Testing
@testable import TerminalUI
@testable import curio_ui_demo

@MainActor
@Suite struct DemoScreenSnapshotTests {
    @Test func catalogueAtBothSizes() {
        for size in snapshotSizes {
            let app = App(root: CatalogueScreen(), name: "Curio demo")
            app.send(.down)
            app.send(.down)
            let surface = BufferSurface(size: size)
            app.render(into: surface)
            assertSnapshot(surface, named: "demo-catalogue-\(size.width)x\(size.height)")
        }
    }

    @Test func checkoutFormAtBothSizes() {
        for size in snapshotSizes {
            let app = App(root: CheckoutScreen(), name: "Curio demo", context: AppContext(now: 0))
            app.send(.paste("Ada"))
            app.send(.tab)
            app.send(.paste("ada"))
            app.send(.tab)
            app.send(.paste("4111222233334444"))
            app.send(.tab)
            let surface = BufferSurface(size: size)
            app.render(into: surface)
            assertSnapshot(surface, named: "demo-checkout-\(size.width)x\(size.height)")
        }
    }
}
