import LantianFiles
import LantianDomain
import LantianSessions
import LantianStore
import LantianSync

/// The process exit status for an error, following sysexits(3).
public enum ExitStatus {
    public static func of(_ error: any Error) -> Int32 {
        switch error {
        case is InvalidValue, is FieldError, is ImportError, is Refusal: 65  // EX_DATAERR: fix the input
        case StoreError.damaged, StoreError.corruptEvent, SyncError.damagedStore: 74  // EX_IOERR: the store is damaged, run lantian repair
        case let error as SyncError where error.isNetworkFault: 69  // EX_UNAVAILABLE: try later
        default: 1
        }
    }
}
