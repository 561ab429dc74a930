import ArgumentParser
import Foundation
import LantianClient
import LantianCommandLine
import LantianDomain

/// Options every command takes, and the one way commands report errors.
struct CommonOptions: ParsableArguments {
    @Option(help: "本机数据文件，默认 $LANTIAN_DB 或 ~/.local/share/lantian/field.sqlite。The local store file.")
    var db: String?

    @Option(help: "界面语言 zh 或 en，默认跟随 LANG。Language, zh or en; default from LANG.")
    var lang: String?

    /// Opens the store and runs `body`; any error is printed in the user's language and ends the
    /// command with a non-zero status (69 when the server is unreachable, 65 for bad input, 74 for a
    /// damaged store, 1 otherwise).
    func run(_ body: (FieldClient, Texts) throws -> Void) throws {
        try runOnPath { path, texts in
            // After an upgrade the first command rebuilds the tables views read: say so, on a terminal.
            let line = ProgressLine(texts: texts, enabled: isatty(STDERR_FILENO) == 1)
            let client = try FieldClient(databasePath: path, rebuilding: line.showRebuild)
            client.allowsPlaintextLoopback = ProcessInfo.processInfo.environment[FieldClient.plaintextVariable] == "1"
            line.finish()
            try body(client, texts)
        }
    }

    /// Runs `body` with the store's path, without opening it (a damaged store may not open), and
    /// reports errors as ``run(_:)`` does.
    func runOnPath(_ body: (String, Texts) throws -> Void) throws {
        let environment = ProcessInfo.processInfo.environment
        let texts = Texts(Language.choose(flag: lang, environment: environment), columns: Terminal.columns())
        do {
            try body(db ?? FieldClient.defaultDatabasePath(environment: environment), texts)
        } catch {
            FileHandle.standardError.write(Data((texts.describe(error) + "\n").utf8))
            throw ExitCode(Texts.exitStatus(of: error).rawValue)
        }
    }
}
