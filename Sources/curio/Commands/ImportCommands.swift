/// Catalog editing, Shopify CSV import/export and seeding commands.
enum ImportCommands {
    static let all: [Command] = []
}
