/// Account and role commands (`user add`, `user list`, `user set-role` …).
enum AccountCommands {
    static let all: [Command] = []
}
