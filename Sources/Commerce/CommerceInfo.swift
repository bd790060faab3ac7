public enum CommerceInfo { public static let version = "0.1.0" }
