import Commerce

/// Where a command's output goes: standard output, or a file the user named with `--output`, which is
/// never damaged (see `OutputFile`): it is replaced only after everything was produced and written.
enum OutputTarget {
    /// Runs `produce` with a sink that writes to `path` ("-" or nil: standard output). A file is put in
    /// place only when `produce` returns and every write succeeded; otherwise the old file stays and
    /// the failure is thrown.
    static func write(to path: String?, context: CommandContext, _ produce: (_ sink: (String) -> Void) throws -> Void) throws {
        guard let path, path != "-" else {
            try produce(context.out)
            return
        }
        let file = try OutputFile(path: path)
        var failure: OutputFileError?
        try produce { text in
            guard failure == nil else { return }
            do throws(OutputFileError) { try file.write(text) } catch { failure = error }
        }
        if let failure {
            file.discard()
            throw failure
        }
        try file.commit()
    }
}
