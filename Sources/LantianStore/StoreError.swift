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
    /// This node's copy of a shared record has applied changesets the record no longer holds (a
    /// standby promoted without the old primary's last commits): the copy must be made again.
    case copyAheadOfSharedRecord(copy: Int64, record: Int64)
    /// A changeset of the shared record cannot be applied here (damaged, or from another version).
    case sharedRecordUnreadable(position: Int64, reason: String)
    /// The store holds a history of its own and the shared record another.
    case otherHistory(path: String)

    public var description: String { message(in: .english) }
}

extension StoreError: PresentableError {
    public var exitStatus: ExitStatus {
        switch self {
        case .corruptEvent, .damaged, .sharedRecordUnreadable: .ioError
        case .notAStore, .cannotOpen, .exists, .noLocalDevice, .copyAheadOfSharedRecord, .otherHistory: .dataError
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
        case .copyAheadOfSharedRecord(let copy, let record):
            return say("本节点的副本已应用到共享记录的第 \(copy) 条变更，而数据库只有 \(record) 条（备库提升时主库最后的提交未复制过去）。删除本节点的副本文件后重启，它会从数据库重新建立；数据库中的记录未被改动。",
                       "This node's copy has applied the shared record's changeset \(copy), but the database holds only \(record) (a standby was promoted without the primary's last commits). Delete this node's copy file and restart: it is made again from the database, which was not touched.")
        case .sharedRecordUnreadable(let position, let detail):
            return say("共享记录的第 \(position) 条变更无法应用（\(detail)）：各节点须运行同一版本的 lantiand；本节点的副本未被改动。",
                       "The shared record's changeset \(position) cannot be applied (\(detail)): every node must run the same lantiand version; this node's copy was not changed.")
        case .otherHistory(let path):
            return say("\(path) 已有自己的记录，而数据库中是另一份记录：为本节点换一个新的副本文件（lantiand migrate 才把已有记录迁入数据库）；两者均未被改动。",
                       "\(path) holds a history of its own and the database another: give this node a new copy file (lantiand migrate is what moves a history into the database); neither was touched.")
        case .noLocalDevice:
            return say("本机尚未设置：先运行 lantian setup --user 用户名 --server 主机:端口",
                       "This device is not set up: run lantian setup --user NAME --server HOST:PORT first")
        }
    }
}
