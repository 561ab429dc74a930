/// A record that may be a referral (移交): found outside the recorder's scope, it is accepted for
/// the office where it lies, which owns it; its recorder keeps seeing it and what follows
/// (PROTOCOL.md, *Roles and scope*). Only a record marked so: anything else outside the scope is
/// refused, so nothing lands in another office's queue by mistake.
public protocol Referable {
    var referral: Bool? { get }
}

extension Referable {
    public var isReferral: Bool { referral == true }
}

extension TicketReported: Referable {}
extension FirePointReport: Referable {}
