import Foundation
import Testing
@testable import Commerce

/// The offline evaluation: metrics by hand, the time-ordered holdout, and the interaction file reader.
@Suite("Recommend: evaluation")
struct RecommendEvaluationTests {
    @Test func metricsOfOneRankingByHand() {
        // Relevant 3 and 7; only 3 is found, at rank 2.
        let metrics = RankingMetrics.of(ranked: [5, 3, 9, 1], relevant: [3, 7], k: 10)
        #expect(metrics.hitRate == 1)
        #expect(metrics.recall == 0.5)
        let expected = (1 / log2(3.0)) / (1 + 1 / log2(3.0))
        #expect(abs(metrics.ndcg - expected) < 1e-12)
        #expect(RankingMetrics.of(ranked: [1, 2], relevant: [9], k: 10) == RankingMetrics(hitRate: 0, recall: 0, ndcg: 0, users: 1))
        // Beyond the cut-off does not count.
        #expect(RankingMetrics.of(ranked: [1, 2, 3], relevant: [3], k: 2).hitRate == 0)
    }

    /// u1 buys a, b, c (c held out); u2 buys a, b (b held out); u3 only d (trains only); u4 b, c (c held out).
    /// Training counts: a 2, b 2, d 1, c 0, so popularity ranks a, b, d, c (ties to the lower id).
    static let tiny = """
        user\titem\ttimestamp
        u1\ta\t1
        u1\tb\t2
        u1\tc\t3
        u2\ta\t1
        u2\tb\t2
        u3\td\t1
        u4\tb\t1
        u4\tc\t2
        """

    @Test func tinyExampleMatchesTheHandComputedFigures() throws {
        let events = try InteractionFile.parse(Self.tiny, file: "tiny.tsv")
        #expect(events.count == 8)
        let report = Evaluator.evaluate(events, source: "tiny.tsv")
        #expect(report.heldOut == 3 && report.users == 4 && report.items == 4)
        let popularity = try #require(report.models.first { $0.model == "popularity" }).metrics
        // u1 gets d, c → c at rank 2; u2 gets b, d, c → b at rank 1; u4 gets a, d, c → c at rank 3.
        let ndcg = (1 / log2(3.0) + 1 + 1 / log2(4.0)) / 3
        #expect(popularity.users == 3)
        #expect(popularity.hitRate == 1 && popularity.recall == 1)
        #expect(abs(popularity.ndcg - ndcg) < 1e-9)
        // Cosine: u2 (a) gets b first from a's neighbours; u4 (b) gets a, then d, c; u1 has no new neighbours.
        let cosine = try #require(report.models.first { $0.model == "item-item cosine" }).metrics
        #expect(abs(cosine.ndcg - ndcg) < 1e-9)
    }

    @Test func holdoutTakesTheLastFifthOfEachUserByTime() {
        let events = (1...10).map { RawInteraction(user: "u", item: "i\($0)", time: Int64(11 - $0)) }
        let split = HoldoutSplit(events: events, itemIndex: Dictionary(uniqueKeysWithValues: (1...10).map { ("i\($0)", Int32($0 - 1)) }),
                                 itemCount: 10)
        #expect(split.heldOut == 2)
        // The latest two are i1 (time 10) and i2 (time 9).
        #expect(split.relevant.values.first == [0, 1])
        #expect(split.train.log.count == 8)
    }

    @Test func malformedLinesAreReportedWithTheirNumbers() {
        let text = "u1\ta\t1\nu1\ta\nu2\t\t5\nu3\tb\tyesterday\n\n# a comment\nu4\tc\t2024-05-01T10:00:00Z\n"
        #expect(throws: InteractionFileError.malformed([
            InteractionFileIssue(file: "bad.tsv", line: 2, reason: "expected 3 tab-separated fields (user, item, timestamp), found 2"),
            InteractionFileIssue(file: "bad.tsv", line: 3, reason: "the item is empty"),
            InteractionFileIssue(file: "bad.tsv", line: 4, reason: "timestamp 'yesterday' is neither an integer nor ISO-8601"),
        ])) { try InteractionFile.parse(text, file: "bad.tsv") }
        let issue = InteractionFileIssue(file: "bad.tsv", line: 4, reason: "why")
        #expect(issue.description == "bad.tsv:4: why")
    }

    @Test func timestampsMayBeSecondsMillisecondsOrISO8601() throws {
        let text = "u\ta\t1714557600\nu\tb\t1714557600000\nu\tc\t2024-05-01T10:00:00Z\nu\td\t2024-05-01T10:00:00.000Z\nu\te\t2024-05-01\n"
        let times = try InteractionFile.parse(text, file: "t.tsv").map(\.time)
        #expect(times == [1_714_557_600_000, 1_714_557_600_000, 1_714_557_600_000, 1_714_557_600_000, 1_714_521_600_000])
        #expect(throws: InteractionFileError.empty(file: "e.tsv")) { try InteractionFile.parse("\n# nothing\n", file: "e.tsv") }
    }
}
