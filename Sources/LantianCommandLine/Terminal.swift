import Foundation
import Glibc

/// The terminal a command prints to.
public enum Terminal {
    /// Its width in columns, when standard output is a terminal that says (`nil` for a pipe or a
    /// file: what is printed there is whole).
    public static func columns() -> Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
