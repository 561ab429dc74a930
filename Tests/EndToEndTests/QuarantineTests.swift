import Foundation
import LantianProtocol
import LantianStore
import Testing

/// One bad event never blocks the rest: the server quarantines it, the device lists it.
@Suite struct QuarantineTests {
    @Test func aBadEventIsRefusedWithItsReasonAndEverythingElseSyncs() throws {
        try withServer { lantiand, folder in
            let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
            try officer.reportFire(note: "第一处")
            // An older, buggier client left an impossible fire point in the device's store.
            let store = try EventStore(path: officer.store)
            let device = try #require(try store.localDevice())
            let bad = EventDraft(subject: UUID(), type: FirePointReport.eventType, schema: 1,
                                 payload: Data(#"{"location":{"lat":95,"lon":115.98},"note":"坏数据","observedAt":0}"#.utf8))
            _ = try store.record(bad, device: device, now: Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000)))
            try officer.reportFire(note: "第三处")

            let synced = try officer.expectSuccess(["sync"])
            #expect(synced.contains("上传 2 条") && synced.contains("服务器拒收 1 条"))
            let status = try officer.status()
            #expect(status.pending == 0)
            let listed = try officer.expectSuccess(["quarantine"])
            #expect(listed.contains("straw.firePoint.reported") && listed.contains("latitude"))

            let supervisor = try FieldDevice(user: "supervisor.wang", server: lantiand.address, folder: folder)
            try supervisor.expectSuccess(["sync"])
            #expect(try supervisor.firePoints().map(\.note).sorted() == ["第一处", "第三处"])
            #expect(try officer.expectSuccess(["sync"]).contains("上传 0 条"))  // nothing is stuck
        }
    }
}
