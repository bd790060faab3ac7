import Testing
@testable import Storefront

@Test func moduleIsNamed() { #expect(StorefrontInfo.name == "Storefront") }
