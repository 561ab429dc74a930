import Foundation

/// A small tmpfs under a test folder, mounted for the test and unmounted after (needs root, as CI has).
struct SmallDisk {
    let path: String

    static var canMount: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/mount") }

    init(in folder: URL, megabytes: Int) throws {
        path = folder.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try run(path: "/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        guard mounted.status == 0 else { throw Failure("cannot mount a tmpfs: \(mounted.errors)") }
    }

    func resize(megabytes: Int) throws {
        let resized = try run(path: "/usr/bin/mount", ["-o", "remount,size=\(megabytes)m", path])
        guard resized.status == 0 else { throw Failure("cannot resize the tmpfs: \(resized.errors)") }
    }

    func unmount() { _ = try? run(path: "/usr/bin/umount", ["-l", path]) }
}
