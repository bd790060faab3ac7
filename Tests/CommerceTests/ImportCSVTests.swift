import Commerce
import Testing

@Suite("CSV reader and writer")
struct ImportCSVTests {
    @Test func quotedCellsKeepCommasQuotesAndNewlines() throws {
        let records = try CSVReader.records("a,\"b, c\",\"say \"\"hi\"\"\"\n\"line\none\",x,\"\"\n")
        #expect(records == [
            CSVRecord(fields: ["a", "b, c", "say \"hi\""], line: 1),
            CSVRecord(fields: ["line\none", "x", ""], line: 2),
        ])
    }

    @Test func recordLinesCountPhysicalLines() throws {
        let records = try CSVReader.records("h1,h2\n\"multi\nline\nvalue\",2\nnext,3\n")
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Handle,Title\r\na,\"x\r\ny\"\r\nb,B\r\n".utf8)
        let records = try CSVReader.records(bytes)
        // Inside a quoted cell the line end is kept as written, so an export gives it back.
        #expect(records.map(\.fields) == [["Handle", "Title"], ["a", "x\r\ny"], ["b", "B"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAreSkippedAndTrailingCommaGivesEmptyCell() throws {
        let records = try CSVReader.records("a,b\n\n\nc,\n")
        #expect(records == [CSVRecord(fields: ["a", "b"], line: 1), CSVRecord(fields: ["c", ""], line: 4)])
    }

    @Test func unterminatedQuoteReportsRecordLineAndColumn() {
        #expect(throws: ImportIssue(line: 3, column: 2, reason: "unterminated quoted cell: the closing quote is missing")) {
            try CSVReader.records("h,i\nok,row\nbad,\"never closed\nmore\n")
        }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: ImportIssue.self) { try CSVReader.records("a,\"b\"c,d\n") }
        do {
            _ = try CSVReader.records("x\n\"a\"b\n")
        } catch {
            #expect(error.line == 2 && error.column == 1)
        }
    }

    @Test func invalidUTF8IsReportedAtItsCell() {
        do {
            _ = try CSVReader.records([0x61, 0x2C, 0xFF, 0x0A])
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1 && error.column == 2)
        }
    }

    @Test func bareQuoteInsideUnquotedCellIsText() throws {
        #expect(try CSVReader.records("12\" tray,x\n")[0].fields == ["12\" tray", "x"])
    }

    @Test func writerQuotesOnlyWhatNeedsIt() throws {
        var writer = CSVWriter()
        writer.append(["plain", "a,b", "say \"hi\"", "two\nlines", " edge", ""])
        #expect(writer.text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" edge\",\n")
        #expect(try CSVReader.records(writer.text)[0].fields == ["plain", "a,b", "say \"hi\"", "two\nlines", " edge", ""])
    }

    @Test func htmlBecomesReadableText() {
        let html = "<h2>Why</h2><p>Soft&nbsp;<b>cotton</b> &amp; linen.<br>Second line</p><ul><li>One</li><li>Two &#8211; &#x263A;</li></ul><script>x()</script><p>a &lt; b &unknown; c</p>"
        #expect(HTMLText.plainText(html) == "Why\n\nSoft cotton & linen.\nSecond line\n\n• One\n• Two – ☺\n\na < b &unknown; c")
        #expect(HTMLText.plainText("Just   text\nhere") == "Just text here")
        #expect(HTMLText.plainText("<p>  </p>") == "")
    }
}
