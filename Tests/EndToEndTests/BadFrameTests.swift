import Foundation
import LantianDomain
import LantianFraming
import LantianWire
import Testing

/// Hand-made bytes from a client that skips every check: each gets an error frame and that
/// connection is closed, while the server goes on serving everyone else.
@Suite struct BadFrameTests {
    @Test func aMalformedMessageGetsAnErrorFrameAndOnlyThatConnectionCloses() throws {
        try withServer { lantiand, folder in
            let bystander = try Self.welcomedBystander(lantiand, folder)
            let bad = try RawConnection(port: lantiand.port)
            try bad.send(Frame.encode(body: [0x55, 1, 2, 3]))
            let answer = try bad.receive()
            guard case .error(let error)? = answer else { Issue.record("expected an error frame, got \(String(describing: answer))"); return }
            #expect(error.code == .malformedFrame)
            #expect(error.message.contains("unknownMessageType"))
            #expect(try bad.receive() == nil)

            try Self.expectServed(bystander)
            try Self.expectASyncSucceeds(lantiand, folder)
        }
    }

    @Test func anOversizedFrameGetsAnErrorFrameAndOnlyThatConnectionCloses() throws {
        try withServer { lantiand, folder in
            let bystander = try Self.welcomedBystander(lantiand, folder)
            let bad = try RawConnection(port: lantiand.port)
            try bad.send([0x7F, 0xFF, 0xFF, 0xFF, 0x01, 0x02])
            let answer = try bad.receive()
            guard case .error(let error)? = answer else { Issue.record("expected an error frame, got \(String(describing: answer))"); return }
            #expect(error.code == .frameTooLarge)
            #expect(try bad.receive() == nil)

            try Self.expectServed(bystander)
            try Self.expectASyncSucceeds(lantiand, folder)
        }
    }

    @Test func anEmptyFrameGetsAnErrorFrame() throws {
        try withServer { lantiand, folder in
            let bad = try RawConnection(port: lantiand.port)
            try bad.send([0, 0, 0, 0])
            guard case .error(let error)? = try bad.receive() else { Issue.record("expected an error frame"); return }
            #expect(error.code == .malformedFrame)
            try Self.expectASyncSucceeds(lantiand, folder)
        }
    }

    @Test func aClientOfAnotherProtocolVersionIsToldBothRanges() throws {
        try withServer { lantiand, _ in
            let future = try RawConnection(port: lantiand.port)
            try future.send(.hello(Hello(versions: 7...9, device: UUID(), actor: "officer.zhang")))
            guard case .error(let error)? = try future.receive() else { Issue.record("expected an error frame"); return }
            #expect(error.code == .unsupportedVersion)
            #expect(error.message.contains("server speaks 2–5, client 7–9"))
            #expect(try future.receive() == nil)
        }
    }

    @Test func aPushOfAnotherDevicesEventsIsRefusedAndStoresNothing() throws {
        try withServer { lantiand, folder in
            let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
            let forger = try RawConnection(port: lantiand.port)
            guard case .welcome? = try forger.helloAs(store: officer.store).0 else { Issue.record("expected welcome"); return }
            let someoneElses = Event(
                id: UUID(), device: UUID(), cseq: 1, actor: "officer.li", hlc: .zero, recordedAt: Timestamp(millisecondsSince1970: 0),
                subject: UUID(), type: "straw.firePoint.reported", schema: 1, payload: Data("{}".utf8))
            try forger.send(.push(Push(events: [someoneElses])))
            guard case .error(let error)? = try forger.receive() else { Issue.record("expected an error frame"); return }
            #expect(error.code == .invalidEvent)
            try forger.send(.pull(Pull(after: 0, limit: 10)))
            guard case .page(let page)? = try forger.receive() else { Issue.record("expected a page"); return }
            #expect(!page.events.contains { $0.event.id == someoneElses.id })
        }
    }

    /// An enrolled device's connection, welcomed before the trouble.
    static func welcomedBystander(_ lantiand: ServerProcess, _ folder: URL) throws -> RawConnection {
        let officer = try FieldDevice(user: "officer.li", server: lantiand.address, folder: folder)
        let connection = try RawConnection(port: lantiand.port)
        guard case .welcome? = try connection.helloAs(store: officer.store).0 else { throw Failure("the bystander was not welcomed") }
        return connection
    }

    /// A connection opened before the trouble still gets answers.
    static func expectServed(_ connection: RawConnection) throws {
        try connection.send(.ping(nonce: 11))
        guard case .pong(nonce: 11)? = try connection.receive() else { Issue.record("the bystander was not served"); return }
    }

    /// A real client still syncs afterwards.
    static func expectASyncSucceeds(_ lantiand: ServerProcess, _ folder: URL) throws {
        let officer = try FieldDevice(user: "officer.\(UUID().uuidString.prefix(4))", server: lantiand.address, folder: folder)
        try officer.reportFire(note: "之后照常同步")
        try officer.expectSuccess(["sync"])
        #expect(try officer.status().pending == 0)
    }
}

func withServer(_ body: (ServerProcess, URL) throws -> Void) throws {
    let folder = try temporaryFolder()
    let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
    try body(lantiand, folder)
    #expect(lantiand.stop() == 0)
}
