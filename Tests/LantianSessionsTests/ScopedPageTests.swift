import Foundation
import GRDB
import LantianDomain
import LantianTestSupport
import Testing
@testable import LantianStore

/// A scoped page is read through the indexes by node for a narrow scope and by scanning the log for
/// a wide one (``Visibility/Reading``): both give every user the same pages, page after page.
@Suite struct ScopedPageTests {
    @Test func mergingTheNodesIndexesGivesThePagesScanningGives() throws {
        let server = try serverStore()
        var random = SeededRandom(seed: 20)
        let officers = [("officer.zhang", TestGrid.cell), ("officer.sun", TestGrid.otherCell), ("officer.li", TestGrid.cell)]
        var devices: [(store: EventStore, device: LocalDevice, node: String)] = []
        for (user, node) in officers {
            let (store, device) = try clientStore(user, enrolledAt: server)
            devices.append((store, device, node))
        }
        // Interleaved in the log: the users push a few at a time, in turn.
        for round in 0..<4 {
            for (store, device, node) in devices {
                let drafts = try (0..<Int.random(in: 2...8, using: &random)).map { index in
                    try EventDraft(subject: UUID(), payload: TicketReported(category: .dust, node: node, title: "\(device.actor) \(round).\(index)"))
                }
                _ = try store.record(drafts, device: device, now: .now())
                #expect(try converse(clientSession(store, .sync), serverSessionOf(server))?.rejected == 0)
            }
        }
        // A transfer also lying at a second node, and a record another county's supervisor referred.
        let reports = try server.page(after: 0, limit: 1_000, maxBytes: 1 << 24).events.filter { $0.event.type == TicketReported.eventType }
        let transferred = try #require(reports.first { $0.event.device == devices[1].device.id })  // from 南关村
        let referred = try #require(reports.last { $0.event.device == devices[0].device.id })      // in 北关村
        try server.write { db in
            try db.execute(sql: "INSERT INTO event_also (sseq, node) VALUES (?, ?)", arguments: [transferred.sseq, TestGrid.cell])
            try db.execute(sql: "INSERT INTO subject_reader (subject, user) VALUES (?, ?)", arguments: [referred.event.subject, "supervisor.yang"])
        }

        for user in TestGrid.users {
            let visible = GridScope(scope: user.scope, grid: try server.grid()).visibleNodes
            for device in [nil] + devices.map(\.device.id).map(Optional.some) {
                for limit in [1, 7, 50] {
                    func pages(_ reading: Visibility.Reading) throws -> [[Int64]] {
                        var after: Int64 = 0, pages: [[Int64]] = []
                        while true {
                            let page = try server.page(after: after, limit: limit, maxBytes: 1 << 24, visible: visible, reader: user.name,
                                                       leavingOut: device, reading: reading)
                            guard let last = page.events.last else { return pages }
                            pages.append(page.events.map(\.sseq))
                            after = last.sseq
                        }
                    }
                    let merged = try pages(.mergingNodes)
                    #expect(merged == (try pages(.scanning)), "\(user.name), leaving out \(device?.uuidString ?? "none"), pages of \(limit)")
                    #expect(!merged.isEmpty)
                }
            }
        }
    }
}
