/// Plain-text tables for command output; every cell, header cells included, is sanitised for the terminal.
enum TextTable {
    /// Columns padded to their widest cell, separated by two spaces.
    static func render(header: [String], rows: [[String]]) -> String {
        // Headers are data too: `product show` builds them from option names.
        let all = ([header] + rows).map { $0.map { Sanitize.forTerminal($0) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        var text = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
