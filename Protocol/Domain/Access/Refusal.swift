import Foundation

/// Why an event is not accepted: the server keeps it in quarantine with this, tells its device in
/// `push-ack`, and the device shows it to its user; a device refusing a pulled event keeps it the
/// same way. It travels as the canonical JSON of its rule and the values it names
/// (`{"outsideScope":{"node":"371521","scope":"371502001001","user":"officer.zhang"}}`), so every
/// replica can say it in either language (PROTOCOL.md, *Refusals*).
public enum Refusal: Error, Hashable, Sendable, Codable {
    /// The event names nobody who answers for it.
    case noActor
    /// The event's clock (`hlc` or `recordedAt`) lies more than ``EventBounds/maxAheadOfServer``
    /// ahead of the server's clock when it arrived, or before ``EventBounds/earliest``.
    case implausibleClock(field: String, at: Timestamp, server: Timestamp)
    /// A value of the payload breaks its rule.
    case breaksRule(type: EventType, error: InvalidValue)
    /// The payload is not the JSON its type specifies.
    case unreadable(type: EventType, detail: String)
    /// The payload reads, but is not written the one canonical way (EVENTS.md, *Canonical JSON*).
    case notCanonical(type: EventType)
    /// A type this server does not know.
    case unknownType(type: EventType)
    /// The event names another actor than the user its device is enrolled for.
    case recordedAsOther(actor: String, user: String)
    /// Only the server records this type.
    case serverOnly(type: EventType)
    /// The user's role takes no part in field work (an administrator).
    case roleTakesNoPart(role: Role)
    /// The user's role may not record this type, or this record of it.
    case roleMayNot(role: Role, type: EventType)
    /// A grid node the grid does not have.
    case unknownNode(node: String)
    /// A grid node that was retired (撤销): nothing new is placed in it.
    case retiredNode(node: String)
    /// A location inside no node of the grid.
    case outsideGrid(location: GeoPoint)
    /// The stated node is not where the location lies (`located`: where it does; `nil`: outside the grid).
    case nodeDisagreesWithLocation(stated: String, located: String?)
    /// A record of this type must say where it lies, and does not.
    case unplaced(type: EventType)
    /// The record lies outside the user's scope.
    case outsideScope(node: String, user: String, scope: String)
    /// The record the event is about is not held.
    case unknownSubject(subject: UUID)
    /// The record the event is about is of another kind than the event can follow.
    case subjectOfOtherKind(subject: UUID, kind: EventType, expected: [EventType])
    /// Another record already started this subject: a subject belongs to its first record.
    case subjectTaken(subject: UUID, by: EventType)
    /// Another event already has this id.
    case idTaken(id: UUID)
    /// Another event already holds this place in its device's chain here: the device's chain
    /// forked (a phone put back to an older copy while its server was restored from a backup).
    /// The first one held is kept; this one is kept aside.
    case forked(device: UUID, cseq: Int64, held: UUID)
    /// One of this device's own records was damaged in its store before it reached the server
    /// (found by `lantian repair`): it is lost, and never sent.
    case damagedHere(detail: String)
    /// A reason as an earlier version wrote it, in its own words.
    case other(String)

    /// The reason as it travels in `push-ack` and is kept in quarantine: canonical JSON.
    public var wire: String {
        if case .other(let text) = self { return text }
        return (try? PayloadCodec.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "\(self)"
    }

    /// Reads a reason as it travelled; one that is not a refusal's JSON is kept in its own words.
    public init(wire: String) {
        self = (try? JSONDecoder().decode(Refusal.self, from: Data(wire.utf8))) ?? .other(wire)
    }
}

extension Refusal: PresentableError {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        func name(_ type: EventType) -> String { EventCatalogue.name(of: type, in: language) }
        func short(_ id: UUID) -> String { id.shortID }
        switch self {
        case .noActor:
            return say("记录没有署名", "the event names no actor")
        case .implausibleClock(let field, let at, let server):
            let which = field == "hlc" ? say("逻辑时钟", "logical clock") : say("记录时间", "recording time")
            if at == server {
                return say("设备时钟不可信：\(which)为 \(BeijingTime.format(at))，早于 2000 年。请校正设备时钟后重新记录",
                           "the device's clock cannot be right: its \(which) says \(BeijingTime.format(at)), before 2000. Set the device's clock, then record it again")
            }
            return say("""
                设备时钟不可信：\(which)为 \(BeijingTime.format(at))，服务器收到时为 \(BeijingTime.format(server))（不能超前 48 小时，也不能早于 2000 年）。\
                请校正设备时钟后重新记录
                """, """
                the device's clock cannot be right: its \(which) says \(BeijingTime.format(at)), the server's said \(BeijingTime.format(server)) \
                (at most 48 hours ahead, and not before 2000). Set the device's clock, then record it again
                """)
        case .breaksRule(let type, let error):
            return say("\(name(type))不合规则：\(error.message(in: language))", "\(name(type)) breaks a rule: \(error.message(in: language))")
        case .unreadable(let type, let detail):
            return say("\(name(type))的内容无法读取（\(detail)）：请更新 lantian 后重新记录",
                       "\(name(type)) cannot be read (\(detail)): update lantian, then record it again")
        case .notCanonical(let type):
            return say("\(name(type))的内容不是规范的 JSON（键的顺序、空白、数字写法或多余的字段）：请更新 lantian 后重新记录",
                       "\(name(type)) is not written as canonical JSON (key order, white space, how numbers are written, or fields it does not have): update lantian, then record it again")
        case .unknownType(let type):
            return say("服务器不认识记录类型 \(type)：请管理员先更新服务器", "the server does not know the event type \(type): the server must be updated first")
        case .recordedAsOther(let actor, let user):
            return say("记录署名为 \(actor)，但本机是为 \(user) 入网的", "recorded as \(actor), but this device is enrolled for \(user)")
        case .serverOnly(let type):
            return say("\(name(type))只能由服务器（lantiand）记录", "only the server records \(name(type)) (with lantiand)")
        case .roleTakesNoPart(let role):
            return say("\(role.name(in: language))不参与现场工作，不能记录", "a \(role.name(in: language)) takes no part in field work and records nothing")
        case .roleMayNot(let role, let type):
            return say("\(role.name(in: language))不能记录\(name(type))", "a \(role.name(in: language)) may not record \(name(type))")
        case .unknownNode(let node):
            return say("网格 \(node) 不存在：检查编码，或先同步取得网格", "grid node \(node) does not exist: check the code, or sync to get the grid")
        case .retiredNode(let node):
            return say("网格 \(node) 已撤销，不再接收新记录：按现行网格记录（先同步取得网格）",
                       "grid node \(node) was retired and takes no new records: record it in the current grid (sync to get it)")
        case .outsideGrid(let location):
            return say("位置 \(Self.place(location)) 不在任何网格内：检查经纬度（WGS 84）",
                       "location \(Self.place(location)) lies outside the grid: check the coordinates (WGS 84)")
        case .nodeDisagreesWithLocation(let stated, let located):
            let actual = located.map { say("网格 \($0)", "grid node \($0)") } ?? say("网格之外", "outside the grid")
            return say("所填网格 \(stated) 与位置不符：该位置在\(actual)。请按实际位置记录",
                       "the stated grid node \(stated) does not match the location, which lies in \(actual): record it where it is")
        case .unplaced(let type):
            return say("\(name(type))没有注明所在网格", "\(name(type)) names no grid node")
        case .outsideScope(let node, let user, let scope):
            return say("记录所在网格 \(node) 不在 \(user) 的负责范围 \(scope) 内：请交当地人员记录",
                       "it lies in grid node \(node), outside \(user)'s scope \(scope): leave it to whoever answers for that place")
        case .unknownSubject(let subject):
            return say("所涉记录 \(short(subject)) 服务器上没有", "it concerns record \(short(subject)), which the server does not hold")
        case .subjectOfOtherKind(let subject, let kind, let expected):
            let wanted = expected.map(name).joined(separator: say("或", " or "))
            return say("记录 \(short(subject)) 是\(name(kind))，不是\(wanted)", "record \(short(subject)) is \(name(kind)), not \(wanted)")
        case .subjectTaken(let subject, let type):
            return say("编号 \(short(subject)) 已属于另一条\(name(type))：一条记录只能上报一次，更正请记新的记录",
                       "id \(short(subject)) already belongs to another \(name(type)): a record is made once; record a correction instead")
        case .idTaken(let id):
            return say("事件编号 \(id.uuidString.lowercased()) 已被另一条事件使用", "event id \(id.uuidString.lowercased()) is taken by another event")
        case .forked(let device, let cseq, let held):
            return say("设备 \(short(device)) 的第 \(cseq) 条记录有两个版本（该设备的数据曾退回旧副本，同时服务器从备份恢复）：本机保留先收到的 \(short(held))，此版本另存。请告知管理员",
                       "device \(short(device))'s record #\(cseq) exists in two versions (its store was put back to an older copy while the server was restored): this device keeps \(short(held)), received first, and sets this one aside; tell your administrator")
        case .damagedHere(let key):
            let detail = ChainDamage(rawValue: key)?.phrase.text(in: language) ?? key
            return say("本机数据文件中这条记录在上传前已损坏（\(detail)），无法恢复，也不会上传：如仍需要，请重新记录",
                       "this record was damaged in this device's store before it reached the server (\(detail)): it cannot be recovered and is never sent; record it again if it is needed")
        case .other(let text):
            return say("拒收（原因如下）：\(text)", text)
        }
    }

    static func place(_ point: GeoPoint) -> String {
        String(format: "%.5f,%.5f", point.latitude, point.longitude)
    }
}
