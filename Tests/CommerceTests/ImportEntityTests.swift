import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Entities that decode to control characters are refused like the raw characters; staff notes too.
@Suite struct ImportEntityTests {
    @Test func anEntityEncodedESCInTheBodyIsAnIssueAtItsCell() throws {
        let store = try ImportFixtures.freshStore()
        let csv = "Handle,Title,Body (HTML),Variant Price\nmug,Mug,<p>Red &#27;[31mmug</p>,12\ncup,Cup,<p>&#x1b;]0;owned&#x07;</p>,9\nok,Ok,<p>Tab&#9;and&#10;line &amp; &#233;</p>,5\n"
        // (The ";" inside "]0;" ends no entity: only "&#…;" is read as one.)
        let issues = ImportFixtures.issues(csv, into: store)
        #expect(issues.map(\.description) == [
            "2:3: Body (HTML): the entity &#27; stands for a control or text-direction character (U+001B); remove it",
            "3:3: Body (HTML): the entity &#x1b; stands for a control or text-direction character (U+001B); remove it",
        ])
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM products") == 0)
        // Line breaks and tabs written as entities are fine.
        #expect(try ImportFixtures.importText("Handle,Title,Body (HTML),Variant Price\nok,Ok,<p>Tab&#9;and &amp; &#233;</p>,5\n", into: store).productsCreated == 1)
    }

    @Test func decodedTextNeverCarriesAControlCharacter() {
        #expect(HTMLText.plainText("a&#27;b&#x9B;c&#x202E;d") == "abcd")
        #expect(HTMLText.plainText("caf&#233; &amp; tea") == "café & tea")
    }

    @Test func theEditorRefusesEntityControlsAndStaffNotesWithControls() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText("Handle,Title,Variant Price,Variant SKU\nmug,Mug,12,MUG\n", into: store)
        let editor = store.productEditor
        let product = try editor.productID(handle: "mug")
        var changes = ProductChanges()
        changes.descriptionHTML = "<p>&#27;[2J</p>"
        #expect(throws: CommerceError.self) { try editor.updateProduct(product, changes, by: .system) }
        let variant = try editor.variantID(reference: "MUG")
        #expect(throws: CommerceError.invalid(field: "note", reason: "must not contain control characters (found U+001B)")) {
            try editor.adjustStock(variant, by: 2, note: "recount \u{1B}[31m", by: .system)
        }
        #expect(throws: CommerceError.self) { try editor.setStock(variant, to: 2, note: "x\u{7}", by: .system) }
        #expect(try store.db.scalarInt("SELECT count(*) FROM inventory_ledger") == 0)
    }
}
