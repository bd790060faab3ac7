/// The shopper screens of Curio.
public enum StorefrontInfo {
    /// The module's name, shown in diagnostics.
    public static let name = "Storefront"
}
