import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite("Cart totals")
struct PricingTotalsTests {
    let usd = Currency.usd
    func m(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .usd) }
    func method(price: Int64 = 495, freeOver: Int64? = 5000) -> ShippingMethod {
        ShippingMethod(id: ShippingMethodID(1), code: "standard", name: "Standard", price: m(price),
                       freeOver: freeOver.map(m), minDays: 3, maxDays: 5)
    }
    func rate(_ basisPoints: Int64, onShipping: Bool) -> TaxRate {
        TaxRate(country: "US", region: "NY", name: "Tax", basisPoints: basisPoints, appliesToShipping: onShipping)
    }

    @Test func percentDiscountRoundsHalfAwayFromZero() throws {
        // 3 × 3.33 = 9.99; 15 % = 1.4985 → 1.50.
        let totals = try CartTotals.compute(lines: [PricingLine(unitPrice: m(333), quantity: 3)],
                                            discount: Discount(code: "P15", value: .percent(15)),
                                            shipping: nil, tax: nil, currency: usd)
        #expect(totals.subtotal == m(999) && totals.discount == m(150) && totals.total == m(849))
    }

    @Test func fixedDiscountNeverExceedsTheSubtotal() throws {
        let lines = [PricingLine(unitPrice: m(300), quantity: 2)]
        let small = try CartTotals.compute(lines: lines, discount: Discount(code: "F", value: .fixed(m(250))),
                                           shipping: method(), tax: nil, currency: usd)
        #expect(small.discount == m(250) && small.total == m(600 - 250 + 495))
        let big = try CartTotals.compute(lines: lines, discount: Discount(code: "F", value: .fixed(m(5000))),
                                         shipping: method(), tax: nil, currency: usd)
        #expect(big.discount == m(600) && big.total == m(495))
    }

    @Test func shippingIsFreeFromTheThresholdOnTheDiscountedSubtotal() throws {
        let at = try CartTotals.compute(lines: [PricingLine(unitPrice: m(5000), quantity: 1)], discount: nil,
                                        shipping: method(), tax: nil, currency: usd)
        #expect(at.freeShipping && at.shipping == m(0) && at.total == m(5000))
        let below = try CartTotals.compute(lines: [PricingLine(unitPrice: m(4999), quantity: 1)], discount: nil,
                                           shipping: method(), tax: nil, currency: usd)
        #expect(!below.freeShipping && below.shipping == m(495))
        // A discount that takes the subtotal under the threshold brings the charge back.
        let discounted = try CartTotals.compute(lines: [PricingLine(unitPrice: m(5200), quantity: 1)],
                                                discount: Discount(code: "F", value: .fixed(m(300))),
                                                shipping: method(), tax: nil, currency: usd)
        #expect(discounted.shipping == m(495) && discounted.total == m(4900 + 495))
        let never = try CartTotals.compute(lines: [PricingLine(unitPrice: m(90000), quantity: 1)], discount: nil,
                                           shipping: method(price: 1295, freeOver: nil), tax: nil, currency: usd)
        #expect(never.shipping == m(1295))
        let empty = try CartTotals.compute(lines: [], discount: nil, shipping: method(), tax: nil, currency: usd)
        #expect(empty.shipping == m(0) && empty.total == m(0))
    }

    @Test func taxIsOnTheDiscountedSubtotalAndOnShippingWhenTheRateSaysSo() throws {
        let lines = [PricingLine(unitPrice: m(1000), quantity: 2)]
        let discount = Discount(code: "P10", value: .percent(10))
        // (20.00 − 2.00) × 7.25 % = 1.305 → 1.31 (half away from zero).
        let goods = try CartTotals.compute(lines: lines, discount: discount, shipping: method(),
                                           tax: rate(725, onShipping: false), currency: usd)
        #expect(goods.tax == m(131) && goods.total == m(1800 + 495 + 131))
        // (18.00 + 4.95) × 8.88 % = 2.03796 → 2.04.
        let withShipping = try CartTotals.compute(lines: lines, discount: discount, shipping: method(),
                                                  tax: rate(888, onShipping: true), currency: usd)
        #expect(withShipping.tax == m(204) && withShipping.total == m(1800 + 495 + 204))
        // Exactly half a cent rounds up: 2.00 × 0.25 % = 0.005 → 0.01.
        let half = try CartTotals.compute(lines: [PricingLine(unitPrice: m(200), quantity: 1)], discount: nil,
                                          shipping: nil, tax: rate(25, onShipping: true), currency: usd)
        #expect(half.tax == m(1))
    }

    @Test func overflowIsReportedNamingTheAmount() {
        let huge = PricingLine(unitPrice: m(Int64.max / 2), quantity: 3)
        #expect(throws: CommerceError.invalid(field: "subtotal", reason: "the amount is too large to compute; lower a quantity or remove an item")) {
            try CartTotals.compute(lines: [huge], discount: nil, shipping: nil, tax: nil, currency: usd)
        }
        let big = PricingLine(unitPrice: m(Int64.max / 100), quantity: 1)
        #expect(throws: CommerceError.invalid(field: "tax", reason: "the amount is too large to compute; lower a quantity or remove an item")) {
            try CartTotals.compute(lines: [big], discount: nil, shipping: nil, tax: rate(2000, onShipping: false), currency: usd)
        }
        let nearMax = PricingLine(unitPrice: m(Int64.max - 10), quantity: 1)
        #expect(throws: CommerceError.invalid(field: "total", reason: "the amount is too large to compute; lower a quantity or remove an item")) {
            try CartTotals.compute(lines: [nearMax], discount: nil, shipping: method(price: 495, freeOver: nil), tax: nil, currency: usd)
        }
    }

    @Test func taxRateFallsBackFromRegionToCountry() throws {
        let shop = try ShopFixture()
        let pricing = shop.store.pricing
        #expect(try pricing.taxRate(for: ShippingDestination(country: "us", region: "ca"))?.basisPoints == 725)
        #expect(try pricing.taxRate(for: ShippingDestination(country: "GB", region: "London"))?.name == "VAT")
        #expect(try pricing.taxRate(for: ShippingDestination(country: "US", region: "OR")) == nil)
        try shop.db.execute("INSERT INTO tax_rates(country, region, name, rate_basis_points) VALUES ('US', '', 'Federal', 100)")
        #expect(try pricing.taxRate(for: ShippingDestination(country: "US", region: "OR"))?.name == "Federal")
        #expect(try pricing.taxRate(for: ShippingDestination(country: "US", region: "CA"))?.name == "California sales tax")
    }

    @Test func pricingPicksTheCheapestActiveMethodUnlessOneIsChosen() throws {
        let shop = try ShopFixture()
        let lines = [PricingLine(unitPrice: shop.money(1000), quantity: 1)]
        let cheapest = try shop.store.pricing.totals(lines: lines, discount: nil, destination: nil)
        #expect(cheapest.shippingMethod?.code == "standard" && cheapest.tax == shop.money(0))
        try shop.db.execute("UPDATE shipping_methods SET active = 0 WHERE code = 'standard'")
        #expect(try shop.store.pricing.totals(lines: lines, discount: nil, destination: nil).shippingMethod?.code == "express")
        #expect(throws: CommerceError.notFound("no shipping method 1 is offered; choose another")) {
            try shop.store.pricing.totals(lines: lines, discount: nil, shipping: ShippingMethodID(1), destination: nil)
        }
    }
}
