import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianSync

/// Machine-readable output for `--json`: stable keys, times in ISO 8601 with the +08:00 offset.
public enum JSONOutput {
    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A patrol: `finds`, the issues its officer reported while it was under way.
    public struct PatrolRecord: Encodable {
        var id: String, officer: String, node: String, place: String?, startedAt: String, endedAt: String?, hours: Double, checkIns: Int, finds: Int, note: String

        public init(_ patrol: Patrol, finds: Int, names: [String: String]) {
            id = patrol.id.uuidString.lowercased()
            officer = patrol.officer
            node = patrol.node
            place = names[patrol.node]
            startedAt = BeijingTime.iso8601(patrol.startedAt)
            endedAt = patrol.endedAt.map(BeijingTime.iso8601)
            hours = (patrol.hours * 100).rounded() / 100
            checkIns = patrol.checkIns.count
            self.finds = finds
            note = patrol.note
        }
    }

    /// A cell's patrol coverage in a month.
    public struct CoverageRow: Encodable {
        var node: String, name: String, township: String, required: Int, done: Int, coverage: Double?, patrols: Int, hours: Double, missedCheckIns: Int

        public init(_ cell: PatrolCoverage.Cell) {
            (node, name, township) = (cell.node, cell.name, cell.townshipName)
            (required, done, coverage, patrols) = (cell.required, cell.done, cell.rate, cell.patrols)
            hours = (cell.hours * 100).rounded() / 100
            missedCheckIns = cell.missedCheckIns
        }
    }

    public struct FirePointRecord: Encodable {
        var id: String, latitude: Double, longitude: Double, node: String?, observedAt: String, note: String
        var reportedBy: String, device: String, source: String, riskySlot: String?, extinguishedAt: String?, responseMinutes: Int64?

        public init(_ point: FirePoint) {
            id = point.id.uuidString.lowercased()
            latitude = point.location.latitude
            longitude = point.location.longitude
            node = point.report.node
            observedAt = BeijingTime.iso8601(point.observedAt)
            note = point.note
            reportedBy = point.reportedBy
            device = point.reportedFrom.uuidString.lowercased()
            source = point.report.source.rawValue
            riskySlot = point.report.riskySlot?.rawValue
            extinguishedAt = point.response.map { BeijingTime.iso8601($0.extinguishedAt) }
            responseMinutes = point.responseMinutes
        }
    }

    public struct TicketRecord: Encodable {
        var id: String, category: String, node: String, place: String?, title: String, state: String, overdue: Bool
        var reportedBy: String, reportedAt: String, assignee: String?, deadline: String?, closedAt: String?, reopenCount: Int
        /// `deadline` is the one in force; `requestedDeadline`, a later one asked for and not decided yet.
        var requestedDeadline: String?, extensionCount: Int
        var escalations: [String], latitude: Double?, longitude: Double?, history: [Step], conflicts: [Conflict], evidence: [EvidenceFile]

        struct Step: Encodable { var step: String, actor: String, at: String, note: String }
        /// `reason`: in the user's language; `rule`: which rule the step broke, for programs.
        struct Conflict: Encodable { var event: String, actor: String, attempted: String, rule: String, reason: String }
        /// `pending`: the photo has not reached the server whole and verified yet; `addedBy`, `addedAt`,
        /// `step`: the step that added it; `stage`: before-rectification, after-rectification or at-verification.
        struct EvidenceFile: Encodable { var fileName: String, sha256: String, pending: Bool, addedBy: String, addedAt: String, step: String, stage: String }

        /// `names`: grid code to name, for `place`.
        public init(_ ticket: Ticket, now: Timestamp, arrived: ReceivedAttachments, texts: Texts, names: [String: String] = [:]) {
            id = ticket.id.uuidString.lowercased()
            category = ticket.report.category.rawValue
            node = ticket.report.node
            place = names[ticket.report.node]
            closedAt = ticket.closedAt.map(BeijingTime.iso8601)
            (latitude, longitude) = (ticket.report.location?.latitude, ticket.report.location?.longitude)
            title = ticket.report.title
            state = ticket.state.rawValue
            overdue = ticket.isOverdue(at: now)
            reportedBy = ticket.reportedBy
            reportedAt = BeijingTime.iso8601(ticket.reportedAt)
            assignee = ticket.assignee
            deadline = ticket.deadline.map(BeijingTime.iso8601)
            reopenCount = ticket.reopenCount
            requestedDeadline = ticket.requestedDeadline.map(BeijingTime.iso8601)
            extensionCount = ticket.extensionCount
            escalations = ticket.escalations.map(\.rawValue)
            history = ticket.history.map { Step(step: $0.kind?.rawValue ?? "reported", actor: $0.actor, at: BeijingTime.iso8601($0.at), note: $0.note) }
            conflicts = ticket.conflicts.map {
                Conflict(event: $0.event.uuidString.lowercased(), actor: $0.actor, attempted: $0.attempted, rule: $0.reason.rule,
                         reason: texts.describe($0.reason))
            }
            evidence = ticket.evidenceTrail.flatMap { entry, stage in
                entry.evidence.map {
                    EvidenceFile(fileName: $0.fileName, sha256: $0.sha256, pending: !arrived.hasArrived($0), addedBy: entry.actor,
                                 addedAt: BeijingTime.iso8601(entry.at), step: entry.kind?.rawValue ?? "reported", stage: stage.rawValue)
                }
            }
        }
    }

    public struct StatusRecord: Encodable {
        var device: String, user: String, role: String?, scope: String?, server: String?, pending: Int, quarantined: Int, events: Int
        var attachmentsWaiting: Int
        var lastSyncAt: String?, cursor: Int64, serverEpoch: String?, reachable: Bool?, unreachableReason: String?

        public init(_ status: Status) {
            device = status.device.id.uuidString.lowercased()
            user = status.device.actor
            role = status.user?.role.rawValue
            scope = status.user?.scope
            server = status.device.server
            pending = status.pending
            attachmentsWaiting = status.attachmentsWaiting
            quarantined = status.quarantined
            events = status.eventCount
            lastSyncAt = status.sync.lastSyncAt.map(BeijingTime.iso8601)
            cursor = status.sync.cursor
            serverEpoch = status.sync.serverEpoch?.uuidString.lowercased()
            switch status.reachability {
            case .reachable?: reachable = true
            case .unreachable(let error)?:
                reachable = false
                unreachableReason = "\(error)"
            case nil: reachable = nil
            }
        }
    }

    public struct SyncRecord: Encodable {
        var pushed: Int, pulled: Int, rejected: Int, attachments: Int, attachmentBytes: Int64, cursor: Int64?, serverEpoch: String?
        /// How far this device's clock is from the server's, in seconds (positive: ahead), and whether that is too far.
        var clockSkewSeconds: Int64?, clockFlagged: Bool
        /// The store was an older copy: the device id it had, and how many events were recorded again under a new one.
        var replacedDevice: String?, recordedAgain: Int

        public init(_ report: SyncReport) {
            pushed = report.pushed
            pulled = report.pulled
            rejected = report.rejected
            attachments = report.attachments
            attachmentBytes = report.attachmentBytes
            cursor = report.cursor
            serverEpoch = report.serverEpoch?.uuidString.lowercased()
            clockSkewSeconds = report.clockSkew.map { $0.milliseconds / 1000 }
            clockFlagged = report.clockSkew?.isFlagged ?? false
            replacedDevice = report.replacedDevice?.uuidString.lowercased()
            recordedAgain = report.recordedAgain
        }
    }

    public struct EnterpriseRecord: Encodable {
        var id: String, name: String, address: String, node: String, industry: String, leadSource: String
        var disposition: String?, state: String, whitelisted: Bool, closureItems: [String], signOffs: [String], resurgences: Int

        public init(_ enterprise: Enterprise) {
            id = enterprise.id.uuidString.lowercased()
            name = enterprise.registration.name
            address = enterprise.registration.address
            node = enterprise.registration.node
            industry = enterprise.registration.industry
            leadSource = enterprise.registration.leadSource.rawValue
            disposition = enterprise.disposition?.rawValue
            state = enterprise.state.rawValue
            whitelisted = enterprise.isWhitelisted
            closureItems = enterprise.closureItems.map(\.rawValue).sorted()
            signOffs = enterprise.signOffs.sorted()
            resurgences = enterprise.resurgences
        }
    }

    public struct DustSiteRecord: Encodable {
        var id: String, name: String, kind: String, node: String, areaSquareMetres: Double
        var onlineMonitoring: Bool, video: Bool, lacksRequiredMonitoring: Bool, inspections: Int, lastFailedItems: [String]

        public init(_ site: DustSites.Site, in sites: DustSites) {
            id = site.id.uuidString.lowercased()
            name = site.registration.name
            kind = site.registration.kind.rawValue
            node = site.registration.node
            areaSquareMetres = site.registration.areaSquareMetres
            onlineMonitoring = site.registration.onlineMonitoring
            video = site.registration.video
            lacksRequiredMonitoring = sites.lacksRequiredMonitoring(site)
            inspections = site.inspections.count
            lastFailedItems = site.inspections.last.map { $0.result.results.filter { !$0.value }.keys.sorted() } ?? []
        }
    }

    public struct DustfallRecord: Encodable {
        var station: String, name: String, node: String, month: String, dustfall: Double?, jar: String?, limit: Double, overLimit: Bool

        /// One row per station and month: the latest reading recorded for that month.
        public static func all(_ network: DustfallNetwork) -> [DustfallRecord] {
            network.stations.values.sorted { $0.code < $1.code }.flatMap { station in
                Set((network.readings[station.code] ?? []).map(\.reading.month)).sorted().compactMap { month in
                    network.reading(station: station.code, month: month).map { reading in
                        let limit = network.limit(for: station.node, year: FieldClient.year(ofMonth: month) ?? 0)
                        return DustfallRecord(station: station.code, name: station.name, node: station.node, month: month,
                                              dustfall: reading.dustfall.map { ($0 * 1000).rounded() / 1000 },  // to 0.001 t/(km²·30 d)
                                              jar: reading.valueJar?.rawValue, limit: limit,
                                              overLimit: (reading.dustfall ?? 0) > limit)
                    }
                }
            }
        }
    }

    public struct IssueReviewRow: Encodable {
        var node: String, name: String, total: Int, open: Int, overdue: Int, escalated: Int, openedThisMonth: Int, closedThisMonth: Int
        var rectificationRate: Double?, medianCloseOutHours: Double?

        public init(_ row: IssueReview.Row) {
            (node, name, total, open, overdue, escalated) = (row.node, row.name, row.total, row.open, row.overdue, row.escalated)
            (openedThisMonth, closedThisMonth) = (row.openedThisMonth, row.closedThisMonth)
            rectificationRate = row.rectificationRate
            medianCloseOutHours = row.medianCloseOutHours
        }
    }

    public struct DustfallReviewRow: Encodable {
        var rank: Int, code: String, name: String, average: Double, limit: Double, overLimit: Bool, yearBefore: Double?, yearOnYear: Double?

        public init(_ township: DustfallReview.Township) {
            (rank, code, name, limit, overLimit) = (township.rank, township.code, township.name, township.limit, township.isOverLimit)
            average = (township.average * 1000).rounded() / 1000
            yearBefore = township.yearBefore.map { ($0 * 1000).rounded() / 1000 }
            yearOnYear = township.yearOnYear.map { ($0 * 10000).rounded() / 10000 }
        }
    }

    public struct LedgerRow: Encodable {
        var node: String, name: String, banClose: Int, relocate: Int, upgrade: Int, awaitingDisposition: Int, inProgress: Int
        var closedDown: Int, whitelisted: Int, resurgences: Int, open: Int

        public init(_ row: LedgerReview.Row) {
            (node, name) = (row.node, row.name)
            (banClose, relocate, upgrade) = (row.byDisposition[.banClose] ?? 0, row.byDisposition[.relocate] ?? 0, row.byDisposition[.upgrade] ?? 0)
            (awaitingDisposition, inProgress, closedDown, whitelisted, resurgences, open) = (row.awaitingDisposition, row.inProgress, row.closedDown, row.whitelisted, row.resurgences, row.open)
        }
    }

    public struct FireReviewRow: Encodable {
        var node: String, name: String, total: Int, perDay: [String: Int], medianResponseMinutes: Int64?

        public init(_ row: StrawBurningReview.Row) {
            (node, name, total, perDay, medianResponseMinutes) = (row.node, row.name, row.total, row.perDay, row.medianResponseMinutes)
        }
    }

    public struct ItemRateRow: Encodable {
        var item: String, failed: Int, inspected: Int, rate: Double

        public init(_ rate: DustSiteReview.ItemRate) {
            (item, failed, inspected) = (rate.item, rate.failed, rate.inspected)
            self.rate = (rate.rate * 10000).rounded() / 10000
        }
    }

    public struct QuarantineRow: Encodable {
        var id: String, device: String, cseq: Int64, type: String, reason: String, rule: Refusal, at: String

        public init(_ event: QuarantinedEvent, language: Language) {
            (id, device, cseq) = (event.id.uuidString.lowercased(), event.device.uuidString.lowercased(), event.cseq)
            rule = Refusal(wire: event.reason)
            (type, reason, at) = (event.type.rawValue, rule.message(in: language), BeijingTime.iso8601(event.at))
        }
    }

    public struct BacklogRow: Encodable {
        var device: String, user: String, lastSynced: String?, lastSeen: String, waiting: Int64
        var clockSkewSeconds: Int64?, clockFlagged: Bool

        public init(_ device: SyncBacklog.Device) {
            self.device = device.device.uuidString.lowercased()
            user = device.actor
            lastSynced = device.lastSynced.map(BeijingTime.iso8601)
            lastSeen = BeijingTime.iso8601(device.lastSeen)
            waiting = device.waiting
            clockSkewSeconds = device.clockSkew.map { $0.milliseconds / 1000 }
            clockFlagged = device.clockSkew?.isFlagged ?? false
        }
    }
}
