/// What queries need of the catalog, in flat arrays a model file can hold: product ids (ascending,
/// so an id is found by binary search), their categories and names, and the category tree.
struct ServingCatalog: Sendable, Equatable {
    /// Product ids, ascending.
    let productIDs: FlatArray<Int64>
    /// Dense category of each product, or -1.
    let productCategory: FlatArray<Int32>
    let handles: StringTable
    let titles: StringTable
    /// Category ids, ascending.
    let categoryIDs: FlatArray<Int64>
    /// Dense parent of each category, or -1.
    let categoryParents: FlatArray<Int32>
    let categoryHandles: StringTable
    let categoryNames: StringTable

    /// The serving side of `catalog`.
    init(_ catalog: RecommenderCatalog) {
        productIDs = FlatArray(catalog.productIDs)
        productCategory = FlatArray(catalog.productCategory)
        handles = StringTable(catalog.handles)
        titles = StringTable(catalog.titles)
        categoryIDs = FlatArray(catalog.categoryIDs)
        categoryParents = FlatArray(catalog.categoryParents)
        categoryHandles = StringTable(catalog.categoryHandles)
        categoryNames = StringTable(catalog.categoryNames)
    }

    /// A catalog read from a model file.
    init(productIDs: FlatArray<Int64>, productCategory: FlatArray<Int32>, handles: StringTable, titles: StringTable,
         categoryIDs: FlatArray<Int64>, categoryParents: FlatArray<Int32>, categoryHandles: StringTable, categoryNames: StringTable) {
        self.productIDs = productIDs
        self.productCategory = productCategory
        self.handles = handles
        self.titles = titles
        self.categoryIDs = categoryIDs
        self.categoryParents = categoryParents
        self.categoryHandles = categoryHandles
        self.categoryNames = categoryNames
    }

    /// Number of products.
    var count: Int { productIDs.count }

    /// The dense index of the product with id `id`.
    func index(ofProduct id: Int64) -> Int32? { productIDs.binarySearch(id).map { Int32($0) } }

    /// The dense index of the category with id `id`.
    func index(ofCategory id: Int64) -> Int32? { categoryIDs.binarySearch(id).map { Int32($0) } }

    /// The product at dense index `item` as results name it.
    func product(_ item: Int32) -> RecommendedProduct {
        let index = Int(item)
        return RecommendedProduct(id: ProductID(productIDs[index]), handle: handles[index], title: titles[index])
    }

    /// The category at dense index `category` as results name it.
    func category(_ category: Int32) -> CategorySummary {
        let index = Int(category)
        return CategorySummary(id: CategoryID(categoryIDs[index]), handle: categoryHandles[index], name: categoryNames[index])
    }
}
