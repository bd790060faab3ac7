import Foundation

signal(SIGPIPE, SIG_IGN)
let standardOutput = StandardStream(descriptor: STDOUT_FILENO)
let standardError = StandardStream(descriptor: STDERR_FILENO)
var status = CLI.run(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    out: { standardOutput.write($0) },
    err: { standardError.write($0) })
// Output that could not be written (a full disk, a closed pipe) is a failure, said once on stderr.
if let failure = standardOutput.closeAndReportFailure() {
    standardError.write("curio: cannot write to standard output: \(failure)\n")
    if status == 0 { status = 1 }
}
exit(status)
