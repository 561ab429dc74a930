import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// The county's HTML report on the real binaries, on Liaocheng's real county boundaries: the map
/// is there, the county in focus outlined, a fire point drawn inside its county's outline and no
/// other, and every count axis steps in whole numbers.
@Suite struct ReportEndToEndTests {
    @Test func theMapPutsAFirePointInsideItsCountyAndCountAxesStepInWholeNumbers() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        try TestGrid.importLiaocheng(into: database)
        let server = try ServerProcess(database: database, port: try freePort(), folder: folder)
        defer { _ = server.stop() }
        let users = ["officer.zhang": ("grid-officer", "371502001001"), "supervisor.zhao": ("supervisor", "371502")]
        func addUsers() throws {
            for (user, (role, scope)) in users { try TestGrid.lantiand(["user", "add", user, "--role", role, "--scope", scope, "--db", database]) }
        }
        try addUsers()
        let officer = try FieldDevice(user: "officer.zhang", server: server.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: server.address, folder: folder)
        try addUsers()
        for device in [officer, supervisor, officer, supervisor] { try device.expectSuccess(["sync"]) }
        // A fire in 东昌府区 (the demo's field west of 古楼街道), which opens an issue there.
        try officer.expectSuccess(["fire", "report", "--lat", "36.4512", "--lon", "115.9853", "--note", "麦茬地冒烟", "--area", "300"])
        for device in [officer, supervisor, officer, supervisor] { try device.expectSuccess(["sync"]) }

        let report = folder.appendingPathComponent("report.html")
        try supervisor.expectSuccess(["report", "--county", "371502", "--html", report.path])
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.contains("<h2>地图</h2>") && page.contains(">东昌府区</text>") && page.contains(">阳谷县</text>"))

        // The counties' outlines, by name, as the SVG draws them: "M x,y L x,y … Z" rings.
        let areas = try Regex(#"<path d="([^"]+)" fill="[^"]*" fill-rule="evenodd" class="(area(?: focus)?)"><title>([^：<]+)："#)
        var outlines: [String: (rings: [[(Double, Double)]], focus: Bool)] = [:]
        for match in page.matches(of: areas) {
            guard let d = match.output[1].substring, let kind = match.output[2].substring, let name = match.output[3].substring else { continue }
            let rings = d.split(separator: "Z").map { ring in
                ring.dropFirst().split(separator: "L").compactMap { pair -> (Double, Double)? in
                    let xy = pair.split(separator: ",").compactMap { Double($0) }
                    return xy.count == 2 ? (xy[0], xy[1]) : nil
                }
            }
            outlines[String(name)] = (rings, kind == "area focus")
        }
        #expect(outlines.count == 8, "Liaocheng's eight counties: \(outlines.keys.sorted())")
        #expect(outlines.filter { $0.value.focus }.map(\.key) == ["东昌府区"])

        // The fire's triangle: its apex at (x, y − 4.5).
        let fire = try #require(page.firstMatch(of: try Regex(#"<path d="M([0-9.]+),([0-9.]+)l4,7h-8z" class="mark fire">"#)))
        let point = (try #require(Double(fire.output[1].substring ?? "")), try #require(Double(fire.output[2].substring ?? "")) + 4.5)
        func inside(_ rings: [[(Double, Double)]]) -> Bool {
            rings.reduce(false) { within, ring in
                var crossings = false
                for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1)) where (a.1 > point.1) != (b.1 > point.1) {
                    if point.0 < (b.0 - a.0) * (point.1 - a.1) / (b.1 - a.1) + a.0 { crossings.toggle() }
                }
                return within != crossings
            }
        }
        #expect(inside(outlines["东昌府区"]?.rings ?? []), "the fire is drawn outside 东昌府区")
        #expect(outlines.filter { $0.key != "东昌府区" && inside($0.value.rings) }.isEmpty, "the fire is drawn inside another county")

        // Count axes (issues per week, fire points per day…): whole numbers only.
        let ticks = page.matches(of: try Regex(#"class="tick" text-anchor="end">([^<]+)</text>"#)).compactMap { $0.output[1].substring.map(String.init) }
        #expect(!ticks.isEmpty)
        let counted = page.components(separatedBy: "<svg ").dropFirst().filter { $0.contains("每日火点") || $0.contains("每周新增与销号") }
        for chart in counted {
            for label in chart.matches(of: try Regex(#"class="tick" text-anchor="end">([^<]+)</text>"#)).compactMap({ $0.output[1].substring }) {
                #expect(Int(label) != nil, "a count axis labelled \(label)")
            }
        }
        #expect(counted.count == 2)
    }
}
