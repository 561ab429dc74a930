import Foundation
import LantianDomain
import LantianFraming
import LantianWire

/// One libFuzzer input: bytes as they might arrive on a connection, and as an event.
///
/// The frame decoder must split them without crashing or allocating beyond its limit; each frame
/// must decode to a message or a `WireFormatError`; a message that decodes must survive encoding
/// and decoding again unchanged. Every event a message carries, and the input read as an event
/// (its first byte choosing the type in `EventCatalogue.all`, the rest its payload), goes through
/// what a server does on accepting it (`Admission.read` and `decide`) and what every replica does
/// with it (each projection's fold, then every review), accepted or not: none may trap.
func fuzzWire(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var decoder = FrameDecoder(maxBodyBytes: 1 << 20)
    decoder.append(bytes)
    while let body = try? decoder.nextBody() {
        guard let message = try? MessageCodec.decode(body) else { continue }
        guard (try? MessageCodec.decode(MessageCodec.encode(message))) == message else {
            fatalError("\(message.name) does not survive encoding and decoding again")
        }
        for event in events(in: message) { acceptAndFold(event) }
    }
    if let first = bytes.first {
        let catalogue = EventCatalogue.all
        acceptAndFold(Context.event(type: catalogue[Int(first) % catalogue.count].type, payload: Data(bytes.dropFirst())))
    }
    return 0
}

/// What a server and every replica do with `event`.
private func acceptAndFold(_ event: Event) {
    if case .success(let reading) = Admission.read(event, receivedAt: Context.now) {
        _ = Admission.decide(reading, of: event, by: Context.officer, scope: Context.scope, grid: Context.grid) { subject in
            subject == Context.ticket ? Admission.SubjectRecord(type: TicketReported.eventType, node: Context.cell) : nil
        }
    }
    let events = Context.story + [event]
    let tickets = Tickets.fold(events).all
    let points = FirePoints.fold(events).all
    let enterprises = Enterprises.fold(events).all
    let sites = DustSites.fold(events)
    let network = DustfallNetwork.fold(events)
    let grid = Grid.fold(events)
    _ = (Directory.fold(events), DeviceKeys.fold(events).publicKeys, SyncBacklog.fold(events).all, ReceivedAttachments.fold(events))
    for now in [Context.now, Timestamp(millisecondsSince1970: .max), Timestamp(millisecondsSince1970: .min)] {
        let month = ReviewMonth(containing: now)
        _ = IssueReview(tickets: tickets, grid: grid, month: month, now: now)
        _ = IssueTimeline(tickets: tickets, weeks: 8, endingAt: now)
        _ = StrawBurningReview(points: points, grid: grid, month: month)
        _ = LedgerReview(enterprises: enterprises, grid: grid)
        _ = DustSiteReview(sites: sites, month: month)
        _ = DustfallReview(network: network, month: month)
        if let county = grid[Context.county] {
            _ = MonthlyNotice(county: county, month: month, now: now, grid: grid, tickets: tickets, enterprises: enterprises,
                              points: points, sites: sites, network: network)
        }
    }
    for point in points { _ = (BeijingTime.format(point.observedAt), point.responseMinutes) }
}

private func events(in message: Message) -> [Event] {
    switch message {
    case .push(let push): push.events
    case .page(let page): page.events.map(\.event)
    default: []
    }
}

/// A grid officer in a small grid, and a record of each kind an event may follow.
private enum Context {
    static let now = Timestamp(millisecondsSince1970: 1_793_462_400_000)
    static let county = "371502", cell = "371502001001"
    static let ticket = UUID(uuidString: "0192f0c4-0000-7000-8000-0000000000f1")!
    static let officer = UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: cell)
    static let device = UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d001")!

    static let story: [Event] = {
        var story = [
            GridNodeDefined(code: "371500", name: "聊城市", level: .city, parent: nil),
            GridNodeDefined(code: county, name: "东昌府区", level: .county, parent: "371500",
                            boundary: GeoBoundary(polygons: [[[[115.85, 36.3], [116.2, 36.3], [116.2, 36.6], [115.85, 36.6], [115.85, 36.3]]]])),
            GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: county),
            GridNodeDefined(code: cell, name: "北关村", level: .cell, parent: "371502001"),
        ].map { event(type: GridNodeDefined.eventType, payload: try! PayloadCodec.encode($0), subject: GridNodeDefined.subject(for: $0.code)) }
        story.append(event(type: UserRegistered.eventType, payload: try! PayloadCodec.encode(officer), subject: UserRegistered.subject(for: officer.name)))
        for definition in EventCatalogue.all where definition.subject == .starts {
            story.append(event(type: definition.type, payload: definition.example, subject: ticket))
        }
        return story.enumerated().map { index, event in
            var event = event
            (event.cseq, event.hlc) = (Int64(index + 1), HybridTimestamp(wallMilliseconds: now.millisecondsSince1970 - 1_000 + Int64(index), counter: 0))
            return event
        }
    }()
    static let grid = Grid.fold(story)
    static let scope = GridScope(scope: cell, grid: grid)

    static func event(type: EventType, payload: Data, subject: UUID = ticket) -> Event {
        Event(id: UUID(), device: device, cseq: 1_000, actor: "officer.zhang", hlc: HybridTimestamp(wallMilliseconds: now.millisecondsSince1970, counter: 0),
              recordedAt: now, subject: subject, type: type, schema: 1, payload: payload)
    }
}
