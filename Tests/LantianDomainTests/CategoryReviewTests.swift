import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

/// The ledger, straw-burning and dust-site reviews on small fixtures, worked out by hand.
@Suite struct CategoryReviewTests {
    @Test func theLedgerCountsEachTownshipsCasesAndWhatDynamicZeroStillHasToClose() throws {
        var story = ReviewTests.town()
        func register(_ name: String) -> UUID {
            let id = UUID.version5(name: name)
            story.record(try! EnterpriseRegistered(name: name, address: "", node: "371502001001", industry: "", leadSource: .patrol), about: id)
            return id
        }
        func step(_ id: UUID, _ kind: EnterpriseStep.Kind, _ step: EnterpriseStep = EnterpriseStep()) { story.record(kind.eventType, about: id, step) }
        _ = register("e1 待处置")
        let e2 = register("e2 关停中")
        step(e2, .disposed, EnterpriseStep(disposition: .banClose))
        let e3 = register("e3 改造完成")
        step(e3, .disposed, EnterpriseStep(disposition: .upgrade))
        for department in SignOffDepartmentsDefined.standard { step(e3, .signedOff, EnterpriseStep(department: department)) }
        step(e3, .productionResumed)
        let e4 = register("e4 复燃")
        step(e4, .disposed, EnterpriseStep(disposition: .banClose))
        for item in ClosureItem.allCases { step(e4, .closureItemDone, EnterpriseStep(item: item)) }
        step(e4, .resurgenceFound)
        let e5 = register("e5 已取缔")
        step(e5, .disposed, EnterpriseStep(disposition: .banClose))
        for item in ClosureItem.allCases { step(e5, .closureItemDone, EnterpriseStep(item: item)) }

        let review = LedgerReview(enterprises: Enterprises.fold(story.events).all, grid: Grid.fold(story.events))
        // e1 awaits a disposition; e2 and e4 (reopened by its resurgence) are in progress; e3 is whitelisted.
        let row = try #require(review.rows.first)
        #expect(review.rows.count == 1 && row.node == "371502001" && row.name == "古楼街道")
        #expect(row.byDisposition == [.banClose: 3, .upgrade: 1])
        // e5, banned and closed, is done but not whitelisted: the whitelist is for those allowed to operate.
        #expect((row.awaitingDisposition, row.inProgress, row.closedDown, row.whitelisted, row.resurgences, row.open) == (1, 2, 1, 1, 1, 3))
        #expect(review.whitelist.map(\.id) == [e3])
    }

    @Test func fireReviewCountsPerDayTakesMedianResponseAndFindsPlacesThatBurnedAgain() throws {
        var story = ReviewTests.town()
        func fire(_ name: String, _ node: String, _ time: String, latitude: Double, longitude: Double, outAfterMinutes: Int64? = nil) -> UUID {
            let id = UUID.version5(name: name)
            let observed = ReviewTests.at(time)
            story.record(try! FirePointReport(location: try! GeoPoint(latitude: latitude, longitude: longitude), node: node, observedAt: observed, note: name),
                         about: id)
            if let minutes = outAfterMinutes {
                story.record(FireResponseRecorded(extinguishedAt: Timestamp(millisecondsSince1970: observed.millisecondsSince1970 + minutes * 60_000), by: "队"),
                             about: id)
            }
            return id
        }
        // p2 is 200 m north of p1 (0.0018° of latitude ≈ 200 m), two days later: the same place burned again.
        let p1 = fire("p1", "371502001001", "2026-10-01 20:00", latitude: 36.4500, longitude: 115.9800, outAfterMinutes: 30)
        let p2 = fire("p2", "371502001", "2026-10-03 19:00", latitude: 36.4518, longitude: 115.9800)
        // p3 and p4, 100 m apart on the same day in another township: one fire, not a repeat.
        _ = fire("p3", "371502002", "2026-10-03 18:00", latitude: 36.5000, longitude: 116.1000, outAfterMinutes: 20)
        _ = fire("p4", "371502002", "2026-10-03 18:30", latitude: 36.5009, longitude: 116.1000, outAfterMinutes: 50)

        let review = StrawBurningReview(points: FirePoints.fold(story.events).all.map(FirePointSummary.init), grid: Grid.fold(story.events), month: ReviewMonth("2026-10")!)
        let t1 = try #require(review.rows.first { $0.node == "371502001" })
        #expect(t1.perDay == ["2026-10-01": 1, "2026-10-03": 1] && t1.medianResponseMinutes == 30)
        let t2 = try #require(review.rows.first { $0.node == "371502002" })
        #expect(t2.perDay == ["2026-10-03": 2] && t2.total == 2 && t2.medianResponseMinutes == 35)  // (20 + 50) / 2
        #expect(review.repeatedPlaces.map { $0.map(\.id) } == [[p1, p2]])
        #expect(abs(try GeoPoint(latitude: 36.45, longitude: 115.98).metres(to: try GeoPoint(latitude: 36.4518, longitude: 115.98)) - 200) < 1)
    }

    /// A field that burned on 09-28 and again, 70 m away, on 10-08 burned again in October,
    /// though the month boundary lies between; one that burned only in September is not October's.
    @Test func aPlaceThatBurnedInTheDaysBeforeTheMonthAndAgainInItBurnedAgainInTheMonth() throws {
        func point(_ name: String, _ time: String, latitude: Double) throws -> FirePointSummary {
            FirePointSummary(FirePoint(id: UUID.version5(name: name), report: try FirePointReport(
                location: try GeoPoint(latitude: latitude, longitude: 115.98), node: "371502001001", observedAt: ReviewTests.at(time), note: name),
                reportedBy: "officer.zhang", reportedFrom: UUID(), recordedAt: ReviewTests.at(time)))
        }
        let september = try point("09-28", "2026-09-28 19:00", latitude: 36.4500)
        let october = try point("10-08", "2026-10-08 19:00", latitude: 36.45063)   // 70 m north
        let septemberOnly = [try point("09-10", "2026-09-10 19:00", latitude: 36.6000), try point("09-12", "2026-09-12 19:00", latitude: 36.6001)]
        let review = StrawBurningReview(points: [september, october] + septemberOnly, grid: Grid(), month: ReviewMonth("2026-10")!)
        #expect(review.repeatedPlaces.map { $0.map(\.id) } == [[september.id, october.id]])
        #expect(review.rows.map(\.total) == [1])  // the month's own fire points only
    }

    /// Places that burned again are the single-linkage clusters of points within the radius that
    /// span several days: the cell search finds exactly what comparing every pair finds.
    @Test(arguments: 0..<20)
    func repeatedPlacesAreWhatComparingEveryPairGives(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        // Up to 60 points in a few kilometres (some at the poles and the antimeridian), over a week.
        let centre = [(36.45, 115.98), (89.999, 10.0), (-12.0, 179.999)][seed % 3]
        let points = try (0..<Int.random(in: 0...60, using: &random)).map { _ in
            FirePointSummary(id: UUID(), node: nil,
                             location: try GeoPoint(latitude: min(90, centre.0 + Double.random(in: -0.02...0.02, using: &random)),
                                                    longitude: min(180, centre.1 + Double.random(in: -0.02...0.02, using: &random))),
                             observedAt: Timestamp(millisecondsSince1970: 1_790_000_000_000 + Int64.random(in: 0...(7 * 86_400_000), using: &random)),
                             responseMinutes: nil)
        }
        #expect(StrawBurningReview(points: points, grid: Grid()).repeatedPlaces == Self.repeatedByEveryPair(points))
    }

    /// Joins every pair closer than the radius, then keeps the groups spanning several days.
    static func repeatedByEveryPair(_ points: [FirePointSummary]) -> [[FirePointSummary]] {
        let points = points.sorted { ($0.observedAt, $0.id.uuidString) < ($1.observedAt, $1.id.uuidString) }
        var group = Array(points.indices)
        for a in points.indices {
            for b in points.indices where points[a].location.metres(to: points[b].location) <= StrawBurningReview.repeatRadiusMetres {
                let (from, to) = (group[b], group[a])
                if from != to { group = group.map { $0 == from ? to : $0 } }
            }
        }
        return Dictionary(grouping: points.indices, by: { group[$0] }).values.map { $0.sorted().map { points[$0] } }
            .filter { Set($0.map { BeijingTime.format($0.observedAt).prefix(10) }).count > 1 }
            .sorted { ($0[0].observedAt, $0[0].id.uuidString) < ($1[0].observedAt, $1[0].id.uuidString) }
    }

    @Test func dustSitesAreCheckedAgainstOneInspectionPerSiteAMonth() throws {
        var story = ReviewTests.town()
        func site(_ name: String, area: Double, monitoring: Bool) -> UUID {
            let id = UUID.version5(name: name)
            story.record(try! DustSiteRegistered(name: name, kind: .construction, node: "371502001", areaSquareMetres: area,
                                                 onlineMonitoring: monitoring, video: monitoring), about: id)
            return id
        }
        let checklist = DustChecklistDefined.sixHundredPercent
        func inspect(_ id: UUID, failing: [String], at time: String) {
            let results = Dictionary(uniqueKeysWithValues: checklist.map { ($0.id, !failing.contains($0.id)) })
            story.record(DustSiteInspected.eventType, about: id, try! DustSiteInspected(results: results, checklist: checklist),
                         at: ReviewTests.at(time))
        }
        let s1 = site("s1", area: 8_000, monitoring: true)
        let s2 = site("s2", area: 3_000, monitoring: false)
        let s3 = site("s3", area: 6_000, monitoring: false)
        inspect(s1, failing: ["covering"], at: "2026-10-05 10:00")
        inspect(s2, failing: ["covering"], at: "2026-09-20 10:00")  // last month: not counted
        inspect(s2, failing: [], at: "2026-10-06 10:00")

        let review = DustSiteReview(sites: DustSites.fold(story.events), month: ReviewMonth("2026-10")!)
        // Due: 3 sites; done: s1 and s2; s3 not inspected. "covering" failed 1 of 2 October inspections.
        #expect((review.due, review.done) == (3, 2))
        #expect(review.notInspected.map(\.id) == [s3])
        #expect(review.itemRates.first == DustSiteReview.ItemRate(item: "covering", failed: 1, inspected: 2))
        #expect(review.itemRates.dropFirst().allSatisfy { $0.failed == 0 && $0.inspected == 2 })
        #expect(review.lackingMonitoring.map(\.id) == [s3])  // 6,000 m² ≥ 5,000 without monitoring; s2 is under the threshold
    }
}

@Suite struct MonthlyNoticeTests {
    @Test func theNoticeNamesTheBestAndWorstTownshipsAndListsOverdueIssues() throws {
        let (story, ids) = ReviewTests.issueStory()
        let grid = Grid.fold(story.events)
        let notice = MonthlyNotice(county: try #require(grid["371502"]), month: ReviewMonth("2026-10")!, now: ReviewTests.at("2026-10-20 12:00"),
                                   grid: grid, tickets: Tickets.fold(story.events).all.map(TicketSummary.init), enterprises: [], points: [],
                                   sites: DustSites.fold(story.events), network: DustfallNetwork.fold(story.events))
        // Both townships closed 1 of 2 (50 %); T2 has no overdue issue, T1 has one: T2 is best, T1 worst.
        #expect(notice.best?.name == "柳园街道")
        #expect(notice.worst?.name == "古楼街道")
        #expect(notice.overdue.map(\.id) == [ids[1]])
    }

    /// With one township's figures there is nothing to rank: no "best" with a rate of 0 %, and
    /// the township without issues is named as such, not left out.
    @Test func withTooFewFiguresNoTownshipIsRankedAndTownshipsWithoutIssuesAreNamed() throws {
        let (story, _) = ReviewTests.issueStory()
        let grid = Grid.fold(story.events)
        let oneTownship = Tickets.fold(story.events).all.map(TicketSummary.init).filter { $0.node.hasPrefix("371502001") }
        let notice = MonthlyNotice(county: try #require(grid["371502"]), month: ReviewMonth("2026-10")!, now: ReviewTests.at("2026-10-20 12:00"),
                                   grid: grid, tickets: oneTownship, enterprises: [], points: [], sites: DustSites.fold(story.events),
                                   network: DustfallNetwork.fold(story.events))
        #expect(notice.best == nil && notice.worst == nil)
        #expect(notice.townshipsWithoutIssues.map(\.name) == ["柳园街道"])
    }

    @Test func anotherCountysIssuesStayOutOfTheNotice() throws {
        var (story, _) = ReviewTests.issueStory()
        story.record(GridNodeDefined(code: "371503", name: "茌平区", level: .county, parent: nil), about: GridNodeDefined.subject(for: "371503"), by: "admin")
        story.record(TicketReported.eventType, about: UUID(), TicketReported(category: .dust, node: "371503", title: "别县"), by: "officer.zhang", at: ReviewTests.at("2026-10-09 08:00"))
        let grid = Grid.fold(story.events)
        let notice = MonthlyNotice(county: try #require(grid["371502"]), month: ReviewMonth("2026-10")!, now: ReviewTests.at("2026-10-20 12:00"),
                                   grid: grid, tickets: Tickets.fold(story.events).all.map(TicketSummary.init), enterprises: [], points: [],
                                   sites: DustSites.fold(story.events), network: DustfallNetwork.fold(story.events))
        #expect(notice.issues.rows.map(\.node) == ["371502001", "371502002"])
    }
}

@Suite struct SyncBacklogTests {
    @Test func aDeviceShowsItsLastSyncAndWhatItLastSaidWasWaiting() throws {
        var story = Chronicle()
        let officer = UUID(), staff = UUID()
        story.record(DeviceSyncReported(device: officer, actor: "officer.zhang", recordedCseq: 5, acknowledgedCseq: 5, synced: true),
                     about: officer, by: "lantiand", at: ReviewTests.at("2026-10-01 08:00"))
        // Later only a status check: 3 more recorded, none arrived.
        story.record(DeviceSyncReported(device: officer, actor: "officer.zhang", recordedCseq: 8, acknowledgedCseq: 5, synced: false),
                     about: officer, by: "lantiand", at: ReviewTests.at("2026-10-03 18:00"))
        story.record(DeviceSyncReported(device: staff, actor: "staff.wang", recordedCseq: 2, acknowledgedCseq: 2, synced: true),
                     about: staff, by: "lantiand", at: ReviewTests.at("2026-10-02 08:00"))
        let backlog = SyncBacklog.fold(story.events)
        #expect(backlog.all.map(\.actor) == ["officer.zhang", "staff.wang"])  // most waiting first
        let first = try #require(backlog.devices[officer])
        #expect(first.waiting == 3)
        #expect(first.lastSynced == ReviewTests.at("2026-10-01 08:00"))
        #expect(first.lastSeen == ReviewTests.at("2026-10-03 18:00"))
    }
}
