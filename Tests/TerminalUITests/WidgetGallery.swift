@testable import TerminalUI

/// One drawing per widget, used by the snapshot tests at both sizes.
@MainActor
enum WidgetGallery {
    nonisolated static let names = [
        "list", "table", "textfield", "form", "confirm", "alert", "tabs", "footer", "help", "toast",
        "progress", "spinner", "barchart", "sparkline", "stars", "toosmall", "titlebar", "panes", "wrap",
    ]

    static func draw(_ name: String, into surface: BufferSurface) {
        let rect = surface.bounds
        let context = AppContext(now: 1.25)
        switch name {
        case "list":
            let state = ListState(selected: 3)
            ListView(count: 100_000, state: state) { i in
                ListRow(sampleTitles[i % sampleTitles.count] + " \(i)", detail: "€\(i).99", detailStyle: .price)
            }.draw(into: surface, in: surface.box(rect, title: "Products"))
        case "table":
            let state = ListState(selected: 1)
            TableView(columns: [
                TableColumn("SKU", width: .fixed(8)),
                TableColumn("Title", width: .flexible(weight: 3, minimum: 8)),
                TableColumn("Stock", width: .fixed(6), alignRight: true),
                TableColumn("Price", width: .fixed(9), alignRight: true, style: .price),
            ], count: 50, state: state) { i in
                ["SKU-\(i)", sampleTitles[i % sampleTitles.count] + " with a very long name that will not fit", "\(i * 3)", "€\(i).50"]
            }.draw(into: surface, in: surface.box(rect, title: "Inventory"))
        case "textfield":
            var plain = TextField(text: "héllo 世界 👋🏽")
            _ = plain.handle(.left)
            plain.draw(into: surface, in: Rect(x: 2, y: 1, width: 30, height: 1), focused: true)
            TextField(text: "secret", masking: .all).draw(into: surface, in: Rect(x: 2, y: 3, width: 30, height: 1), focused: false)
            TextField(text: "4111111111111111", masking: .allButLast(4)).draw(into: surface, in: Rect(x: 2, y: 5, width: 30, height: 1), focused: false)
            TextField(placeholder: "Search products").draw(into: surface, in: Rect(x: 2, y: 7, width: 30, height: 1), focused: false)
            TextField(text: String(repeating: "long text scrolls ", count: 5)).draw(into: surface, in: Rect(x: 2, y: 9, width: 20, height: 1), focused: false)
        case "form":
            var form = Form(fields: [
                FormField("Name", field: TextField(text: "Ada")) { $0.isEmpty ? "Enter your name." : nil },
                FormField("Email", field: TextField(text: "ada")) { $0.contains("@") ? nil : "Enter an email address like name@example.com." },
                FormField("Card", field: TextField(text: "4111", masking: .allButLast(4))) { $0.count == 16 ? nil : "A card number has 16 digits." },
            ])
            form.validateAll()
            form.draw(into: surface, in: rect.inset(dx: 2, dy: 1))
        case "confirm":
            ConfirmDialog(message: "Delete the product “Blue Teapot”? This cannot be undone.") { _, _ in }
                .draw(into: surface, in: rect, context: context)
        case "alert":
            AlertDialog(title: "Payment failed", message: "The card was declined. Try another card.", isError: true)
                .draw(into: surface, in: rect, context: context)
        case "tabs":
            TabBar(titles: ["Shop", "Cart (2)", "Orders", "Account"], selected: 1).draw(into: surface, in: rect.splitTop(2).0)
        case "footer":
            Footer(hints: [KeyHint(keys: "↑↓", help: "Move"), KeyHint(keys: "Enter", help: "Open"), KeyHint(keys: "/", help: "Search"),
                           KeyHint(keys: "a", help: "Add to cart"), KeyHint(keys: "x", help: "Hidden", inFooter: false),
                           KeyHint(keys: "?", help: "Help"), KeyHint(keys: "q", help: "Quit")])
                .draw(into: surface, in: rect.splitBottom(1).1)
        case "help":
            HelpOverlay(title: "Products", hints: [KeyHint(keys: "↑/k", help: "Previous"), KeyHint(keys: "↓/j", help: "Next"),
                                                   KeyHint(keys: "Enter", help: "Open product"), KeyHint(keys: "q", help: "Quit")])
                .draw(into: surface, in: rect, context: context)
        case "toast":
            // One message at a time, the newest replacing the last, in the footer beside Help and Quit.
            context.toast("Added to cart", kind: .success)
            context.toast("Payment failed", kind: .error)
            Footer(hints: [KeyHint(keys: "Enter", help: "Open"), KeyHint(keys: "?", help: "Help", priority: .essential),
                           KeyHint(keys: "q", help: "Quit", priority: .essential)],
                   toast: context.toasts.active(at: context.now))
                .draw(into: surface, in: rect.splitBottom(1).1)
        case "progress":
            for (i, f) in [0, 0.33, 0.5, 0.875, 1].enumerated() {
                ProgressBar(fraction: f, label: "Upload").draw(into: surface, in: rect.row(i * 2).inset(dx: 1, dy: 0))
            }
        case "spinner":
            Spinner(context: context, label: "Loading orders…").draw(into: surface, in: rect.row(0))
        case "barchart":
            BarChart(bars: [BarChart.Bar("Mon", 12), BarChart.Bar("Tue", 30), BarChart.Bar("Wednesday", 7.5, valueText: "7.5"),
                            BarChart.Bar("Thu", 0), BarChart.Bar("Fri", 22)]).draw(into: surface, in: rect.inset(dx: 1, dy: 1))
        case "sparkline":
            Sparkline(values: (0..<200).map { Double(($0 * 37) % 17) }).draw(into: surface, in: rect.row(0))
            Sparkline(values: [1, 1, 1]).draw(into: surface, in: rect.row(1))
        case "stars":
            for (i, r) in [0, 1.4, 2.5, 4.2, 5].enumerated() {
                StarRating(rating: r).draw(into: surface, in: rect.row(i))
            }
        case "toosmall":
            TooSmallNotice(needed: Size(width: 100, height: 30), actual: rect.size).draw(into: surface, in: rect)
        case "titlebar":
            TitleBar(appName: "Curio", title: "Orders", status: "ada@example.com").draw(into: surface, in: rect.row(0))
        case "panes":
            let panes = PaneLayout(ratio: 0.6, minPrimary: 50, minSecondary: 40).split(rect)
            surface.box(panes.primary, title: "Primary")
            if let secondary = panes.secondary { surface.box(secondary, title: "Secondary") }
        case "wrap":
            surface.putWrapped(sampleParagraph, in: surface.box(rect.centered(Size(width: 40, height: 12)), title: "Wrapped"))
        default:
            surface.put("unknown widget \(name)", at: Point(x: 0, y: 0))
        }
    }

    static let sampleTitles = ["Blue Teapot", "東京 Tea Set 🍵", "Café crème ☕", "Family 👨‍👩‍👧 game", "Flag 🇯🇵 pin",
                               "Evil\u{1B}]0;pwned\u{07}Title\u{1B}[2J", "Ze\u{301}ro-width marks"]
    static let sampleParagraph = "Curio ships worldwide. 日本語のテキストも正しく折り返されます。 Emoji 👩‍💻 count as two cells, and escape \u{1B}[31msequences\u{1B}[0m are removed.\nA second paragraph."
}
