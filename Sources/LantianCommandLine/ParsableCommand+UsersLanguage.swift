import ArgumentParser
import Foundation
import LantianDomain

extension ParsableCommand {
    /// Parses the command line and runs the command, as ArgumentParser's `main()` does, but says
    /// what is wrong with a command given wrong in the user's language (`--lang`, else `LANG`):
    /// the library's messages are English only (``UsageMessage``). Exit statuses are the library's:
    /// 64 for a command given wrong, 0 after help.
    public static func mainInUsersLanguage() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let code as ExitCode {
            // The command has said what went wrong already.
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else {
                // Help: asked for unwrapped and wrapped here, by display width (the library counts
                // a Chinese character as one column and breaks lines mid-word on a narrow terminal).
                print(HelpText.wrap(fullMessage(for: error, columns: 10_000), to: Terminal.columns() ?? 80))
                Foundation.exit(0)
            }
            let language = Language.choose(flag: flag("--lang", in: arguments), environment: ProcessInfo.processInfo.environment)
            FileHandle.standardError.write(Data((UsageMessage.translate(fullMessage(for: error), into: language) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// The value given to `name` (`--lang en` or `--lang=en`), if any.
    private static func flag(_ name: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
        }
        return nil
    }
}
