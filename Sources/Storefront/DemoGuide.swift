import Commerce
import TerminalUI

/// How to try a demo shop: the demo accounts that exist in it and the test cards of the built-in
/// test gateway, as lines for the home screen's help. A shop without the demo accounts gets none.
enum DemoGuide {
    /// The guide's lines; empty when the shop has none of the demo accounts.
    static func lines(for store: Store) -> [String] {
        let accounts = DemoSeeder.accounts.filter { (try? store.accounts.profile(email: $0.email, as: .system)) != nil }
        guard !accounts.isEmpty else { return [] }
        var lines = ["Trying the demo shop? Sign in with u:"]
        for account in accounts {
            lines.append("  \(account.email) / \(account.password)  (\(account.role.rawValue))")
        }
        if store.paymentGateway.name == TestGateway().name {
            lines.append("Test cards at checkout: 4242 4242 4242 4242 pays,")
            lines.append("  4000 0000 0000 0002 is declined; any future expiry, any CVC.")
        }
        return lines
    }
}
