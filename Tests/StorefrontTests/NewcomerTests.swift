import Commerce
import Foundation
import Testing
import TerminalUI
@testable import Storefront

/// The storefront as a newcomer finds it (issue 13): each test walks one thing that got in the way.
@MainActor
@Suite("Storefront for a newcomer") struct NewcomerTests {
    // MARK: Input

    /// Keys that arrive together (no frame drawn between them) each take effect, in order.
    @Test func keysTypedQuicklyAreEachHandled() throws {
        let shop = try ShopFixture()
        let first = try shop.store.catalog.products(ProductQuery(limit: 5), caller: .system).products
        shop.sendTogether(.tab, .char("j"), .char("j"), .char("j"))
        #expect(shop.screen().contains("\(Glyph.pointer) " + first[3].title), "three j moved three rows")
        shop.sendTogether(.enter, .char("a"))
        #expect(shop.app.stack.top is ProductScreen)
        #expect(try shop.cart().itemCount == 1, "Enter then a at once opens the product and adds it")
        shop.sendTogether(.char("c"), .enter)
        #expect(shop.app.stack.top is CheckoutScreen, "c then Enter at once opens the cart and checks out")

        let orders = try ShopFixture()
        try orders.signIn(as: .customer)
        orders.sendTogether(.char("o"), .char("j"), .char("j"), .char("j"), .enter)
        let history = try orders.store.orders.history(as: orders.session.caller)
        #expect(history.count > 4)
        let detail = try #require(orders.app.stack.top as? OrderDetailScreen)
        #expect(detail.number == history[3].number, "o j j j Enter opens the fourth order")
    }

    /// `?` opens help on every screen; inside a text field when it is empty, and F1 always.
    @Test func helpWorksOnEveryScreenIncludingTextFields() throws {
        let shop = try ShopFixture()
        shop.send(.char("/"))
        #expect(shop.screen().contains("F1 Help") && shop.screen().contains("ctrl-c Quit"), "the footer says how, inside the field")
        shop.send(.char("?"))
        #expect(shop.app.stack.top is HelpOverlay, "? in the empty search field is help")
        shop.send(.escape)
        shop.typeKeys("mug?")
        #expect(shop.screen().contains("mug?"), "with text in the field, ? is typed")
        shop.send(.function(1))
        #expect(shop.app.stack.top is HelpOverlay, "F1 is help with text in the field")
        shop.send(.escape, .escape)

        shop.send(.char("u"))
        #expect(shop.app.stack.top is SignInScreen)
        shop.send(.char("?"))
        #expect(shop.app.stack.top is HelpOverlay)
        #expect(shop.screen().contains("shopper@curio.shop / curio-shopper"), "the sign-in help lists the demo accounts")
        shop.send(.escape, .escape)

        shop.addFirstProductToCart()
        shop.send(.char("c"), .enter)
        #expect(shop.app.stack.top is CheckoutScreen)
        shop.send(.char("?"))
        #expect(shop.app.stack.top is HelpOverlay, "help on the checkout's empty email field")
    }

    /// Enter on a field with an error stays there (typing goes where the cursor is), a field says
    /// its limit instead of cutting silently, and an expiry in the past is refused at the field.
    @Test func formsKeepTheCursorOnAnErrorAndSayTheirLimits() throws {
        let shop = try ShopFixture()
        shop.addFirstProductToCart()
        shop.send(.char("c"), .enter)
        shop.type("guest@example.com", then: .enter)
        shop.send(.enter)  // empty name
        #expect(shop.screen().contains("Enter the recipient's name."))
        shop.typeKeys("Ada")
        let afterTyping = shop.screen()
        #expect(afterTyping.contains("Name:         Ada"), "typing went into Name, where the cursor stayed")
        #expect(!afterTyping.contains("Address:      Ada"))
        shop.send(.tab)
        shop.type("1 Analytical Way", then: .tab)
        shop.type("Springfield", then: .tab)
        shop.send(.tab)
        shop.type("62701", then: .tab)
        shop.typeKeys("12345")
        let country = shop.screen()
        #expect(country.contains("Country:      12"))
        #expect(country.contains("Country takes at most 2 characters; the rest was not typed."))
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "checkout-field-limit-\(size.width)x\(size.height)") }
        shop.send(.backspace, .backspace)
        shop.typeKeys("US")
        shop.send(.enter, .enter, .enter)  // address, shipping, card
        shop.type("4242 4242 4242 4242", then: .tab)
        shop.type("01/20", then: .tab)
        #expect(shop.screen().contains("This card expired at the end of 01/20"))
        shop.type("123", then: .enter)
        let checkout = try #require(shop.app.stack.top as? CheckoutScreen)
        #expect(checkout.step == .card, "a past expiry does not reach the review")

        let search = try ShopFixture()
        search.send(.char("/"))
        search.type(String(repeating: "tea ", count: 30))
        #expect(search.screen().contains("A search takes at most 80 characters; the rest was not typed."), "fields outside forms say so too")
    }

    // MARK: Reading

    /// A product with 29 reviews: every one can be read at 80x24 (and the page says how).
    @Test func everyReviewCanBeReadAtEightyByTwentyFour() throws {
        let shop = try ShopFixture()
        shop.size = Size(width: 80, height: 24)
        let product = try shop.store.catalog.product(handle: "paper-boats", caller: .system)
        let all = try shop.store.reviews.list(product: product.summary.id, limit: 100).reviews
        #expect(all.count == 29)
        shop.send(.char("/"))
        shop.type("paper boats", then: .enter)
        #expect(shop.app.stack.top is ProductScreen)
        let page = shop.screen(shop.size)
        #expect(page.contains("29 reviews (v to read)") && page.contains("v Reviews (29)"))
        shop.send(.char("v"))
        #expect(shop.app.stack.top is ProductReadingScreen)
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "product-reviews-\(size.width)x\(size.height)") }
        var seen = ""
        for _ in 0..<200 {
            seen += shop.screen(shop.size)
            shop.send(.pageDown)
        }
        seen += shop.screen(shop.size)
        for review in all {
            #expect(seen.contains(review.authorName + " \(Glyph.middleDot) verified purchase") || seen.contains(review.authorName + " \(Glyph.middleDot) 20"),
                    "\(review.authorName)'s review is reachable")
            #expect(review.body.isEmpty || seen.contains(String(review.body.prefix(30))))
        }
    }

    /// A long review or description is cut with the ellipsis only when it does not fit; the whole
    /// text is one key away.
    @Test func cutTextEndsWithTheEllipsisAndTheWholeTextIsReadable() throws {
        let shop = try ShopFixture()
        let product = try #require(try shop.store.catalog.products(ProductQuery(limit: 1), caller: .system).products.first)
        let id = product.id
        let long = (1...400).map { "word\($0)" }.joined(separator: " ")
        var changes = ProductChanges()
        changes.descriptionHTML = long
        try shop.store.productEditor.updateProduct(id, changes, by: .system)
        shop.session.changed()
        shop.send(.tab, .enter)
        let page = shop.screen()
        #expect(page.contains("\(Glyph.ellipsis)"), "the description is cut, and says so")
        #expect(!page.contains("word400"))
        shop.send(.char("d"))
        var seen = shop.screen()
        for _ in 0..<20 { shop.send(.pageDown); seen += shop.screen() }
        #expect(seen.contains("word400"), "d reads the whole description")
    }

    /// Reasons said once: a list where every row would say "bought together with <this product>"
    /// leaves it to the heading; varied reasons stay, shortened rather than cut when narrow.
    @Test func recommendationReasonsAreNotRepeatedOrCut() throws {
        let shop = try ShopFixture(recommending: true)
        try shop.signIn(as: .customer)
        let wide = shop.screen()
        #expect(wide.contains("For you"))
        let narrow = shop.screen(Size(width: 100, height: 40))
        for text in [wide, narrow] {
            for line in text.split(separator: "\n") where line.contains("bought together") || line.contains("similar") {
                #expect(!line.contains("\(Glyph.ellipsis)"), "a reason is never cut: \(line)")
            }
        }
    }

    // MARK: Footer, messages, layout

    /// Help and Quit always fit; the home screen names orders, inbox and sign-in; an empty cart
    /// offers nothing that does nothing; staff are not offered a review they cannot write.
    @Test func footersOfferTheKeysThatWork() throws {
        let shop = try ShopFixture()
        for size in snapshotSizes {
            let footer = shop.render(size).line(size.height - 1)
            for hint in ["o Orders", "n Inbox", "u Sign in", "? Help", "q Quit"] { #expect(footer.contains(hint), "\(size): \(footer)") }
        }
        shop.send(.char("c"))
        let empty = shop.render(Size(width: 120, height: 40))
        let cartFooter = empty.line(39)
        #expect(!cartFooter.contains("Checkout") && !cartFooter.contains("Remove") && !cartFooter.contains("Quantity"))
        #expect(!empty.text.contains("press d"), "no discount code for an empty cart")
        shop.send(.escape)
        try shop.signIn(as: .customer)
        shop.send(.tab, .enter)
        for size in snapshotSizes {
            let footer = shop.render(size).line(size.height - 1)
            #expect(footer.contains("? Help") && footer.contains("q Quit"), "signed-in product page at \(size): \(footer)")
        }
        shop.send(.char("?"))
        #expect(shop.screen().contains("Write a review"), "customers are offered it")
        shop.send(.escape)

        let staff = try ShopFixture()
        try staff.signIn(as: .staff)
        staff.send(.tab, .enter)
        #expect(!staff.screen().contains("Write a review"), "not offered to staff")
        staff.send(.char("?"))
        #expect(!staff.screen().contains("Write a review"), "not in their help either")
    }

    /// `s s i` on the home screen: one message at a time, in the footer, covering no content.
    @Test func messagesShowOneAtATimeAndCoverNothing() throws {
        let shop = try ShopFixture()
        shop.send(.tab)
        let before = shop.render()
        shop.send(.char("s"), .char("s"), .char("i"))
        let after = shop.render()
        #expect(after.line(39).contains("Showing products in stock"), "the newest message, in the footer")
        #expect(!after.text.contains("Sorted by"), "the older ones are gone")
        #expect(after.line(39).hasSuffix("? Help \(Glyph.middleDot) q Quit"), "beside Help and Quit")
        shop.expireToasts()
        let settled = shop.render()
        for row in 1..<39 { #expect(after.line(row) == settled.line(row), "row \(row) is not covered by a message") }
        #expect(before.line(39) == settled.line(39))
    }

    /// A declined card's message is whole at both sizes; the attempt is not an order for the
    /// shopper (list, lookup, inbox) while staff still see it.
    @Test func aDeclineIsToldWholeAndLeavesNoOrder() throws {
        let shop = try ShopFixture()
        try shop.signIn(as: .customer)
        let before = try shop.store.orders.history(as: shop.session.caller).map(\.number)
        shop.addFirstProductToCart()
        shop.send(.char("c"), .enter, .enter)  // cart, checkout, the prefilled email
        shop.send(.enter, .enter, .enter)  // the saved address, shipping, card
        shop.type("4000 0000 0000 0002", then: .tab)
        shop.type("12/40", then: .tab)
        shop.type("123", then: .enter)
        shop.send(.enter)
        for size in snapshotSizes {
            let text = shop.render(size).text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.joined(separator: " ")
            #expect(text.contains("Your cart is kept: enter another card, or press Esc to choose pay on delivery."), "at \(size)")
            assertSnapshot(shop.render(size), named: "checkout-declined-\(size.width)x\(size.height)")
        }
        let attempt = try #require(try shop.store.orders.list(as: .system).first)
        #expect(attempt.status == .cancelled && attempt.paymentStatus == .failed, "kept for staff and doctor")
        #expect(try shop.store.orders.history(as: shop.session.caller).map(\.number) == before, "not in the shopper's orders")
        shop.send(.escape, .escape, .escape, .escape, .escape, .escape)
        shop.send(.char("o"))
        #expect(!shop.screen().contains("#\(attempt.number)"))
        #expect(throws: CommerceError.self) { try shop.store.orders.detail(number: attempt.number, as: shop.session.caller) }
        #expect(throws: CommerceError.self) { try shop.store.orders.find(number: attempt.number, email: attempt.email) }
        let delivery = try Store(path: shop.store.location.description)
        let dispatcher = try Dispatcher(store: delivery, subscribers: [NotificationSubscriber(maildir: nil)])
        while try dispatcher.dispatchPending(limit: 500).attempted > 0 {}
        let inbox = try shop.store.notifications.inbox(as: shop.session.caller)
        #expect(!inbox.contains { $0.subject.contains("#\(attempt.number)") }, "and no message about it")
    }

    /// Shipping and review say why shipping is free or not, the review shows line totals, the
    /// region stays in the address, and days read naturally.
    @Test func checkoutFiguresAgree() throws {
        let shop = try ShopFixture()
        let cheap = try #require(try shop.store.catalog.products(ProductQuery(filter: ProductFilter(inStockOnly: true), sort: .priceAscending, limit: 1),
                                                                  caller: .system).products.first)
        let variant = try #require(try shop.store.catalog.product(handle: cheap.handle, caller: .system).variants.first)
        try shop.store.carts.add(variant: variant.id, quantity: 2, as: shop.session.caller)
        shop.session.changed()
        shop.send(.char("c"), .enter)
        shop.type("guest@example.com", then: .enter)
        shop.type("Ada Lovelace", then: .tab)
        shop.type("1 Analytical Way", then: .tab)
        shop.type("Springfield", then: .tab)
        shop.type("IL", then: .tab)
        shop.type("62701", then: .tab)
        shop.type("US", then: .enter)
        let shipping = shop.screen()
        #expect(shipping.contains("free from $50.00"), "the threshold is said at the shipping step")
        #expect(!shipping.contains("1\(Glyph.enDash)1 days") && shipping.contains("Overnight \(Glyph.middleDot) 1 day"))
        #expect(!shipping.contains("days) \(Glyph.middleDot) 3\(Glyph.enDash)5 days"), "the days are said once")
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "checkout-shipping-\(size.width)x\(size.height)") }
        shop.send(.enter)  // standard
        shop.send(.down, .enter)  // pay on delivery
        let review = shop.screen()
        #expect(review.contains("To: Ada Lovelace, 1 Analytical Way, Springfield, IL 62701, US"))
        let lineTotal = try variant.price.multiplied(by: 2).formatted
        #expect(review.contains("2 \(Glyph.times) \(cheap.title)") && review.contains(lineTotal), "the line's total, as the cart shows it")
        #expect(review.contains("Shipping (Standard (3-5 days), free from $50.00)"))
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "checkout-review-\(size.width)x\(size.height)") }
        shop.send(.enter)
        let checkout = try #require(shop.app.stack.top as? CheckoutScreen)
        let placed = try #require(checkout.placed)
        let order = try shop.store.orders.find(number: placed.number, email: "guest@example.com")
        #expect(order.timeline.first?.message.hasPrefix("placed: 2 items,") == true)
    }

    /// An order over the threshold: both steps say shipping is free, and why.
    @Test func freeShippingIsSaidOnBothSteps() throws {
        let shop = try ShopFixture()
        let dear = try #require(try shop.store.catalog.products(ProductQuery(filter: ProductFilter(inStockOnly: true), sort: .priceDescending, limit: 1),
                                                                 caller: .system).products.first)
        let variant = try #require(try shop.store.catalog.product(handle: dear.handle, caller: .system).variants.first { $0.stock > 0 })
        #expect(variant.price.minorUnits >= 5_000)
        try shop.store.carts.add(variant: variant.id, quantity: 1, as: shop.session.caller)
        shop.session.changed()
        shop.send(.char("c"))
        #expect(shop.screen().contains("Shipping (Standard (3-5 days), free on orders from $50.00)"))
        shop.send(.enter)
        shop.type("guest@example.com", then: .enter)
        for field in ["Ada Lovelace", "1 Analytical Way", "Springfield", "", "62701"] { shop.type(field, then: .tab) }
        shop.type("US", then: .enter)
        let shipping = shop.screen()
        #expect(shipping.contains("Standard (3-5 days) \(Glyph.middleDot) free on orders from $50.00") && shipping.contains("free"))
        shop.send(.enter, .down, .enter)
        let review = shop.screen()
        #expect(review.contains("Shipping (Standard (3-5 days), free on orders from $50.00)") && review.contains("$0.00"))
    }

    /// After signing in the shopper is back where they were: the orders or inbox that asked, now theirs.
    @Test func signingInReturnsToWhereTheShopperCameFrom() throws {
        let shop = try ShopFixture()
        let account = try #require(DemoSeeder.accounts.first { $0.role == .customer })
        shop.send(.char("o"), .ctrl("o"))
        #expect(shop.app.stack.top is SignInScreen)
        shop.type(account.email, then: .tab)
        shop.type(account.password, then: .enter)
        #expect(shop.app.stack.top is OrdersScreen && shop.screen().contains("Your orders"))
        #expect(shop.screen().contains(account.email + " \(Glyph.middleDot) "), "the whole email in the title bar")
        shop.send(.escape)
        shop.send(.char("u"), .char("s"))  // account, sign out
        shop.send(.char("n"), .char("u"))
        shop.type(account.email, then: .tab)
        shop.type(account.password, then: .enter)
        #expect(shop.app.stack.top is InboxScreen && shop.screen().contains("unread"))
        shop.send(.escape)
        shop.send(.tab, .enter)
        let product = try #require(shop.app.stack.top as? ProductScreen)
        shop.send(.char("u"), .char("s"), .char("u"))
        shop.type(account.email, then: .tab)
        shop.type(account.password, then: .enter)
        #expect(shop.app.stack.top === product, "from a product page, back to it")
    }

    /// The last unit already in the cart: the page and the refusal agree.
    @Test func theLastUnitInTheCartIsSaidSo() throws {
        let shop = try ShopFixture()
        let product = try #require(try shop.store.catalog.products(ProductQuery(limit: 1), caller: .system).products.first)
        let variant = try #require(try shop.store.catalog.product(handle: product.handle, caller: .system).variants.first)
        try shop.store.productEditor.adjustStock(variant.id, by: 1 - variant.stock, by: .system)
        shop.session.changed()
        shop.send(.tab, .enter)
        #expect(shop.screen().contains("only 1 left"))
        shop.send(.char("a"))
        let page = shop.screen()
        #expect(page.contains("1 left, in your cart") && !page.contains("sold out"))
        shop.expireToasts()
        shop.send(.char("a"))
        let again = shop.screen()
        #expect(again.contains("All 1 left are in your cart already") && !again.contains("sold out"))
    }

    // MARK: Terminals and the first screen

    /// On an ASCII terminal every glyph of the table is drawn as its fallback: nothing vanishes.
    @Test func asciiTerminalsGetAFallbackForEveryGlyph() throws {
        let shop = try ShopFixture()
        let table = Set(Glyph.allCases.map(\.rawValue))
        func check(_ what: String) {
            let surface = BufferSurface(size: Size(width: 120, height: 40), ascii: true)
            shop.app.render(into: surface)
            let drawn = surface.text.filter { table.contains($0) }
            #expect(drawn.isEmpty, "\(what) draws \(String(drawn)) on an ASCII terminal")
        }
        check("home")
        shop.send(.tab)
        check("home products")
        shop.send(.enter)
        check("product")
        shop.send(.char("a"), .char("v"))
        check("reviews")
        shop.send(.escape, .char("c"))
        check("cart")
        shop.send(.enter)
        shop.type("guest@example.com", then: .enter)
        check("checkout")
        shop.send(.char("?"))
        check("help")
        let ascii = BufferSurface(size: Size(width: 80, height: 24), ascii: true)
        shop.app.render(into: ascii)
        #expect(ascii.text.contains("^v/jk") || ascii.text.contains("Tab/^v"), "arrows fall back, not vanish")
    }

    /// The first screen tells a guest of the demo shop where the demo accounts and a test card are.
    @Test func theFirstScreenShowsHowToTryTheDemo() throws {
        let shop = try ShopFixture()
        #expect(shop.screen().contains("New here? Press ? for the demo accounts and test cards"))
        shop.send(.char("?"))
        let help = shop.screen(Size(width: 80, height: 24))
        #expect(help.contains("shopper@curio.shop / curio-shopper") && help.contains("4242 4242 4242 4242 pays"))
        assertSnapshot(shop.render(Size(width: 80, height: 24)), named: "home-help-80x24")
        shop.send(.escape)
        try shop.signIn(as: .customer)
        #expect(!shop.screen().contains("New here?"), "not once signed in")
    }

    // MARK: Accounts

    /// An address no message could be sent to is refused at the field, saying why.
    @Test func internationalisedEmailsAreRefusedAtTheField() throws {
        let shop = try ShopFixture()
        shop.send(.char("u"), .ctrl("r"))
        shop.type("Ü Ser", then: .tab)
        shop.type("ü@exämple.com", then: .tab)
        #expect(shop.screen().contains("Use an address in plain ASCII letters"))
        shop.send(.escape)
        shop.addFirstProductToCart()
        shop.send(.char("c"), .enter)
        shop.type("ü@exämple.com", then: .enter)
        let checkout = try #require(shop.app.stack.top as? CheckoutScreen)
        #expect(checkout.step == .contact && shop.screen().contains("Use an address in plain ASCII letters"))
    }

    /// A local guest's cart is kept under the OS account: a new session of the same user finds it.
    @Test func aLocalGuestsCartSurvivesQuittingAndReopening() throws {
        let shop = try ShopFixture()
        let key = GuestCartKey.localUser()
        let first = ShopSession(store: shop.store, guestToken: key)
        let handle = try #require(try shop.store.catalog.products(ProductQuery(limit: 1), caller: .system).products.first).handle
        let variant = try #require(try shop.store.catalog.product(handle: handle, caller: .system).variants.first)
        try shop.store.carts.add(variant: variant.id, quantity: 2, as: first.caller)
        let reopened = ShopApp.makeApp(session: ShopSession(store: shop.store, guestToken: GuestCartKey.localUser()))
        let surface = BufferSurface(size: Size(width: 120, height: 40))
        reopened.render(into: surface)
        #expect(surface.line(0).contains("guest \(Glyph.middleDot) cart 2"))
        #expect(GuestCartKey.localUser(uid: 1000, host: "box") == "local-box-1000")
        #expect(GuestCartKey.localUser(uid: 1001, host: "box") != GuestCartKey.localUser(uid: 1000, host: "box"), "another OS user, another cart")
        #expect(GuestCartKey.random() != GuestCartKey.random())
    }
}
