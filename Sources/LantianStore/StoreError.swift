import Foundation
import LantianDomain

/// A store cannot be used, or holds something it should not: says which file or event, and why.
public enum StoreError: Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not a Lantian store (not SQLite at all).
    case notAStore(path: String)
    /// The file cannot be opened or created (missing folder, no permission…).
    case cannotOpen(path: String, reason: String)
    /// A stored event cannot be read back.
    case corruptEvent(id: UUID?, reason: String)
    /// A backup or restore would overwrite an existing file.
    case exists(path: String)
    /// The disk holding the store is full: the write was rolled back, nothing stored was damaged.
    case diskFull(path: String)
    /// A client store is asked for its device before set-up.
    case noLocalDevice
    /// The store is damaged (bytes changed behind Lantian's back, a disk failing): what was found.
    case damaged(String)

    public var description: String { message(in: .english) }
}

extension StoreError: PresentableError {
    public var exitStatus: ExitStatus {
        switch self {
        case .corruptEvent, .damaged: .ioError
        case .notAStore, .cannotOpen, .exists, .noLocalDevice: .dataError
        case .diskFull: .failure
        }
    }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .notAStore(let path):
            return say("\(path) 不是蓝天数据文件（不是 SQLite 文件）：用 --db 指定正确的文件；该文件未被改动",
                       "\(path) is not a Lantian store (not an SQLite file): pass the right file with --db; the file was not touched")
        case .cannotOpen(let path, let detail):
            return say("无法打开 \(path)（\(detail)）：检查所在文件夹是否存在、是否可写",
                       "Cannot open \(path) (\(detail)): check that its folder exists and is writable")
        case .corruptEvent(let id, let detail):
            return say("数据文件已损坏：记录 \(id?.shortID ?? "?") 无法读取（\(detail)）。运行 lantian repair 保留所有完好的记录后再继续。",
                       "The store is damaged: record \(id?.shortID ?? "?") cannot be read (\(detail)). Run lantian repair, which keeps every intact record, then carry on.")
        case .damaged(let detail):
            return say("数据文件已损坏（\(detail)）。运行 lantian repair 保留所有完好的记录后再继续。",
                       "The store is damaged (\(detail)). Run lantian repair, which keeps every intact record, then carry on.")
        case .exists(let path):
            return say("\(path) 已存在：请换一个文件名（未覆盖任何文件）", "\(path) already exists: choose a new file name (nothing was overwritten)")
        case .diskFull(let path):
            return say("存储 \(path) 的磁盘已满：本次未写入任何内容，已保存的记录完好。请清理空间后重试。",
                       "The disk holding \(path) is full: nothing was written and what was stored is intact. Free space and try again.")
        case .noLocalDevice:
            return say("本机尚未设置：先运行 lantian setup --user 用户名 --server 主机:端口",
                       "This device is not set up: run lantian setup --user NAME --server HOST:PORT first")
        }
    }
}
