import Testing
@testable import Commerce

@Suite struct MoneyTests {
    @Test(arguments: [
        ("12.34", Int64(1234)), ("12", 1200), ("0.5", 50), ("0.50", 50), ("-3.07", -307), ("+1", 100),
        ("  7.00 ", 700), ("50.00", 5000), ("92233720368547758.07", Int64.max), ("1.230", 123),
    ])
    func parsesExactly(text: String, cents: Int64) throws {
        #expect(try Money.parse(text, currency: .usd).minorUnits == cents)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1,000", ".5", "5.", "--1", "1e3", "١٢", "12 34", "$5"])
    func rejectsWhatIsNotAnAmount(text: String) throws {
        #expect(throws: MoneyError.invalidAmount(text)) { try Money.parse(text, currency: .usd) }
    }

    @Test func rejectsMoreDecimalsThanTheCurrencyHas() throws {
        #expect(throws: MoneyError.tooManyDecimals("1.234", allowed: 2)) { try Money.parse("1.234", currency: .usd) }
        #expect(throws: MoneyError.tooManyDecimals("5.5", allowed: 0)) { try Money.parse("5.5", currency: .jpy) }
        #expect(try Money.parse("5", currency: .jpy).minorUnits == 5)
    }

    @Test func overflowIsReportedNotTrapped() throws {
        #expect(throws: MoneyError.overflow) { try Money.parse("92233720368547758.08", currency: .usd) }
        #expect(throws: MoneyError.overflow) { try Money.parse("99999999999999999999999", currency: .usd) }
        let big = Money(minorUnits: .max, currency: .usd)
        #expect(throws: MoneyError.overflow) { try big.adding(Money(minorUnits: 1, currency: .usd)) }
        #expect(throws: MoneyError.overflow) { try Money(minorUnits: .min, currency: .usd).subtracting(Money(minorUnits: 1, currency: .usd)) }
        #expect(throws: MoneyError.overflow) { try big.multiplied(by: 2) }
        #expect(throws: MoneyError.overflow) { try big.share(basisPoints: 2) }
    }

    @Test func currenciesDoNotMix() throws {
        #expect(throws: MoneyError.currencyMismatch(.usd, .eur)) {
            try Money(minorUnits: 1, currency: .usd).adding(Money(minorUnits: 1, currency: .eur))
        }
    }

    @Test func formatsWithSymbolAndSeparators() {
        #expect(Money(minorUnits: 123_456, currency: .usd).formatted == "$1,234.56")
        #expect(Money(minorUnits: -99, currency: .eur).formatted == "-€0.99")
        #expect(Money(minorUnits: 5, currency: .usd).formatted == "$0.05")
        #expect(Money(minorUnits: 1_000_000, currency: .jpy).formatted == "¥1,000,000")
        #expect(Money(minorUnits: 1_500, currency: Currency(code: "kwd")!).formatted == "1.500 KWD")
        #expect(Money(minorUnits: Int64.min, currency: .usd).formatted == "-$92,233,720,368,547,758.08")
        #expect(Money(minorUnits: 123_450, currency: .usd).decimalString == "1234.50")
    }

    @Test func parseAndFormatRoundTrip() throws {
        for cents: Int64 in [0, 1, 10, 99, 100, 101, 123_456_789, -42] {
            let money = Money(minorUnits: cents, currency: .usd)
            #expect(try Money.parse(money.decimalString, currency: .usd) == money)
        }
    }

    @Test func shareRoundsHalfAwayFromZero() throws {
        let usd = { Money(minorUnits: $0, currency: .usd) }
        #expect(try usd(1000).share(basisPoints: 825).minorUnits == 83)   // 82.5 → 83
        #expect(try usd(1000).share(basisPoints: 824).minorUnits == 82)   // 82.4 → 82
        #expect(try usd(-1000).share(basisPoints: 825).minorUnits == -83)
        #expect(try usd(999).share(basisPoints: 10_000).minorUnits == 999)
    }

    @Test func currencyCodesAreValidated() {
        #expect(Currency(code: "usd")?.code == "USD")
        #expect(Currency(code: "US") == nil)
        #expect(Currency(code: "U$D") == nil)
        #expect(Currency(code: "JPY")?.minorDigits == 0)
    }
}

@Suite struct ClockTests {
    @Test func ageIsClampedSoNoNumberTraps() {
        let now = Clock.millisecondsNow()
        for seconds in [Double.nan, -5, .infinity, -.infinity, 1e300] {
            let at = Clock.millisecondsAgo(seconds)
            #expect(at <= now + 1000 && at >= now - 315_360_000_000 - 1000, "\(seconds)")
        }
        #expect(abs(Clock.millisecondsAgo(60) - (now - 60_000)) < 1000)
    }
}
