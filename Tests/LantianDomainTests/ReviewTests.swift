import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

/// Review figures on a small fixture, each expected value worked out by hand in the comments.
@Suite struct ReviewTests {
    static func at(_ text: String) -> Timestamp { try! BeijingTime.parse(text) }

    /// County 371502 with townships T1 (371502001) and T2 (371502002), and the users.
    static func town() -> Chronicle {
        var story = Chronicle()
        for node in [GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: nil),
                     GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502"),
                     GridNodeDefined(code: "371502002", name: "柳园街道", level: .township, parent: "371502"),
                     GridNodeDefined(code: "371502001001", name: "一网格", level: .cell, parent: "371502001")] {
            story.record(node, about: GridNodeDefined.subject(for: node.code), by: "admin")
        }
        for (name, role) in [("officer.zhang", Role.gridOfficer), ("staff.wang", .townshipStaff), ("supervisor.zhao", .supervisor)] {
            story.record(UserRegistered(name: name, role: role, scope: "371502"), about: UserRegistered.subject(for: name), by: "admin")
        }
        return story
    }

    /// Records an event at a Beijing time (the clock reading is what the review reads).
    static func record(_ story: inout Chronicle, _ type: EventType, _ subject: UUID, _ payload: some Encodable, by actor: String, at time: String) {
        story.record(type, about: subject, payload, by: actor, at: at(time))
    }

    static func issueStory() -> (Chronicle, [UUID]) {
        var story = town()
        let ids = (1...4).map { UUID.version5(name: "t\($0)") }
        func report(_ id: UUID, _ node: String, _ category: InspectionCategory, _ time: String) {
            record(&story, TicketReported.eventType, id, TicketReported(category: category, node: node, title: "t"), by: "officer.zhang", at: time)
        }
        func step(_ id: UUID, _ kind: TicketStep.Kind, _ time: String, _ payload: TicketStep = TicketStep(), by actor: String = "staff.wang") {
            record(&story, kind.eventType, id, payload, by: actor, at: time)
        }
        // t1, T1: reported 10-02 08:00, closed out 10-04 08:00 → 48 h.
        report(ids[0], "371502001001", .dust, "2026-10-02 08:00")
        step(ids[0], .assigned, "2026-10-02 09:00", TicketStep(assignee: "staff.wang", deadline: at("2026-10-05 18:00")))
        step(ids[0], .rectificationStarted, "2026-10-02 10:00")
        step(ids[0], .rectificationReported, "2026-10-03 10:00")
        step(ids[0], .verified, "2026-10-04 08:00", by: "supervisor.zhao")
        // t2, T1: reported 10-10, due 10-12 08:00, still rectifying → overdue on 10-20; escalated 10-15.
        report(ids[1], "371502001", .dust, "2026-10-10 08:00")
        step(ids[1], .assigned, "2026-10-10 09:00", TicketStep(assignee: "staff.wang", deadline: at("2026-10-12 08:00")))
        step(ids[1], .rectificationStarted, "2026-10-10 10:00")
        step(ids[1], .escalated, "2026-10-15 08:00", TicketStep(escalation: .interview), by: "supervisor.zhao")
        // t3, T2: reported 09-28 08:00 (last month), closed out 10-01 08:00 → 72 h.
        report(ids[2], "371502002", .dustfall, "2026-09-28 08:00")
        step(ids[2], .assigned, "2026-09-28 09:00", TicketStep(assignee: "staff.wang", deadline: at("2026-10-05 18:00")))
        step(ids[2], .rectificationStarted, "2026-09-28 10:00")
        step(ids[2], .rectificationReported, "2026-09-30 10:00")
        step(ids[2], .verified, "2026-10-01 08:00", by: "supervisor.zhao")
        // t4, T2: reported 10-05, nothing since.
        report(ids[3], "371502002", .strawBurning, "2026-10-05 08:00")
        return (story, ids)
    }

    @Test func issueFiguresPerTownshipAreWhatTheFixtureGives() throws {
        let (story, ids) = Self.issueStory()
        let review = IssueReview(tickets: Tickets.fold(story.events).all.map(TicketSummary.init), grid: Grid.fold(story.events),
                                 month: ReviewMonth("2026-10")!, now: Self.at("2026-10-20 12:00"))
        let t1 = try #require(review.rows.first { $0.node == "371502001" })
        // T1: t1 closed, t2 open, overdue and escalated; both reported in October; t1 closed in October.
        #expect((t1.total, t1.open, t1.closed, t1.overdue, t1.escalated) == (2, 1, 1, 1, 1))
        #expect((t1.openedThisMonth, t1.closedThisMonth) == (2, 1))
        #expect(t1.rectificationRate == 0.5 && t1.medianCloseOutHours == 48)
        #expect(t1.name == "古楼街道")
        let t2 = try #require(review.rows.first { $0.node == "371502002" })
        // T2: t3 reported in September, closed in October after 72 h; t4 open, reported in October.
        #expect((t2.total, t2.open, t2.closed, t2.overdue, t2.escalated) == (2, 1, 1, 0, 0))
        #expect((t2.openedThisMonth, t2.closedThisMonth) == (1, 1))
        #expect(t2.rectificationRate == 0.5 && t2.medianCloseOutHours == 72)
        #expect(review.openByCategory == [.dust: 1, .strawBurning: 1])
        #expect(review.oldestOpen.map(\.id) == [ids[3], ids[1]])  // 10-05 before 10-10
    }

    @Test func theMedianCloseOutTimeIsOfTheMonthsCloseOutsOnly() throws {
        let (story, _) = Self.issueStory()
        let tickets = Tickets.fold(story.events).all.map(TicketSummary.init), grid = Grid.fold(story.events)
        let november = IssueReview(tickets: tickets, grid: grid, month: ReviewMonth("2026-11")!, now: Self.at("2026-11-20 12:00"))
        // Both close-outs were in October: November closed nothing, so it has no median, though its rate counts them.
        #expect(november.rows.map(\.medianCloseOutHours) == [nil, nil])
        #expect(november.rows.map(\.closed) == [1, 1])
    }

    @Test func monthsCountAcrossYearsBothWaysAndNeverTrap() {
        let november = ReviewMonth("2026-11")!
        #expect(november.adding(months: -1) == ReviewMonth("2026-10")! && november.adding(months: 2) == ReviewMonth("2027-01")!)
        #expect(november.adding(months: -11) == ReviewMonth("2025-12")! && november.adding(months: -23) == ReviewMonth("2024-12")!)
        #expect((0..<6).reversed().map { november.adding(months: -$0).description } == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"])
        #expect(november.adding(months: -12) == november.yearBefore)
        _ = november.adding(months: .min)  // a month from an impossible time: some month, no trap
        _ = ReviewMonth(year: .max, month: 12).adding(months: .max)
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        var row = IssueReview.Row(node: "1", name: "x")
        row.closeOutHours = [10, 40, 20, 30]
        #expect(row.medianCloseOutHours == 25)
        #expect(IssueReview.Row(node: "1", name: "x").medianCloseOutHours == nil)
        #expect(IssueReview.Row(node: "1", name: "x").rectificationRate == nil)
    }

    @Test func dustfallTownshipsAreAveragedRankedWarnedAndComparedWithLastYear() throws {
        var story = Self.town()
        for (code, node) in [("S1", "371502001001"), ("S2", "371502001"), ("S3", "371502002")] {
            story.record(DustfallStationRegistered(code: code, name: code, node: node), about: UUID(), by: "supervisor.zhao")
        }
        func reading(_ station: String, _ month: String, sample: Double, days: Double = 30) {
            let jar = DustfallJar(label: .a, sampleMassGrams: sample, blankMassGrams: 0.0050, openingAreaSquareMetres: 0.0200, exposureDays: days)
            story.record(DustfallReadingRecorded(station: station, month: month, jars: [jar]), about: UUID(), by: "supervisor.zhao")
        }
        // (sample − 0.0050) g / (0.0200 m² × 30 d) × 30 = (sample − 0.005) × 50
        reading("S1", "2026-10", sample: 0.1550)  // 7.5
        reading("S2", "2026-10", sample: 0.2450)  // 12.0
        reading("S3", "2026-10", sample: 0.1850)  // 9.0
        reading("S3", "2025-10", sample: 0.2050)  // 10.0, a year earlier
        let review = DustfallReview(network: DustfallNetwork.fold(story.events), month: ReviewMonth("2026-10")!)
        // T1 = (7.5 + 12.0) / 2 = 9.75 > 9: over the limit, ranked 2nd; T2 = 9.0: at the limit, not over, 1st;
        // T2 a year earlier 10.0 → (9.0 − 10.0) / 10.0 = −10 %; T1 has no figure a year earlier.
        #expect(review.townships.map(\.code) == ["371502002", "371502001"])
        let (first, second) = (review.townships[0], review.townships[1])
        #expect(abs(first.average - 9.0) < 1e-9 && !first.isOverLimit && first.rank == 1)
        #expect(abs(second.average - 9.75) < 1e-9 && second.isOverLimit && second.rank == 2)
        #expect(abs(try #require(first.yearOnYear) + 0.1) < 1e-9)
        #expect(second.yearOnYear == nil)
        #expect(review.stations.map(\.township) == ["371502001", "371502001", "371502002"])
    }
}

@Suite struct IssueTimelineTests {
    @Test func weeksRunMondayToSundayInBeijingTimeAndCountOpeningsAndCloseOuts() throws {
        let (story, _) = ReviewTests.issueStory()
        // 2026-10-20 is a Tuesday: the last week starts Monday 10-19; four weeks start 09-28, 10-05, 10-12, 10-19.
        let timeline = IssueTimeline(tickets: Tickets.fold(story.events).all.map(TicketSummary.init), weeks: 4, endingAt: ReviewTests.at("2026-10-20 12:00"))
        #expect(timeline.weeks.map(\.start) == ["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19"])
        // Opened: t3 09-28 and t1 10-02 in the first week; t4 10-05 and t2 10-10 in the second.
        // Closed: t3 10-01 and t1 10-04 in the first week.
        #expect(timeline.weeks.map(\.opened) == [2, 2, 0, 0])
        #expect(timeline.weeks.map(\.closed) == [2, 0, 0, 0])
    }

    /// A month's chart covers every day of it, the same whenever it is drawn once the month is over.
    @Test func aMonthsWeeksCoverItsEveryDayAndStopAtItsEnd() {
        let october = ReviewMonth("2026-10")!  // Thursday 10-01 to Saturday 10-31: the weeks of 09-28 to 10-26
        let over = IssueTimeline.weeks(covering: october, asOf: ReviewTests.at("2026-12-15 12:00"))
        #expect(over.count == 5 && over.endingAt == october.end.adding(milliseconds: -1))
        #expect(IssueTimeline.weeks(covering: october, asOf: ReviewTests.at("2027-03-01 08:00")) == over)
        let weeks = IssueTimeline(reported: [], closed: [], weeks: over.count, endingAt: over.endingAt).weeks.map(\.start)
        #expect(weeks == ["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"])
        #expect(IssueTimeline.weeks(covering: october, asOf: ReviewTests.at("2026-10-08 12:00")).count == 2)  // so far
    }
}
