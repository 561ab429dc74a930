/// An error a user or a peer can meet. It says itself, in Chinese and in English, what went wrong
/// and what to do, and how a command that meets it ends.
///
/// ```swift
/// catch let error as any PresentableError {
///     print(error.message(in: .chinese)); exit(error.exitStatus.rawValue)
/// }
/// ```
public protocol PresentableError: Error {
    /// What went wrong and what to do about it, as one or more sentences.
    func message(in language: Language) -> String
    /// The status a command ends with when it meets this error.
    var exitStatus: ExitStatus { get }
}
