extension Caller {
    /// Someone running staff commands in a shell on the shop's machine: they can read and write the
    /// database file, so they act as an admin, recorded as `cli:NAME` (the operating-system user) in
    /// timelines and the audit log.
    public static func commandLine(user: String) -> Caller {
        let name = user.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7f && !(0x80...0x9f).contains($0.value) }
        let shown = String(String.UnicodeScalarView(name.prefix(64)))
        return Caller(userID: nil, role: .admin, label: "cli:" + (shown.isEmpty ? "unknown" : shown), guestToken: nil)
    }
}
