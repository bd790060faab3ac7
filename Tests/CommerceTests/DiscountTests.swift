import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite("Discount codes")
struct DiscountTests {
    let shop: ShopFixture
    let day: Int64 = 86_400_000
    init() throws { shop = try ShopFixture() }

    var discounts: Discounts { shop.store.discounts }

    /// Inserts a code directly, for states staff cannot create (already started, expired, used up).
    func insert(_ code: String, kind: String = "percent", value: Int64 = 10, minimum: Int64 = 0, starts: Int64? = nil,
                expires: Int64? = nil, limit: Int? = nil, used: Int = 0, active: Bool = true) throws {
        try shop.db.execute("""
            INSERT INTO discount_codes(code, kind, value, min_subtotal, starts_at, expires_at, usage_limit, used_count, active, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            """, code, kind, value, minimum, starts, expires, limit, used, active)
    }

    @Test func everyRefusalHasItsOwnMessage() throws {
        let mug = try shop.product("Ceramic Mug", price: 1250)
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.guest)
        let now = Clock.millisecondsNow()
        try insert("OLD", active: false)
        try insert("SOON", starts: 4_102_444_800_000)
        try insert("GONE", expires: 1_735_732_800_000)
        try insert("USEDUP", limit: 3, used: 3)
        try insert("BIGSPEND", minimum: 3000, expires: now + day)
        let refusals: [(String, String)] = [
            ("nope", "there is no discount code \"nope\"; check the spelling"),
            ("old", "the code OLD is no longer active"),
            ("SOON", "the code SOON can be used from 2100-01-01 00:00 UTC"),
            ("gone", "the code GONE expired on 2025-01-01 12:00 UTC"),
            ("UsedUp", "the code USEDUP has reached its usage limit (3 uses)"),
            ("BIGSPEND", "spend $5.00 more to use BIGSPEND (it needs a subtotal of $30.00)"),
        ]
        for (code, message) in refusals {
            #expect(throws: CommerceError.discountRefused(message)) { try discounts.applyDiscount(code: code, as: shop.guest) }
        }
        #expect(throws: CommerceError.invalid(field: "discount code", reason: "type a code")) {
            try discounts.applyDiscount(code: "  ", as: shop.guest)
        }
        #expect(try shop.carts.cart(as: shop.guest).discountCode == nil)
    }

    @Test func percentAndFixedCodesApplyAndAreKeptOnTheCart() throws {
        let mug = try shop.product("Ceramic Mug", price: 1250)
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.alice)
        let percent = try discounts.applyDiscount(code: " welcome10 ", as: shop.alice)
        #expect(percent.discountCode == "WELCOME10" && percent.totals.discount == shop.money(250))
        // SAVE5 is 5.00 off from a 30.00 subtotal: refused at 25.00, accepted at 37.50.
        #expect(throws: CommerceError.discountRefused("spend $5.00 more to use SAVE5 (it needs a subtotal of $30.00)")) {
            try discounts.applyDiscount(code: "SAVE5", as: shop.alice)
        }
        try shop.carts.add(variant: mug[0], as: shop.alice)
        let fixed = try discounts.applyDiscount(code: "SAVE5", as: shop.alice)
        #expect(fixed.discountCode == "SAVE5" && fixed.totals.discount == shop.money(500))
        #expect(fixed.totals.total == shop.money(3750 - 500 + 495))
        // Taking items out below the minimum keeps the code but leaves it out of the totals, saying why.
        let shrunk = try shop.carts.setQuantity(variant: mug[0], 1, as: shop.alice)
        #expect(shrunk.discountCode == "SAVE5" && shrunk.totals.discount == shop.money(0))
        #expect(shrunk.discountProblem == "spend $17.50 more to use SAVE5 (it needs a subtotal of $30.00)")
        #expect(shrunk.needsAttention)
        let removed = try discounts.removeDiscount(as: shop.alice)
        #expect(removed.discountCode == nil && removed.discountProblem == nil)
    }

    @Test func staffCreateAndDeactivateCodesWithValidationAndAudit() throws {
        var draft = DiscountCodeDraft(code: "summer-25", value: .percent(25))
        draft.minimumSubtotal = shop.money(2000)
        draft.usageLimit = 100
        let created = try discounts.createCode(draft, by: shop.staff)
        #expect(created.code == "SUMMER-25" && created.value == .percent(25) && created.usageLimit == 100)
        #expect(throws: CommerceError.conflict("code: SUMMER-25 already exists; choose another code")) {
            try discounts.createCode(DiscountCodeDraft(code: "Summer-25", value: .percent(5)), by: shop.staff)
        }
        let invalid: [(DiscountCodeDraft, CommerceError)] = [
            (DiscountCodeDraft(code: "AB", value: .percent(5)),
             .invalid(field: "code", reason: "use 3 to 32 of the letters A-Z, digits 0-9, - and _ (got \"AB\")")),
            (DiscountCodeDraft(code: "TEN OFF", value: .percent(5)),
             .invalid(field: "code", reason: "use 3 to 32 of the letters A-Z, digits 0-9, - and _ (got \"TEN OFF\")")),
            (DiscountCodeDraft(code: String(repeating: "A", count: 33), value: .percent(5)),
             .invalid(field: "code", reason: "use 3 to 32 of the letters A-Z, digits 0-9, - and _ (got \"\(String(repeating: "A", count: 33))\")")),
            (DiscountCodeDraft(code: "ZERO", value: .percent(0)), .invalid(field: "percent", reason: "must be between 1 and 100 (got 0)")),
            (DiscountCodeDraft(code: "MORE", value: .percent(101)), .invalid(field: "percent", reason: "must be between 1 and 100 (got 101)")),
            (DiscountCodeDraft(code: "FREE", value: .fixed(shop.money(0))), .invalid(field: "amount", reason: "must be more than zero (got $0.00)")),
        ]
        for (bad, error) in invalid {
            #expect(throws: error) { try discounts.createCode(bad, by: shop.staff) }
        }
        var backwards = DiscountCodeDraft(code: "BACK", value: .percent(5))
        backwards.startsAt = 1_735_732_800_000
        backwards.expiresAt = 1_735_732_800_000
        #expect(throws: CommerceError.invalid(field: "expires at", reason: "must be after the start (2025-01-01 12:00 UTC)")) {
            try discounts.createCode(backwards, by: shop.staff)
        }
        var unlimited = DiscountCodeDraft(code: "LIMIT", value: .percent(5))
        unlimited.usageLimit = 0
        #expect(throws: CommerceError.invalid(field: "usage limit", reason: "must be 1 or more, or none for unlimited (got 0)")) {
            try discounts.createCode(unlimited, by: shop.staff)
        }

        let mug = try shop.product("Ceramic Mug", price: 3000)
        try shop.carts.add(variant: mug[0], as: shop.bob)
        try discounts.applyDiscount(code: "SUMMER-25", as: shop.bob)
        try discounts.deactivate(code: "summer-25", by: shop.staff)
        #expect(try shop.carts.cart(as: shop.bob).discountProblem == "the code SUMMER-25 is no longer active")
        #expect(try shop.db.all("SELECT action, entity_id FROM audit_log WHERE entity = 'discount_code' ORDER BY id") {
            "\($0.string(0)) \($0.int(1))"
        } == ["discount.create \(created.id)", "discount.deactivate \(created.id)"])
        #expect(throws: CommerceError.notFound("there is no discount code \"NOSUCH\"")) {
            try discounts.deactivate(code: "nosuch", by: shop.staff)
        }
    }

    @Test func customersAreForbiddenOnStaffCalls() throws {
        let forbidden = CommerceError.forbidden("only staff can manage discount codes")
        #expect(throws: forbidden) { try discounts.createCode(DiscountCodeDraft(code: "MINE", value: .percent(90)), by: shop.alice) }
        #expect(throws: forbidden) { try discounts.deactivate(code: "WELCOME10", by: shop.alice) }
        #expect(throws: forbidden) { try discounts.list(by: shop.guest) }
        #expect(try discounts.list(by: shop.staff).count == 5)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM discount_codes WHERE code = 'MINE' OR active = 0") == 0)
    }

    @Test func redeemStopsAtTheUsageLimit() throws {
        try insert("TWICE", limit: 2)
        try discounts.redeem(code: "twice")
        try discounts.redeem(code: "TWICE")
        #expect(throws: CommerceError.discountRefused("the code TWICE has reached its usage limit (2 uses)")) {
            try discounts.redeem(code: "TWICE")
        }
        #expect(try shop.db.scalarInt("SELECT used_count FROM discount_codes WHERE code = 'TWICE'") == 2)
        #expect(throws: CommerceError.discountRefused("there is no discount code \"GHOST\"; check the spelling")) {
            try discounts.redeem(code: "ghost")
        }
    }

    @Test func concurrentRedeemsOnTwoConnectionsNeverPassTheLimit() async throws {
        try insert("RUSH", limit: 25)
        let location = shop.store.location
        async let first = DiscountTests.redeemRepeatedly(location: location, times: 40)
        async let second = DiscountTests.redeemRepeatedly(location: location, times: 40)
        let (a, b) = try await (first, second)
        #expect(a.successes + b.successes == 25)
        #expect(a.refusals + b.refusals == 55)
        #expect(try shop.db.scalarInt("SELECT used_count FROM discount_codes WHERE code = 'RUSH'") == 25)
    }

    /// Opens its own connection to `location` and redeems RUSH `times` times, counting successes and refusals.
    static func redeemRepeatedly(location: StoreLocation, times: Int) throws -> (successes: Int, refusals: Int) {
        let store = try Store(location: location)
        var result = (successes: 0, refusals: 0)
        for _ in 0..<times {
            do {
                try store.discounts.redeem(code: "RUSH")
                result.successes += 1
            } catch .discountRefused {
                result.refusals += 1
            }
        }
        return result
    }
}
