import Commerce
import Foundation

/// Orders from the command line: scripted checkout, listing, showing, and the staff status changes.
enum OrderCommands {
    static let all: [Command] = [place, list, show, process, pay, retryPayment, ship, deliver, cancel, refund, recover, stockAdjust]

    static let place = Command(
        path: ["order", "place"],
        summary: "place an order (scripted checkout); prints the order number",
        details: """
            Places an order as the account with EMAIL, or as a guest with that contact email when there is no
            such account. The address comes from --address-json (an object with name, line1, line2, city,
            region, postalCode, country, phone, company) or else the account's default saved address.
            --token makes a retry idempotent: placing again with the same token returns the same order.
            --card puts the number on the command line, where other local users can see it in the process
            list; --card-stdin reads it from standard input instead. Test cards: 4242424242424242 succeeds; 4000000000000002 is declined; …9995 insufficient funds;
            …0069 expired; …0127 wrong CVC; …0119 processing error.
            --json prints {"number", "total", "status", "paymentStatus", "alreadyPlaced"}; errors print
            {"error": {"message", "kind"}} and exit 1.
            """,
        options: [
            OptionSpec(name: "--as", value: "EMAIL", help: "the shopper (an account's email, or a guest's)", required: true),
            OptionSpec(name: "--item", value: "VARIANT:QTY",
                       help: "what to buy: a SKU, HANDLE/OPTION1/… or a variant id, then the quantity; repeat for more lines",
                       repeatable: true, required: true),
            OptionSpec(name: "--card", value: "NUMBER", help: "card number"),
            OptionSpec(name: "--exp", value: "MM/YY", help: "card expiry"),
            OptionSpec(name: "--cvc", value: "CVC", help: "card security code"),
            OptionSpec(name: "--card-stdin", value: nil, help: "read \"NUMBER MM/YY CVC\" from standard input (keeps them out of the process list)"),
            OptionSpec(name: "--pay-on-delivery", value: nil, help: "pay when the order arrives"),
            OptionSpec(name: "--address-json", value: "FILE", help: "shipping address as JSON"),
            OptionSpec(name: "--shipping", value: "CODE", help: "shipping method code (default: the cheapest)"),
            OptionSpec(name: "--code", value: "CODE", help: "a discount code"),
            OptionSpec(name: "--token", value: "TOKEN", help: "checkout token for idempotent retries (default: new)"),
            OptionSpec.json(),
        ],
        run: { context, arguments in
            let email = arguments.value("--as") ?? ""
            let itemTexts = arguments.all("--item")
            let payment: PaymentChoice
            if arguments.has("--pay-on-delivery") {
                payment = .payOnDelivery
            } else if arguments.has("--card-stdin") {
                let line = try InputLine.read(maximumBytes: 256, option: "--card-stdin") ?? ""
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count >= 3 else {
                    throw UsageError(message: "--card-stdin expects one line: NUMBER MM/YY CVC (the number may not contain spaces)")
                }
                payment = .card(try CardDetails(number: String(parts[0]), expiry: String(parts[1]), cvc: String(parts[2])))
            } else {
                guard let number = arguments.value("--card"), let exp = arguments.value("--exp"), let cvc = arguments.value("--cvc") else {
                    throw UsageError(message: "give --card, --exp and --cvc, or --card-stdin, or --pay-on-delivery")
                }
                payment = .card(try CardDetails(number: number, expiry: exp, cvc: cvc))
            }
            let store = try context.openStore()
            let caller = try shopper(email, store: store)
            var items: [CheckoutItem] = []
            for text in itemTexts {
                // The quantity follows the last colon, so a SKU or option value may itself hold colons.
                guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
                      let quantity = Int(text[text.index(after: colon)...]) else {
                    throw UsageError(message: "--item '\(Sanitize.forTerminal(text))' must look like SKU:QTY (or HANDLE/OPTION…:QTY)")
                }
                items.append(CheckoutItem(variant: try store.productEditor.variantID(reference: String(text[..<colon])), quantity: quantity))
            }
            let address = try arguments.value("--address-json").map { try readAddress($0) } ?? defaultAddress(caller, store: store, email: email)
            var shipping: ShippingMethodID?
            if let code = arguments.value("--shipping") {
                guard let method = try store.pricing.shippingMethods().first(where: { $0.code == code }) else {
                    let codes = (try? store.pricing.shippingMethods().map(\.code).joined(separator: ", ")) ?? ""
                    throw CommerceError.notFound("no shipping method '\(code)' (available: \(codes))")
                }
                shipping = method.id
            }
            let request = CheckoutRequest(token: arguments.value("--token") ?? Checkout.newToken(), email: email, items: items,
                                          address: address, shippingMethod: shipping, discountCode: arguments.value("--code"),
                                          payment: payment)
            let placed = try store.checkout.place(request, as: caller)
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(placed) + "\n")
            } else {
                let again = placed.alreadyPlaced ? " (already placed with this token)" : ""
                context.out("Placed order #\(placed.number): \(placed.total.formatted), \(placed.status.rawValue), payment \(placed.paymentStatus.rawValue)\(again)\n")
            }
            return 0
        })

    static let list = Command(
        path: ["order", "list"],
        summary: "list orders, newest first",
        details: "--json prints an array of {\"id\", \"number\", \"email\", \"status\", \"paymentStatus\", \"total\", \"itemCount\", \"placedAt\"}.",
        options: [
            OptionSpec(name: "--status", value: "STATUS", help: "PENDING, PROCESSING, SHIPPED, DELIVERED or CANCELLED"),
            OptionSpec(name: "--limit", value: "N", help: "at most N orders (default 50)"),
            OptionSpec.json(),
        ],
        run: { context, arguments in
            let status = try arguments.value("--status").map { text -> OrderStatus in
                guard let status = OrderStatus(rawValue: text.uppercased()) else {
                    throw UsageError(message: "unknown status '\(Sanitize.forTerminal(text))'")
                }
                return status
            }
            let limit = try arguments.value("--limit").map { text -> Int in
                guard let n = Int(text), n > 0 else { throw UsageError(message: "--limit must be a positive number") }
                return n
            } ?? 50
            let store = try context.openStore()
            let orders = try store.orders.list(status: status, limit: limit, as: context.actor)
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(orders) + "\n")
            } else {
                context.out(TextTable.render(header: ["ORDER", "PLACED", "EMAIL", "ITEMS", "TOTAL", "STATUS", "PAYMENT"], rows: orders.map {
                    ["#\($0.number)", formatTime($0.placedAt), $0.email, String($0.itemCount), $0.total.formatted,
                     $0.status.rawValue, $0.paymentStatus.rawValue]
                }))
            }
            return 0
        })

    static let show = Command(
        path: ["order", "show"],
        summary: "show an order with its lines, payments and timeline",
        arguments: [.required("NUMBER")],
        details: "--json prints the whole order: summary, lines, totals, address, payments and timeline.",
        options: [OptionSpec.json()],
        run: { context, arguments in
            let number = try orderNumber(arguments)
            let store = try context.openStore()
            let order = try store.orders.detail(number: number, as: context.actor)
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(order) + "\n")
                return 0
            }
            var text = "Order #\(order.summary.number) — \(order.summary.status.rawValue), payment \(order.summary.paymentStatus.rawValue)\n"
            text += "Placed \(formatTime(order.summary.placedAt)) by \(order.summary.email)\n\n"
            text += TextTable.render(header: ["ITEM", "SKU", "QTY", "PRICE", "TOTAL"], rows: order.lines.map {
                [$0.variantTitle.isEmpty ? $0.title : "\($0.title) — \($0.variantTitle)", $0.sku ?? "", String($0.quantity),
                 $0.unitPrice.formatted, $0.lineTotal.formatted]
            })
            text += "\nSubtotal \(order.subtotal.formatted)"
            if order.discount.minorUnits > 0 { text += " · discount -\(order.discount.formatted) (\(order.discountCode ?? ""))" }
            text += " · shipping \(order.shipping.formatted) · tax \(order.tax.formatted) · total \(order.summary.total.formatted)"
            if order.refunded.minorUnits > 0 { text += " · refunded \(order.refunded.formatted)" }
            let a = order.address
            text += "\nShip to \(a.name), \(a.line1)\(a.line2.isEmpty ? "" : ", " + a.line2), \(a.postalCode) \(a.city)\(a.region.isEmpty ? "" : ", " + a.region), \(a.country)"
            text += " by \(order.shippingMethod)\(order.trackingNumber.map { " — \(order.carrier ?? "") \($0)" } ?? "")\n\nTimeline:\n"
            for event in order.timeline { text += "  \(formatTime(event.at))  \(event.actor): \(event.message)\n" }
            context.out(Sanitize.forTerminal(text, allowNewlines: true))
            return 0
        })

    static let process = staffCommand("process", "accept an order for fulfilment (PENDING → PROCESSING)") { store, number, _, actor in
        try store.orders.startProcessing(number: number, by: actor)
    }
    static let pay = staffCommand("pay", "mark a pay-on-delivery order as paid") { store, number, _, actor in
        try store.orders.markPaid(number: number, by: actor)
    }
    static let retryPayment = staffCommand("retry-payment",
                                           "ask the payment service what became of a stopped checkout's card charge; pay or cancel the order by its answer") {
        store, number, _, actor in
        try store.orders.retryPayment(number: number, by: actor)
    }
    static let deliver = staffCommand("deliver", "mark a shipped order delivered") { store, number, _, actor in
        try store.orders.deliver(number: number, by: actor)
    }
    static let ship = staffCommand("ship", "ship an order with carrier and tracking number",
                                   options: [OptionSpec(name: "--carrier", value: "NAME", help: "the carrier", required: true),
                                             OptionSpec(name: "--tracking", value: "NUMBER", help: "tracking number", required: true)]) { store, number, arguments, actor in
        try store.orders.ship(number: number, carrier: arguments.value("--carrier") ?? "", tracking: arguments.value("--tracking") ?? "", by: actor)
    }
    static let cancel = staffCommand("cancel", "cancel an order: stock goes back, a paid order is refunded",
                                     options: [OptionSpec(name: "--reason", value: "TEXT", help: "why, for the timeline")]) { store, number, arguments, actor in
        try store.orders.cancel(number: number, reason: arguments.value("--reason") ?? "", by: actor)
    }
    static let refund = staffCommand("refund", "refund part or all of a paid order",
                                     options: [OptionSpec(name: "--amount", value: "AMOUNT", help: "how much, like 12.50", required: true),
                                               OptionSpec(name: "--reason", value: "TEXT", help: "why, for the timeline")]) { store, number, arguments, actor in
        let text = arguments.value("--amount") ?? ""
        let amount: Money
        do { amount = try Money.parse(text, currency: store.currency) } catch { throw UsageError(message: "--amount: \(error)") }
        try store.orders.refund(number: number, amount: amount, reason: arguments.value("--reason") ?? "", by: actor)
    }

    /// The longest `--grace` accepted: ten years in seconds.
    static let maxGraceSeconds: Double = 315_360_000

    static let recover = Command(
        path: ["order", "recover"],
        summary: "settle card orders whose checkout stopped before payment: paid if the gateway charged them, else cancelled and restocked",
        details: "The payment service is asked what became of each charge first. Only orders placed more than SECONDS ago (default 600) are touched, so checkouts still running are left alone.",
        options: [OptionSpec(name: "--grace", value: "SECONDS", help: "minimum age of an order to recover")],
        run: { context, arguments in
            let grace = try arguments.value("--grace").map { text -> Double in
                // Finite and at most ten years, so the age cut-off computed from it stays a sane time.
                guard let seconds = Double(text), seconds.isFinite, (0...maxGraceSeconds).contains(seconds) else {
                    throw UsageError(message: "--grace must be a number of seconds from 0 to \(Int(maxGraceSeconds)) (ten years)")
                }
                return seconds
            } ?? 600
            let store = try context.openStore()
            let numbers = try store.checkout.recoverInterrupted(olderThan: grace)
            let settled = numbers.map { number in
                let status = (try? store.orders.detail(number: number, as: .system))?.summary.status
                return "#\(number) (\(status == .cancelled ? "cancelled" : "paid"))"
            }
            context.out(numbers.isEmpty ? "No interrupted checkouts.\n"
                        : "Settled \(numbers.count) interrupted checkouts: \(settled.joined(separator: ", ")).\n")
            return 0
        })

    static let stockAdjust = Command(
        path: ["stock", "adjust"],
        summary: "change a variant's stock by DELTA with a reason",
        arguments: [.required("VARIANT"), .required("DELTA")],
        details: """
            Writes one ledger row: a restock for a positive DELTA, an adjustment for a negative one. Stock never goes below zero.
            VARIANT is a SKU, HANDLE/OPTION1/OPTION2… (a handle alone for a product with one variant) or a variant id.
            A SKU that several variants share is refused with the list of them, and nothing changes.
            """,
        options: [OptionSpec(name: "--reason", value: "TEXT", help: "why", required: true)],
        run: { context, arguments in
            guard let delta = Int(arguments.argument("DELTA")), delta != 0 else {
                throw UsageError(message: "DELTA must be a non-zero whole number, like 5 or -2")
            }
            guard let reason = arguments.value("--reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError(message: "--reason is required")
            }
            let store = try context.openStore()
            let variant = try store.productEditor.variantID(reference: arguments.argument("VARIANT"))
            try store.productEditor.adjustStock(variant, by: delta, reason: delta > 0 ? .restock : .adjustment, note: reason, by: context.actor)
            context.out("\(Sanitize.forTerminal(arguments.argument("VARIANT"))): stock changed by \(delta).\n")
            return 0
        })

    // MARK: Helpers

    private static func staffCommand(_ verb: String, _ summary: String, options: [OptionSpec] = [],
                                     _ action: @escaping @Sendable (Store, Int, ParsedArguments, Caller) throws -> Void) -> Command {
        Command(path: ["order", verb], summary: summary,
                arguments: [.required("NUMBER")],
                options: options,
                run: { context, arguments in
                    let number = try orderNumber(arguments)
                    let store = try context.openStore()
                    try action(store, number, arguments, context.actor)
                    let order = try store.orders.detail(number: number, as: .system)
                    context.out("Order #\(number): \(order.summary.status.rawValue), payment \(order.summary.paymentStatus.rawValue)\n")
                    return 0
                })
    }

    private static func orderNumber(_ arguments: ParsedArguments) throws -> Int {
        let given = arguments.argument("NUMBER")
        let text = given.hasPrefix("#") ? String(given.dropFirst()) : given
        guard let number = Int(text), number > 0 else {
            throw UsageError(message: "'\(Sanitize.forTerminal(given))' is not an order number")
        }
        return number
    }

    /// The account with `email` acting for itself, or a guest with that contact email.
    private static func shopper(_ email: String, store: Store) throws -> Caller {
        if let profile = try? store.accounts.profile(email: email, as: .system) {
            guard !profile.disabled else { throw CommerceError.forbidden("the account \(email) is disabled") }
            return profile.caller
        }
        return .guest(token: "cli-" + Checkout.newToken())
    }

    private static func defaultAddress(_ caller: Caller, store: Store, email: String) throws -> Address {
        guard caller.userID != nil, let address = try store.addresses.list(as: caller).first else {
            throw CommerceError.invalid(field: "address", reason: "\(email) has no saved address; pass --address-json FILE")
        }
        return address
    }

    private static func readAddress(_ path: String) throws -> Address {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommerceError.notFound("\(path): cannot read the address file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CommerceError.invalid(field: "address", reason: "\(path) is not a JSON object")
        }
        func field(_ key: String) -> String { (object[key] as? String) ?? "" }
        return Address(name: field("name"), company: field("company"), line1: field("line1"), line2: field("line2"),
                       city: field("city"), region: field("region"), postalCode: field("postalCode"),
                       country: field("country"), phone: field("phone"))
    }

    static func formatTime(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
