/// A value that is written as one block of a model file.
protocol RawBlock {
    var rawBytes: UnsafeRawBufferPointer { get }
}

extension FlatArray: RawBlock {}

/// The order of a model's blocks in its file, both ways.
enum ModelBlocks {
    /// Every block of `model` and `fingerprint`, in file order.
    static func encode(_ model: RecommenderModel, fingerprint: StoreFingerprint) -> [any RawBlock] {
        let weighting = Int64(CoOccurrenceWeighting.allCases.firstIndex(of: model.weighting) ?? 0)
        let scalars = FlatArray<Int64>([model.builtAt, Int64(model.interactionCount), Int64(model.historyLimit), weighting,
                                        Int64(bitPattern: model.catalogSignature), Int64(fingerprint.orders.count)])
        let catalog = model.catalog
        var blocks: [any RawBlock] = [scalars, FlatArray(fingerprint.orders + fingerprint.catalog),
                                      catalog.productIDs, catalog.productCategory]
        for table in [catalog.handles, catalog.titles] { blocks += [table.offsets, table.bytes] }
        blocks += [catalog.categoryIDs, catalog.categoryParents]
        for table in [catalog.categoryHandles, catalog.categoryNames] { blocks += [table.offsets, table.bytes] }
        for neighbours in [model.basketNeighbours, model.historyNeighbours, model.contentNeighbours] {
            blocks += [neighbours.offsets, neighbours.items, neighbours.scores]
        }
        let popularity = model.popularity
        blocks += [popularity.counts, popularity.trend, popularity.ranked, popularity.rankedByCount,
                   popularity.categoryOffsets, popularity.categoryItems]
        let histories = model.histories
        blocks += [histories.offsets, histories.items, histories.counts, histories.lastTimes]
        blocks += [model.accounts, model.accountUsers]
        return blocks
    }

    /// The model and fingerprint `reader` holds, with every count checked against the others so a
    /// query can never index outside a block.
    static func decode(_ reader: inout BlockReader) throws(ModelFileError) -> (RecommenderModel, StoreFingerprint) {
        let scalars = try reader.next(Int64.self)
        guard scalars.count == 6 else { throw .malformed("scalars") }
        let prints = Array(try reader.next(Int64.self))
        let split = Int(scalars[5])
        guard split >= 0, split <= prints.count else { throw .malformed("fingerprint") }
        let productIDs = try reader.next(Int64.self), productCategory = try reader.next(Int32.self)
        let handles = try reader.strings(), titles = try reader.strings()
        let categoryIDs = try reader.next(Int64.self), categoryParents = try reader.next(Int32.self)
        let categoryHandles = try reader.strings(), categoryNames = try reader.strings()
        let products = productIDs.count, categories = categoryIDs.count
        guard productCategory.count == products, handles.count == products, titles.count == products,
              categoryParents.count == categories, categoryHandles.count == categories, categoryNames.count == categories,
              productCategory.allSatisfy({ $0 >= -1 && Int($0) < categories }),
              categoryParents.allSatisfy({ $0 >= -1 && Int($0) < categories }) else { throw .malformed("catalog") }
        var neighbours: [ItemNeighbours] = []
        for _ in 0..<3 {
            let offsets = try reader.next(Int32.self), items = try reader.next(Int32.self), scores = try reader.next(Float.self)
            guard offsets.count == products + 1, offsets.first == 0, Int(offsets[products]) == items.count, scores.count == items.count,
                  zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
                  items.allSatisfy({ $0 >= 0 && Int($0) < products }) else { throw .malformed("neighbours") }
            neighbours.append(ItemNeighbours(offsets: offsets, items: items, scores: scores))
        }
        let counts = try reader.next(Float.self), trend = try reader.next(Float.self)
        let ranked = try reader.next(Int32.self), rankedByCount = try reader.next(Int32.self)
        let categoryOffsets = try reader.next(Int32.self), categoryItems = try reader.next(Int32.self)
        guard counts.count == products, trend.count == products, ranked.count == products, rankedByCount.count == products,
              categoryOffsets.count == categories + 1, categoryOffsets.first == 0, Int(categoryOffsets[categories]) == categoryItems.count,
              zip(categoryOffsets, categoryOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              [ranked, rankedByCount, categoryItems].allSatisfy({ list in list.allSatisfy { $0 >= 0 && Int($0) < products } }) else {
            throw .malformed("popularity")
        }
        let historyOffsets = try reader.next(Int.self), historyItems = try reader.next(Int32.self)
        let historyCounts = try reader.next(Int32.self), lastTimes = try reader.next(Int64.self)
        guard historyOffsets.first == 0, historyOffsets.last == historyItems.count, historyCounts.count == historyItems.count,
              lastTimes.count == historyItems.count, zip(historyOffsets, historyOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              historyItems.allSatisfy({ $0 >= 0 && Int($0) < products }) else { throw .malformed("histories") }
        let accounts = try reader.next(Int64.self), accountUsers = try reader.next(Int32.self)
        guard accounts.count == accountUsers.count,
              accountUsers.allSatisfy({ $0 >= 0 && Int($0) < historyOffsets.count - 1 }) else { throw .malformed("accounts") }
        let weightings = CoOccurrenceWeighting.allCases
        let weighting = Int(scalars[3])
        guard weightings.indices.contains(weighting) else { throw .malformed("weighting") }
        let catalog = ServingCatalog(productIDs: productIDs, productCategory: productCategory, handles: handles, titles: titles,
                                     categoryIDs: categoryIDs, categoryParents: categoryParents,
                                     categoryHandles: categoryHandles, categoryNames: categoryNames)
        let model = RecommenderModel(
            catalog: catalog, catalogSignature: UInt64(bitPattern: scalars[4]),
            basketNeighbours: neighbours[0], historyNeighbours: neighbours[1], contentNeighbours: neighbours[2],
            popularity: Popularity(counts: counts, trend: trend, ranked: ranked, rankedByCount: rankedByCount,
                                   categoryOffsets: categoryOffsets, categoryItems: categoryItems),
            histories: PurchaseHistory(offsets: historyOffsets, items: historyItems, counts: historyCounts, lastTimes: lastTimes),
            accounts: accounts, accountUsers: accountUsers, historyLimit: Int(scalars[2]), builtAt: scalars[0],
            interactionCount: Int(scalars[1]), weighting: weightings[weighting])
        return (model, StoreFingerprint(orders: Array(prints[..<split]), catalog: Array(prints[split...])))
    }
}
