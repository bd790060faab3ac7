import Testing
@testable import Commerce

/// The `?` → `$n` translation, which must never touch a `?` that is not a placeholder.
@Suite struct PostgresStatementTextTests {
    private func translate(_ sql: String) throws -> (String, Int) {
        let text = try PostgresStatementText(sql)
        return (text.sql, text.parameterCount)
    }

    @Test func questionMarksBecomeNumberedParameters() throws {
        #expect(try translate("SELECT * FROM t WHERE a = ? AND b IN (?, ?)") == ("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)", 3))
        #expect(try translate("SELECT 1") == ("SELECT 1", 0))
        #expect(try translate("VALUES (?)") == ("VALUES ($1)", 1))
    }

    @Test func numberedQuestionMarksKeepTheirNumbersAsInSQLite() throws {
        // SQLite: ?NNN is parameter NNN; a bare ? is one more than the largest so far.
        #expect(try translate("SELECT ?2, ?1, ?") == ("SELECT $2, $1, $3", 3))
        #expect(try translate("SELECT ?, ?1") == ("SELECT $1, $1", 1))
    }

    @Test func questionMarksInLiteralsIdentifiersAndCommentsStay() throws {
        #expect(try translate("SELECT '?', 'it''s ?', ? FROM \"odd?name\"") == ("SELECT '?', 'it''s ?', $1 FROM \"odd?name\"", 1))
        #expect(try translate("SELECT E'\\'?', ?") == ("SELECT E'\\'?', $1", 1))
        #expect(try translate("SELECT ? -- why?\n, ?") == ("SELECT $1 -- why?\n, $2", 2))
        #expect(try translate("SELECT /* a /* nested ? */ still ? */ ?") == ("SELECT /* a /* nested ? */ still ? */ $1", 1))
        #expect(try translate("SELECT $$ a ? $$, $tag$ ? $x$ ? $tag$, ?") == ("SELECT $$ a ? $$, $tag$ ? $x$ ? $tag$, $1", 1))
    }

    @Test func aBackslashOutsideAnEStringIsJustABackslash() throws {
        // standard_conforming_strings: 'a\' is a complete literal.
        #expect(try translate("SELECT 'a\\', ?") == ("SELECT 'a\\', $1", 1))
        #expect(try translate("SELECT type'x', ?") == ("SELECT type'x', $1", 1), "E only counts at the start of a word")
    }

    @Test func dollarParametersPassThroughAndMixingIsRefused() throws {
        #expect(try translate("SELECT $1, $3") == ("SELECT $1, $3", 3))
        #expect(throws: DatabaseError.self) { try PostgresStatementText("SELECT $1, ?") }
        #expect(try translate("SELECT a$1 FROM t WHERE b = ?") == ("SELECT a$1 FROM t WHERE b = $1", 1), "$ inside a name is not a parameter")
    }

    @Test func unicodeAroundPlaceholdersSurvives() throws {
        #expect(try translate("SELECT '東京?', ? || '🙂'") == ("SELECT '東京?', $1 || '🙂'", 1))
    }

    @Test func anUnterminatedLiteralIsCopiedForTheServerToReject() throws {
        #expect(try translate("SELECT 'open ?") == ("SELECT 'open ?", 0))
    }
}
