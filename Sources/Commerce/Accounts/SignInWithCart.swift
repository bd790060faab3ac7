/// A sign-in together with what happened to the guest cart the shopper filled before it.
public struct SignInWithCart: Sendable, Equatable {
    /// The signed-in account.
    public let signedIn: SignedIn
    /// What the guest cart's merge changed (tell the shopper about shortfalls).
    public let cartMerge: CartMergeReport
}

extension Accounts {
    /// Signs in as `signIn(email:password:)` does, then merges the guest cart `guestToken` into the account's cart.
    public func signIn(email: String, password: String, guestToken: String, from origin: Caller? = nil) throws(CommerceError) -> SignInWithCart {
        let signedIn = try signIn(email: email, password: password, from: origin)
        let report = try store.carts.mergeGuestCart(token: guestToken, into: signedIn.user.id)
        return SignInWithCart(signedIn: signedIn, cartMerge: report)
    }
}
