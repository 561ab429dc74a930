import Foundation
import Glibc
import LantianDomain

/// Asks a person at the terminal for what a command was not given, checking each answer as it
/// comes: an answer that cannot be right is refused at once, with why, and asked again.
///
/// ```swift
/// let latitude = prompter?.ask(texts.askLatitude, parse: Prompter.latitudeOrPair)
/// ```
public struct Prompter {
    private let readAnswer: () -> String?
    private let write: (String) -> Void
    private let texts: Texts

    public init(texts: Texts, readAnswer: @escaping () -> String?, write: @escaping (String) -> Void) {
        self.texts = texts
        self.readAnswer = readAnswer
        self.write = write
    }

    /// A prompter on this process's terminal; `nil` when standard input is not a terminal (a script),
    /// so that missing values are errors instead of questions nobody will answer.
    public static func terminal(_ texts: Texts) -> Prompter? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        return Prompter(texts: texts, readAnswer: { readLine() }, write: { FileHandle.standardOutput.write(Data($0.utf8)) })
    }

    /// Asks `question` until the answer parses, three answers at most. `parse` returns `nil` for an
    /// answer it cannot read, or throws why the answer cannot be right; either way the person is
    /// told and asked again. An empty answer is `nil` when `optional` (Enter skips), else asked
    /// again; the end of input is `nil`.
    public func ask<Value>(_ question: String, optional: Bool = false, parse: (String) throws -> Value?) -> Value? {
        for _ in 0..<3 {
            write(question + " ")
            guard let raw = readAnswer() else { return nil }
            let answer = raw.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if optional { return nil }
                write(texts.answerRequired + "\n")
                continue
            }
            do {
                if let value = try parse(answer) { return value }
                write(texts.answerNotUnderstood(answer) + "\n")
            } catch {
                write(texts.describe(error) + "\n")
            }
        }
        return nil
    }

    /// A latitude typed or pasted (``CoordinateText``), or both coordinates pasted at once.
    public static func latitudeOrPair(_ answer: String) throws -> (latitude: Double, longitude: Double?)? {
        if let pair = CoordinateText.pair(answer) {
            let point = try GeoPoint(latitude: pair.latitude, longitude: pair.longitude)
            return (point.latitude, point.longitude)
        }
        guard let latitude = CoordinateText.degrees(answer) else { return nil }
        _ = try GeoPoint(latitude: latitude, longitude: 0)
        return (latitude, nil)
    }

    /// A longitude typed or pasted (``CoordinateText``), checked at once.
    public static func longitude(_ answer: String) throws -> Double? {
        guard let longitude = CoordinateText.degrees(answer) else { return nil }
        return try GeoPoint(latitude: 0, longitude: longitude).longitude
    }
}
