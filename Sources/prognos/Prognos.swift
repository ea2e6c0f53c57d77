import ArgumentParser
import Foundation
import Prognos

/// `prognos`: the command-line interface. It parses arguments, calls the engine and
/// maps outcomes to exit codes: 0 success, 1 invalid input, 2 usage error, 3 internal error.
@main
struct PrognosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prognos",
        abstract: "Indicator analytics and forecasting: trends, goal follow-up and reports.",
        discussion: """
            Exit codes: 0 success, 1 invalid input (every problem is printed as \
            file:line:column: reason), 2 usage error, 3 internal error.
            """,
        subcommands: [
            RunCommand.self, ValidateCommand.self, RegressCommand.self, EvaluateCommand.self, CalibrateCommand.self,
            TargetsCommand.self, IngestCommand.self, FetchCommand.self, SynthesizeCommand.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let invalid as InvalidInput {
            Diagnostics.print(invalid)
            Foundation.exit(ExitStatus.invalidInput)
        } catch let failure as GnuplotSession.Failure {
            Diagnostics.printError(failure.description)
            Foundation.exit(ExitStatus.internalError)
        } catch let failure as OutputDirectory.WriteError {
            Diagnostics.printError(failure.description)
            Foundation.exit(failure.isRefusal ? ExitStatus.usage : ExitStatus.internalError)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Swift.print(fullMessage(for: error))
                Foundation.exit(ExitStatus.success)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Diagnostics.printError(message) }
            if code == .validationFailure {
                Foundation.exit(ExitStatus.usage)
            }
            if let exitCode = error as? ExitCode {
                Foundation.exit(exitCode.rawValue)
            }
            Foundation.exit(ExitStatus.internalError)
        }
    }
}

/// The exit codes of the command-line contract.
enum ExitStatus {
    static let success: Int32 = 0
    static let invalidInput: Int32 = 1
    static let usage: Int32 = 2
    static let internalError: Int32 = 3
}
