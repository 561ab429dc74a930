import Foundation
import Glibc

/// Asks a person at the terminal for what a command was not given.
///
/// ```swift
/// let latitude = try prompter?.ask(texts.askLatitude) { Double($0) }
/// ```
public struct Prompter {
    private let readAnswer: () -> String?
    private let write: (String) -> Void

    public init(readAnswer: @escaping () -> String?, write: @escaping (String) -> Void) {
        self.readAnswer = readAnswer
        self.write = write
    }

    /// A prompter on this process's terminal; `nil` when standard input is not a terminal (a script),
    /// so that missing values are errors instead of questions nobody will answer.
    public static var terminal: Prompter? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        return Prompter(readAnswer: { readLine() }, write: { FileHandle.standardOutput.write(Data($0.utf8)) })
    }

    /// Asks `question` until the answer parses, three times at most; `nil` for an empty answer,
    /// end of input, or three answers that do not parse.
    public func ask<Value>(_ question: String, parse: (String) -> Value?) -> Value? {
        for _ in 0..<3 {
            write(question + " ")
            guard let answer = readAnswer()?.trimmingCharacters(in: .whitespaces), !answer.isEmpty else { return nil }
            if let value = parse(answer) { return value }
        }
        return nil
    }
}
