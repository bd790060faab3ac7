/// Catalog and search commands (`search`, `product show`, `category list`).
enum CatalogCommands {
    static let all: [Command] = []
}
