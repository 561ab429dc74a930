import Foundation

// Hand-written readers of the payloads a replica reads most: each reads the fields its `Decodable`
// initialiser reads, by the same names and rules (PayloadReaderTests compares the two).

extension Evidence: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        self.init(sha256: try object.string("sha256"), fileName: try object.string("fileName"))
    }

    /// The evidence listed under `key` (`nil` when absent).
    static func list(_ key: String, in object: PayloadObject) throws -> [Evidence]? {
        guard let objects = try object.objectsIfPresent(key) else { return nil }
        var evidence: [Evidence] = []
        evidence.reserveCapacity(objects.count)
        for element in objects { evidence.append(try Evidence(reading: element)) }
        return evidence
    }
}

extension GeoPoint: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        try self.init(latitude: try object.double("lat"), longitude: try object.double("lon"), accuracyMetres: try object.doubleIfPresent("accuracy"))
    }
}

extension TicketStep: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        guard let evidence = try Evidence.list("evidence", in: object) else { throw PayloadReadError.missing(field: "evidence") }
        self.init(note: try object.string("note"), evidence: evidence, assignee: try object.stringIfPresent("assignee"),
                  deadline: try object.int64IfPresent("deadline").map(Timestamp.init(millisecondsSince1970:)),
                  escalation: try object.enumerationIfPresent("escalation", as: Escalation.self), node: try object.stringIfPresent("node"))
    }
}

extension TicketReported: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        guard let evidence = try Evidence.list("evidence", in: object) else { throw PayloadReadError.missing(field: "evidence") }
        self.init(category: try object.enumeration("category", as: InspectionCategory.self), node: try object.string("node"),
                  title: try object.string("title"), location: try object.objectIfPresent("location").map(GeoPoint.init(reading:)),
                  origin: try object.uuidIfPresent("origin"), note: try object.string("note"), evidence: evidence,
                  referral: try object.boolIfPresent("referral") ?? false,
                  deadline: try object.int64IfPresent("deadline").map(Timestamp.init(millisecondsSince1970:)))
    }
}

extension FirePointReport: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        try self.init(
            location: try GeoPoint(reading: try object.object("location")), node: try object.stringIfPresent("node"),
            observedAt: Timestamp(millisecondsSince1970: try object.int64("observedAt")), note: try object.string("note"),
            source: try object.enumerationIfPresent("source", as: Source.self) ?? .patrol,
            estimatedAreaSquareMetres: try object.doubleIfPresent("estimatedAreaSquareMetres"),
            riskySlot: try object.enumerationIfPresent("riskySlot", as: RiskySlot.self),
            evidence: try Evidence.list("evidence", in: object) ?? [], referral: try object.boolIfPresent("referral") ?? false)
    }
}

extension FireResponseRecorded: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        self.init(extinguishedAt: Timestamp(millisecondsSince1970: try object.int64("extinguishedAt")), by: try object.string("by"),
                  note: try object.string("note"))
    }
}

extension UserRegistered: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        self.init(name: try object.string("name"), role: try object.enumeration("role", as: Role.self), scope: try object.string("scope"))
    }
}

extension DeviceSyncReported: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        guard let device = try object.uuidIfPresent("device") else { throw PayloadReadError.missing(field: "device") }
        self.init(device: device, actor: try object.string("actor"), recordedCseq: try object.int64("recordedCseq"),
                  acknowledgedCseq: try object.int64("acknowledgedCseq"), synced: try object.bool("synced"),
                  clockSkew: try object.int64IfPresent("clockSkew").map(ClockSkew.init(milliseconds:)))
    }
}

extension AttachmentReceived: PayloadReadable {
    public init(reading object: PayloadObject) throws {
        guard let digest = ContentDigest(hex: try object.string("sha256")) else { throw InvalidValue(field: "sha256", rule: .notADigest) }
        let size = try object.int64("size")
        guard size > 0 else { throw InvalidValue(field: "size", rule: .mustBePositive) }
        self.init(digest: digest, size: size)
    }
}

// Their hand-written writers, each giving the bytes `JSONEncoder` gives (PayloadReaderTests):
// fields in byte order of their keys, optional ones left out when absent.

extension Evidence: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { $0.string("fileName", fileName); $0.string("sha256", sha256) }
    }
}

extension GeoPoint: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { $0.double("accuracy", accuracyMetres); $0.double("lat", latitude); $0.double("lon", longitude) }
    }
}

extension TicketStep: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { fields in
            fields.string("assignee", assignee)
            fields.int64("deadline", deadline?.millisecondsSince1970)
            fields.enumeration("escalation", escalation)
            fields.objects("evidence", evidence)
            fields.string("node", node)
            fields.string("note", note)
        }
    }
}

extension TicketReported: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { fields in
            fields.enumeration("category", category)
            fields.int64("deadline", deadline?.millisecondsSince1970)
            fields.objects("evidence", evidence)
            fields.object("location", location)
            fields.string("node", node)
            fields.string("note", note)
            fields.uuid("origin", origin)
            fields.bool("referral", referral)
            fields.string("title", title)
        }
    }
}

extension FirePointReport: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { fields in
            fields.double("estimatedAreaSquareMetres", estimatedAreaSquareMetres)
            fields.objects("evidence", evidence)
            fields.object("location", location)
            fields.string("node", node)
            fields.string("note", note)
            fields.int64("observedAt", observedAt.millisecondsSince1970)
            fields.bool("referral", referral)
            fields.enumeration("riskySlot", riskySlot)
            fields.enumeration("source", source)
        }
    }
}

extension FireResponseRecorded: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { fields in
            fields.string("by", by)
            fields.int64("extinguishedAt", extinguishedAt.millisecondsSince1970)
            fields.string("note", note)
        }
    }
}

extension UserRegistered: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { $0.string("name", name); $0.enumeration("role", role); $0.string("scope", scope) }
    }
}

extension DeviceSyncReported: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { fields in
            fields.int64("acknowledgedCseq", acknowledgedCseq)
            fields.string("actor", actor)
            fields.int64("clockSkew", clockSkew?.milliseconds)
            fields.uuid("device", device)
            fields.int64("recordedCseq", recordedCseq)
            fields.bool("synced", synced)
        }
    }
}

extension AttachmentReceived: PayloadWritable {
    public func write(to writer: inout PayloadWriter) {
        writer.object { $0.string("sha256", sha256); $0.int64("size", size) }
    }
}
