/// The in-memory store's call records by id, as one value so that a commit writes all its
/// dials in one access. Ids the store handed out are dense from 1: an array indexed by
/// `id - 1` (a growing dictionary would be rehashed every call record); ids from elsewhere,
/// and every record when no history is kept, are hashed.
struct DialRecords {
    private var dense: [Dial?] = []
    private var sparse: [Int: Dial] = [:]

    /// The record with this id, found at once.
    func dial(_ id: Int) -> Dial? {
        let index = id - 1
        if index >= 0, index < dense.count, let dial = dense[index] { return dial }
        return sparse[id]
    }

    /// Every record, in no order (those in the array first).
    var all: [Dial] { dense.compactMap { $0 } + sparse.values }

    /// Writes a commit's dials. Without history only the open dials stay (hashed, so nothing
    /// grows with the ids): a final one is forgotten. `handedOut`: ids below it are dense.
    mutating func record(_ dials: [Dial], keepsHistory: Bool, handedOut: Int) {
        for dial in dials {
            if keepsHistory {
                put(dial, dense: dial.id < handedOut)
            } else if dial.outcome?.isFinal == true {
                forget(dial.id)
            } else {
                put(dial, dense: false)
            }
        }
    }

    private mutating func put(_ dial: Dial, dense isDense: Bool) {
        let index = dial.id - 1
        guard isDense, index >= 0 else {
            sparse[dial.id] = dial
            return
        }
        while index >= dense.count { dense.append(nil) }  // ids come in order: mostly once
        dense[index] = dial
        if !sparse.isEmpty { sparse[dial.id] = nil }
    }

    private mutating func forget(_ id: Int) {
        sparse[id] = nil
        let index = id - 1
        if index >= 0, index < dense.count { dense[index] = nil }
    }
}
