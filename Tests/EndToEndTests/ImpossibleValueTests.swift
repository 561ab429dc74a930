import Foundation
import LantianTestSupport
import Testing

/// Finding 3 of the field-client review (issue 21): impossible values were accepted silently. Each
/// is now refused before anything is written, with a reason in Chinese that says what to do; on
/// the real binaries.
@Suite struct ImpossibleValueTests {
    static let deadline = "2030-12-31 18:00"

    @Test func anIssueIsAssignedOnlyToSomeoneResponsibleThereAndByADeadlineAhead() throws {
        let town = try Town()
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地扬尘"])
        try town.syncAll()
        let id = town.staff.shortID(try #require(try town.staff.issues().first))

        let nobody = try town.staff.lantian(["issue", "assign", id, "--to", "nobody", "--deadline", Self.deadline])
        #expect(nobody.status == 65 && nobody.errors.contains("没有登记名为 nobody 的用户"), "\(nobody.errors)")
        let supervisor = try town.staff.lantian(["issue", "assign", id, "--to", "supervisor.zhao", "--deadline", Self.deadline])
        #expect(supervisor.status == 65 && supervisor.errors.contains("不负责问题所在的"), "\(supervisor.errors)")
        let past = try town.staff.lantian(["issue", "assign", id, "--to", "staff.wang", "--deadline", "2026-01-01 18:00"])
        #expect(past.status == 65 && past.errors.contains("不晚于交办时间"), "\(past.errors)")
        #expect(try town.staff.issues().first?.state == "reported")
        #expect(try town.staff.status().pending == 0)

        // Assigned as it should be, history says to whom and by when.
        try town.staff.expectSuccess(["issue", "assign", id, "--to", "staff.wang", "--deadline", Self.deadline])
        #expect(try town.staff.expectSuccess(["issue", "show", id]).contains("交办 → staff.wang，期限 \(Self.deadline)"))
    }

    @Test func anInspectionCannotBothFailAnItemAndPassEverything() throws {
        let town = try Town()
        try town.officer.expectSuccess(["dust", "site", "--name", "安置房工地", "--kind", "construction", "--area", "8000"])
        let site = try #require(try town.officer.expectSuccess(["dust", "sites"]).split(separator: "\n").dropFirst(2).first?.split(separator: " ").first)
        let both = try town.officer.lantian(["dust", "inspect", String(site), "--failed", "fencing", "--all-passed"])
        #expect(both.status == 65 && both.errors.contains("--failed 与 --all-passed 互相矛盾"), "\(both.errors)")
        #expect(try town.officer.issues().isEmpty)
    }

    @Test func onlyAPictureIsEvidenceAndARefusedCommandKeepsNoPhoto() throws {
        let town = try Town()
        let text = town.folder.appendingPathComponent("说明.jpg")
        try Data("这不是照片".utf8).write(to: text)
        let notAPhoto = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "扬尘", "--photo", text.path])
        #expect(notAPhoto.status == 65 && notAPhoto.errors.contains("不是照片"), "\(notAPhoto.errors)")

        // A real picture with a report the officer may not make (another township's cell): neither is kept.
        let photo = town.folder.appendingPathComponent("现场.jpg")
        try cameraPhoto(10_000) { UInt8(truncatingIfNeeded: $0) }.write(to: photo)
        let elsewhere = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "扬尘", "--node", TestGrid.otherCell,
                                                  "--photo", photo.path])
        #expect(elsewhere.status == 65, "\(elsewhere.errors)")
        #expect(try town.officer.status().attachmentsWaiting == 0)
        #expect(try town.officer.issues().isEmpty)

        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "扬尘", "--photo", photo.path])
        #expect(try town.officer.status().attachmentsWaiting == 1)
    }

    @Test func aDustfallSampleLighterThanItsBlankIsRefusedAndACorrectionShowsOnce() throws {
        let town = try Town()
        try town.supervisor.expectSuccess(["dustfall", "station", "--code", "GL-01", "--name", "古楼站", "--node", TestGrid.township])
        let lighter = try town.supervisor.lantian(["dustfall", "record", "--station", "GL-01", "--month", "2026-10", "--a", "0.0040,0.0050,0.0250,28"])
        #expect(lighter.status == 65 && lighter.errors.contains("小于空白质量"), "\(lighter.errors)")
        let longExposure = try town.supervisor.lantian(["dustfall", "record", "--station", "GL-01", "--month", "2026-10", "--a", "0.2850,0.0050,0.0250,45"])
        #expect(longExposure.status == 65 && longExposure.errors.contains("25 到 35"), "\(longExposure.errors)")

        for grams in ["0.2850", "0.2650"] {
            try town.supervisor.expectSuccess(["dustfall", "record", "--station", "GL-01", "--month", "2026-10", "--a", "\(grams),0.0050,0.0250,28"])
        }
        let rows = try town.supervisor.expectSuccess(["dustfall", "list"]).split(separator: "\n").filter { $0.hasPrefix("GL-01") }
        #expect(rows.count == 1 && rows[0].contains("2026-10（已更正）"), "\(rows)")
    }
}
