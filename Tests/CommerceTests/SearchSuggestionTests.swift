import Testing
@_spi(Storage) @testable import Commerce

@Suite("Search: did you mean, edit distance, query building")
struct SearchSuggestionTests {
    private func catalogWithWords() throws -> CatalogFixture {
        let f = try CatalogFixture()
        try f.product("boots", title: "Leather Boots", vendor: "Cobbler")
        try f.product("belt", title: "Leather Belt", vendor: "Cobbler")
        try f.product("wallet", title: "Leather Wallet")
        try f.product("weather", title: "Weather Station")
        try f.product("sweater", title: "Merino Sweater")
        try f.product("draft", title: "Secret Prototype", status: .draft)
        return f
    }

    @Test func oneLetterTypoIsCorrected() throws {
        let f = try catalogWithWords()
        let results = try f.catalog.search("lether ", caller: CatalogFixture.customer)
        #expect(results.page.products.isEmpty)
        #expect(results.suggestion == "leather")
        let swapped = try f.catalog.search("laether", caller: CatalogFixture.customer)
        #expect(swapped.suggestion == "leather")
    }

    @Test func twoLetterTypoIsCorrectedInContext() throws {
        let f = try catalogWithWords()
        let results = try f.catalog.search("lethr wallet", caller: CatalogFixture.customer)
        #expect(results.page.products.isEmpty)
        #expect(results.suggestion == "leather wallet")
        #expect(try f.catalog.search("merino swetr", caller: CatalogFixture.customer).suggestion == "merino sweater")
    }

    @Test func moreFrequentTermWinsATieAndSmallerDistanceWinsOverall() throws {
        let vocabulary = SearchVocabulary([("leather", 3), ("weather", 1), ("feather", 2)])
        #expect(vocabulary.correction(for: "eather") == "leather")   // all three are 1 away: most products wins
        #expect(vocabulary.correction(for: "weathr") == "weather")   // 1 away beats leather's 2
        #expect(vocabulary.correction(for: "xyzzyq") == nil)
        #expect(vocabulary.correction(for: "a") == nil)
        #expect(vocabulary.hasTerm(withPrefix: "fea"))
        #expect(!vocabulary.hasTerm(withPrefix: "fez"))
    }

    @Test func noSuggestionWhenItWouldStillFindNothingOrForHiddenProducts() throws {
        let f = try catalogWithWords()
        #expect(try f.catalog.search("qqqqqqqq", caller: CatalogFixture.customer).suggestion == nil)
        #expect(try f.catalog.search("secrat", caller: CatalogFixture.customer).suggestion == nil)   // only a draft has it
        #expect(try f.catalog.search("leather", caller: CatalogFixture.customer).suggestion == nil)  // found things
        let filtered = ProductQuery(filter: ProductFilter(vendor: "Nobody"))
        #expect(try f.catalog.search("lether", query: filtered, caller: CatalogFixture.customer).suggestion == nil)
    }

    @Test func vocabularyFollowsCatalogChanges() throws {
        let f = try catalogWithWords()
        #expect(try f.catalog.search("lanturn", caller: CatalogFixture.customer).suggestion == nil)
        try f.product("lantern", title: "Storm Lantern")
        #expect(try f.catalog.search("lanturn", caller: CatalogFixture.customer).suggestion == "lantern")
        // A change made through another connection is seen too.
        let other = try reopen(f.store)
        try other.db.execute("UPDATE products SET title = 'Storm Lamp' WHERE handle = 'lantern'")
        #expect(try f.catalog.search("lanturn", caller: CatalogFixture.customer).suggestion == nil)
    }

    @Test func anEditedProductsNewWordIsSuggestedWithoutReadingTheWholeVocabularyAgain() throws {
        let f = try catalogWithWords()
        #expect(try f.catalog.search("lanturn", caller: CatalogFixture.customer).suggestion == nil)
        let reads = SearchVocabularyCache.shared.fullReads(for: f.db)
        #expect(reads >= 1)
        try f.db.execute("UPDATE products SET title = 'Leather Lantern', description = 'Crème and brass' WHERE handle = 'belt'")
        #expect(try f.catalog.search("lanturn", caller: CatalogFixture.customer).suggestion == "lantern")
        #expect(try f.catalog.search("crme", caller: CatalogFixture.customer).suggestion == "creme")
        // Created, edited from another connection, deleted: the applied edits match a whole read.
        try f.product("lamp", title: "Brass Lamp", variants: [])
        let other = try reopen(f.store)
        try other.db.execute("UPDATE products SET title = 'Storm Lamp', tags = 'Outdoor' WHERE handle = 'boots'")
        try f.db.execute("DELETE FROM products WHERE handle = 'lamp'")
        #expect(try f.catalog.search("outdor", caller: CatalogFixture.customer).suggestion == "outdoor")
        let applied = try SearchVocabularyCache.shared.vocabulary(for: f.db)
        #expect(applied.documents == (try SearchVocabulary.load(f.db)).documents)
        #expect(applied.documents["boots"] == nil && applied.documents["leather"] == 2 && applied.documents["lamp"] == 1)
        #expect(SearchVocabularyCache.shared.fullReads(for: f.db) == reads)
    }

    @Test func editDistanceCountsSwapsAsOne() {
        func d(_ a: String, _ b: String, _ limit: Int = 3) -> Int? {
            EditDistance.distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), limit: limit)
        }
        #expect(d("leather", "leather") == 0)
        #expect(d("lether", "leather") == 1)
        #expect(d("laether", "leather") == 1)
        #expect(d("lethr", "leather") == 2)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("kitten", "sitting", 2) == nil)
        #expect(d("", "abc") == 3)
        #expect(d("ab", "abcdef", 2) == nil)
    }

    @Test func expressionQuotesEveryWordAndCapsLength() {
        #expect(SearchExpression("say \"hi\" (now)").matchExpression == #""say" "hi" "now""#)
        #expect(SearchExpression("red shoe").matchExpression == #""red" "shoe"*"#)
        #expect(SearchExpression("red shoe ").matchExpression == #""red" "shoe""#)
        #expect(SearchExpression("🙂 *").matchExpression == nil)
        let long = SearchExpression(Array(repeating: "word", count: 40).joined(separator: " "))
        #expect(long.words.count == SearchExpression.maximumWords)
        #expect(!long.prefixLast)
        let huge = SearchExpression(String(repeating: "x", count: 500))
        #expect(huge.words == [String(repeating: "x", count: SearchExpression.maximumWordLength)])
        #expect(TextFolding.words("Ünïcödé—straße, naïve_café") == ["unicode", "straße", "naive", "cafe"])
    }

    @Test("plain ASCII folds and splits exactly as the Unicode rules do")
    func asciiTextFollowsTheUnicodeRules() {
        // Every ASCII character between two words: kept inside the word when the tokenizer's rule
        // calls it a word character, a separator otherwise; upper case folds to lower.
        for byte in UInt8(0)..<0x80 {
            let scalar = Unicode.Scalar(byte)
            let text = "Ab" + String(Character(scalar)) + "Cd"
            let expected = TextFolding.isWordCharacter(scalar) ? ["ab" + String(Character(scalar)).lowercased() + "cd"] : ["ab", "cd"]
            #expect(TextFolding.words(text) == expected, "character \(byte)")
            #expect(TextFolding.fold(text) == text.lowercased(), "character \(byte)")
        }
        // Text with one non-ASCII character takes the Unicode path; the ASCII part folds the same.
        #expect(TextFolding.words("Linen SHIRT-42 é") == ["linen", "shirt", "42", "e"])
        #expect(TextFolding.words("Linen SHIRT-42") == ["linen", "shirt", "42"])
    }
}
