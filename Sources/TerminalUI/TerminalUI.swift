public enum TerminalUIVersion { public static let name = "TerminalUI" }
