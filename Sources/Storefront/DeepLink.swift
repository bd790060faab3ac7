import Commerce
import TerminalUI

/// Where the shop opens: the home screen, or straight at the cart, the orders, a product or a search.
/// Over SSH the words come from `SSH_ORIGINAL_COMMAND` (`ssh shop@host cart`), so only this allowlist
/// is accepted: `cart`, `orders`, `product HANDLE` (a handle: lower-case letters, digits and dashes),
/// `search WORDS` (printable text, at most 100 characters); anything else is not a link.
public enum DeepLink: Sendable, Equatable {
    case home
    case cart
    case orders
    case product(handle: String)
    case search(text: String)

    /// The longest search text a link may carry.
    public static let maximumSearchLength = 100

    /// The link `words` name, or nil when they are not one of the allowlist's forms.
    public static func parse(_ words: [String]) -> DeepLink? {
        guard let first = words.first else { return .home }
        switch (first, words.count) {
        case ("cart", 1): return .cart
        case ("orders", 1): return .orders
        case ("product", 2):
            let handle = words[1]
            guard (1...100).contains(handle.utf8.count),
                  handle.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }) else { return nil }
            return .product(handle: handle)
        case ("search", 2...):
            let text = words.dropFirst().joined(separator: " ")
            guard !text.isEmpty, text.count <= maximumSearchLength,
                  !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) else { return nil }
            return .search(text: text)
        default:
            return nil
        }
    }

    /// Splits an `SSH_ORIGINAL_COMMAND` into words at spaces and tabs (no shell quoting: nothing is run).
    public static func parse(command: String) -> DeepLink? {
        guard command.utf8.count <= 200 else { return nil }
        return parse(command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
    }

    /// The screen the link opens on top of the home screen, nil for home.
    @MainActor
    func screen(session: ShopSession) -> (any Screen)? {
        switch self {
        case .home: nil
        case .cart: CartScreen(session: session)
        case .orders: OrdersScreen(session: session)
        case .product(let handle): ProductScreen(session: session, handle: handle)
        case .search(let text): SearchScreen(session: session, text: text)
        }
    }
}
