/// How a command ends, following sysexits(3), so that scripts can tell what to do next.
public enum ExitStatus: Int32, Hashable, Sendable, CaseIterable {
    /// Something else failed (`verify` finding a problem, a refusal from the server).
    case failure = 1
    /// The input was wrong (a value, a file, a record, a forbidden action): fix it and try again;
    /// nothing was written.
    case dataError = 65
    /// The server cannot be reached or the connection was disturbed: everything stays saved; try
    /// again later.
    case unavailable = 69
    /// The store is damaged: nothing damaged was signed or sent; run `lantian repair`.
    case ioError = 74
}
