import Commerce
import Foundation

/// Recommender rows: fitting on 100k and 1M synthetic purchases (first fit with content similarity,
/// then the refit that follows new orders), resident memory the 1M model adds, and p50/p99 of each
/// query kind on it. The data is generated in memory with planted tastes, so the neighbour lists
/// have real structure to find.
func recommendBenchRows() -> [BenchRow] {
    var rows: [BenchRow] = []
    var configuration = RecommenderConfiguration()
    configuration.pollInterval = nil
    let now = Int64(1_750_000_000_000)
    for interactions in [100_000, 1_000_000] {
        let label = "\(interactions / 1000)k interactions"
        let input = RecommendBenchData.input(interactions: interactions, products: RecommendBenchData.products, now: now)
        var first: RecommenderModel?
        let firstMicros = measureMicros { first = input.fit(configuration: configuration, now: now) }
        rows.append(("recommend: first fit (co-occurrence, TF-IDF, popularity)", label + ", \(RecommendBenchData.products / 1000)k products",
                     firstMicros, firstMicros, String(format: "%.2f s", firstMicros / 1e6)))
        for weighting in CoOccurrenceWeighting.allCases {
            var refitConfiguration = configuration
            refitConfiguration.weighting = weighting
            var samples = Samples()
            var model: RecommenderModel?
            for _ in 0..<3 {
                samples.add(measureMicros { model = input.fit(configuration: refitConfiguration, now: now, reusingContentOf: first) })
            }
            rows.append(("recommend: refit after new orders (\(weighting.rawValue))", label, samples.percentile(0.5), samples.percentile(1),
                         String(format: "%.0f interactions/s", Double(model?.interactionCount ?? 0) / (samples.percentile(0.5) / 1e6))))
        }
        if let model = first {
            let bytes = (try? runWorkerForValue(["recommend-memory", String(interactions)])) ?? 0
            rows.append(("recommend: resident memory of input + model", label, 0, 0,
                         bytes > 0 ? String(format: "%.0f MiB", bytes / 1_048_576) : "-"))
            if interactions == 1_000_000 { rows += queryRows(model, label: label) }
        }
    }
    rows += largeCatalogRows(configuration: configuration, now: now)
    return rows
}

/// The synthetic store's size: content similarity alone (a catalogue without orders) and the first
/// fit with 1M purchases, each fitted three times in a fresh worker process held to one core (so its
/// wall time is the time on one core): the median (p50 column, beside its CPU time) and the slowest.
private func largeCatalogRows(configuration: RecommenderConfiguration, now: Int64) -> [BenchRow] {
    let products = 100_000
    return [("recommend: content similarity (TF-IDF), no orders", "\(products / 1000)k products", 0),
            ("recommend: first fit (co-occurrence, TF-IDF, popularity)", "1000k interactions, \(products / 1000)k products", 1_000_000)]
        .map { name, size, interactions in
            guard let text = try? runWorkerForText(["recommend-fit", String(products), String(interactions)]),
                  case let fields = text.split(separator: " ").compactMap({ Double($0) }), fields.count == 3 else {
                return (name, size, 0, 0, "worker failed")
            }
            return (name, size, fields[0], fields[2], String(format: "one core, median of 3: %.2f s wall, %.2f CPU-s", fields[0] / 1e6, fields[1]))
        }
}

/// Fits a model of `products` and `interactions` three times held to the first CPU; returns the
/// median's "wall-µs cpu-s" and the slowest wall-µs.
func recommendFitWorker(products: Int, interactions: Int) -> String {
    holdToFirstCPU()
    var configuration = RecommenderConfiguration()
    configuration.pollInterval = nil
    let now = Int64(1_750_000_000_000)
    let input = RecommendBenchData.input(interactions: interactions, products: products, now: now)
    let runs = (0..<3).map { _ in measureWallAndCPU { _ = input.fit(configuration: configuration, now: now) } }.sorted { $0.0 < $1.0 }
    return "\(runs[1].0) \(runs[1].1) \(runs[2].0)"
}

/// Keeps this process on CPU 0 (sched_setaffinity, which Glibc's Swift module does not export).
private func holdToFirstCPU() {
    typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity") else { return }
    var mask = [UInt64](repeating: 0, count: 16)
    mask[0] = 1
    _ = mask.withUnsafeBytes { unsafeBitCast(symbol, to: SetAffinity.self)(0, $0.count, $0.baseAddress!) }
}

/// Wall microseconds and CPU seconds (user + system, every thread) that `body` took.
func measureWallAndCPU(_ body: () -> Void) -> (Double, Double) {
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let before = cpuSeconds()
    let wall = measureMicros(body)
    return (wall, cpuSeconds() - before)
}

/// p50/p99 of each query kind over varied products and customers.
private func queryRows(_ model: RecommenderModel, label: String) -> [BenchRow] {
    let recommender = Recommender(model: model)
    var rng = SplitMix64(seed: 99)
    let products = RecommendBenchData.products, users = RecommendBenchData.users(for: model.interactionCount)
    let categories = RecommendBenchData.categoryCount
    let kinds: [(String, (inout SplitMix64) -> RecommendationList)] = [
        ("alsoBought", { recommender.alsoBought(product: ProductID(Int64($0.int(1...products))), k: 10) }),
        ("forYou", { recommender.forYou(user: UserID(Int64($0.int(1...users))), k: 10) }),
        ("similar", { recommender.similar(product: ProductID(Int64($0.int(1...products))), k: 10) }),
        ("trending (category)", { recommender.trending(category: CategoryID(Int64($0.int(1...categories))), k: 10) }),
        ("trending (shop)", { _ in recommender.trending(k: 10) }),
        ("buyAgain", { recommender.buyAgain(user: UserID(Int64($0.int(1...users))), k: 10) }),
    ]
    var rows: [BenchRow] = []
    for (name, query) in kinds {
        for _ in 0..<2_000 { _ = query(&rng) }
        var samples = Samples()
        let count = 20_000
        var returned = 0
        for _ in 0..<count {
            samples.add(measureMicros { returned += query(&rng).items.count })
        }
        rows.append(("recommend: \(name), k=10", label, samples.percentile(0.5), samples.percentile(0.99),
                     perSecond(1_000_000 / max(0.001, samples.percentile(0.5)), unit: " queries/s")
                        + String(format: ", %.1f items", Double(returned) / Double(count))))
    }
    return rows
}

/// Resident set size of this process, from /proc/self/statm.
private func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// The resident memory one fitted model adds, measured in a fresh worker process: in this process,
/// memory freed by earlier bench groups would be reused and hide the growth.
func recommendMemoryWorker(interactions: Int) -> Int {
    var configuration = RecommenderConfiguration()
    configuration.pollInterval = nil
    let now = Int64(1_750_000_000_000)
    let before = residentBytes()
    let input = RecommendBenchData.input(interactions: interactions, products: RecommendBenchData.products, now: now)
    let model = input.fit(configuration: configuration, now: now)
    let after = residentBytes()
    return withExtendedLifetime((input, model)) { after - before }
}

/// A synthetic shop with structure: 60 categories in 12 departments, products with a long-tail
/// popularity, customers with one or two favourite departments, baskets that mix a department's sections.
private enum RecommendBenchData {
    static let products = 20_000
    static let departments = 12
    static let sections = 4
    static var categoryCount: Int { departments * (sections + 1) }
    static let words = ["linen", "wool", "ceramic", "oak", "copper", "canvas", "merino", "walnut", "glass", "cotton",
                        "shirt", "mug", "lamp", "bowl", "scarf", "tote", "chair", "vase", "blanket", "candle"]
    static let vendors = (1...40).map { "Vendor \($0)" }

    static func users(for interactions: Int) -> Int { max(100, interactions / 10) }

    static func input(interactions: Int, products: Int, now: Int64) -> RecommenderInput {
        var input = RecommenderInput()
        var rng = SplitMix64(seed: 7)
        do {
            var next = 1
            for department in 0..<departments {
                let parent = CategoryID(Int64(next))
                try input.addCategory(id: parent, parent: nil, handle: "dept-\(department)", name: "Department \(department)")
                next += 1
                for section in 0..<sections {
                    try input.addCategory(id: CategoryID(Int64(next)), parent: parent, handle: "dept-\(department)-\(section)",
                                          name: "Section \(department).\(section)")
                    next += 1
                }
            }
            for product in 1...products {
                let department = product % departments, section = (product / departments) % sections
                let title = "\(rng.pick(words).capitalized) \(rng.pick(words)) \(product)"
                try input.addProduct(id: ProductID(Int64(product)), handle: "p-\(product)", title: title, vendor: rng.pick(vendors),
                                     category: CategoryID(Int64(department * (sections + 1) + section + 2)),
                                     tags: [rng.pick(words), rng.pick(words)])
            }
        } catch {
            FileHandle.standardError.write(Data("recommend bench: \(error)\n".utf8))
        }
        // Within a department, products are drawn with a Zipf-like weight.
        let perDepartment = products / departments
        let cumulative = (0..<perDepartment).reduce(into: [Double]()) { $0.append(($0.last ?? 0) + 1 / pow(Double($1 + 1), 0.8)) }
        func draw(_ department: Int, _ rng: inout SplitMix64) -> ProductID {
            let rank = rng.weightedIndex(cumulative)
            return ProductID(Int64(rank * departments + department + 1))
        }
        let userCount = users(for: interactions)
        let tastes = (0..<userCount).map { _ in (rng.int(0...(departments - 1)), rng.int(0...(departments - 1))) }
        var added = 0
        var order = 0
        while added < interactions {
            let user = rng.int(0...(userCount - 1))
            let size = min(interactions - added, rng.chance(0.4) ? 1 : rng.int(2...5))
            let (first, second) = tastes[user]
            let lines = (0..<size).map { _ in draw(rng.chance(0.7) ? first : second, &rng) }
            let time = now - Int64(Double(interactions - added) / Double(interactions) * 365 * 86_400_000)
            input.addOrder(user: UserID(Int64(user + 1)), at: time, products: lines)
            added += size
            order += 1
        }
        return input
    }
}
