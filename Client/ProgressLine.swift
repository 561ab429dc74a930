import Foundation
import LantianClient
import LantianSessions

/// A sync's progress, redrawn in place on standard error at most ten times a second; silent when
/// standard error is not a terminal (the summary line is printed either way).
final class ProgressLine {
    private let texts: Texts
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(texts: Texts, enabled: Bool) {
        self.texts = texts
        self.enabled = enabled
    }

    func show(_ progress: SyncProgress) {
        // Nothing is drawn before the server has said what there is to do.
        let anythingToDo = progress.pushTotal > 0 || progress.pullTotal > 0 || progress.attachmentBytesTotal > 0
        guard enabled, anythingToDo, Date().timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = Date()
        drawn = true
        let line = texts.syncProgress(progress, elapsedSeconds: Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// How far a rebuild of the tables views read has got (after an upgrade, or `lantian rebuild`).
    func showRebuild(read: Int, total: Int) {
        guard enabled, Date().timeIntervalSince(lastDrawn) >= 0.1 || read == total else { return }
        lastDrawn = Date()
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(texts.rebuildProgress(read: read, total: total))".utf8))
    }

    /// Clears the line, so the summary starts at the left margin.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
