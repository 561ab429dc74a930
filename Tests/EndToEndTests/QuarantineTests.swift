import Foundation
import LantianDomain
import LantianStore
import Testing

/// One bad event never blocks the rest: the server quarantines it, the device lists it.
@Suite struct QuarantineTests {
    @Test func aBadEventIsRefusedWithItsReasonAndEverythingElseSyncs() throws {
        try withServer { lantiand, folder in
            let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
            try officer.reportFire(note: "第一处")
            // An older, buggier client left a fire point in the device's store placed in the whole
            // city, outside the officer's cell (the store itself checks values, not scope).
            let store = try EventStore(path: officer.store)
            let device = try #require(try store.localDevice())
            let outside = try FirePointReport(location: GeoPoint(latitude: 36.45, longitude: 115.98), node: "371500", observedAt: .now(), note: "坏数据")
            _ = try store.record(try EventDraft(subject: UUID(), payload: outside), device: device, now: .now())
            let issue = try store.record(try EventDraft(subject: UUID(), payload: TicketReported(category: .dust, node: "371500", title: "坏问题")),
                                         device: device, now: .now())
            try officer.reportFire(note: "第三处")

            let synced = try officer.expectSuccess(["sync"])
            #expect(synced.contains("上传 2 条") && synced.contains("服务器拒收 2 条"), "\(synced)")
            let status = try officer.status()
            #expect(status.pending == 0)
            let listed = try officer.expectSuccess(["quarantine"])
            #expect(listed.contains("火点") && listed.contains("不在 officer.zhang 的负责范围 371502001001 内"))

            // Finding 2 of the field-client review: what the server refused no longer shows as normal
            // on the device that recorded it: lists leave it out and say so; asked for, it says why.
            #expect(try officer.firePoints().map(\.note).sorted() == ["第一处", "第三处"])
            #expect(try officer.expectSuccess(["fire", "list", "--all"]).contains("另有本机 2 条记录被服务器拒收"))
            #expect(try officer.issues().isEmpty)
            #expect(try officer.expectSuccess(["issue", "list"]).contains("另有本机 2 条记录被服务器拒收"))
            let shown = try officer.lantian(["issue", "show", String(issue.subject.uuidString.lowercased().suffix(8))])
            #expect(shown.status == 65 && shown.errors.contains("已被服务器拒收"), "\(shown.errors)")

            let supervisor = try FieldDevice(user: "supervisor.wang", server: lantiand.address, folder: folder)
            try supervisor.expectSuccess(["sync"])
            #expect(try supervisor.firePoints().map(\.note).sorted() == ["第一处", "第三处"])
            #expect(try officer.expectSuccess(["sync"]).contains("上传 0 条"))  // nothing is stuck
        }
    }
}
