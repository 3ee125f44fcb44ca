/// The engine's open dials by id. Ids come from the store in dense blocks, so dials live in
/// pages of `pageSize` slots found by `id / pageSize` in an array: a lookup is two array
/// accesses instead of a hashed dictionary probe. Ids far beyond the pages (or negative) go to
/// a dictionary. A page whose dials have all closed gives its memory back.
struct DialTable {
    private struct Page {
        var dials: [Dial?] = []
        var count = 0
    }

    private static let pageShift = 10
    private static let pageSize = 1 << pageShift
    /// Ids from 0 up to this many pages are paged; the rest are hashed.
    private static let maxPages = 1 << 20

    private var pages: [Page] = []
    private var others: [Int: Dial] = [:]

    subscript(id: Int) -> Dial? {
        get {
            let p = id >> Self.pageShift
            guard id >= 0, p < Self.maxPages else { return others[id] }
            guard p < pages.count, !pages[p].dials.isEmpty else { return nil }
            return pages[p].dials[id & (Self.pageSize - 1)]
        }
        set {
            let p = id >> Self.pageShift
            guard id >= 0, p < Self.maxPages else {
                others[id] = newValue
                return
            }
            if p >= pages.count {
                guard newValue != nil else { return }
                pages.append(contentsOf: repeatElement(Page(), count: p - pages.count + 1))
            }
            if pages[p].dials.isEmpty {
                guard newValue != nil else { return }
                pages[p].dials = Array(repeating: nil, count: Self.pageSize)
            }
            let o = id & (Self.pageSize - 1)
            let had = pages[p].dials[o] != nil
            pages[p].dials[o] = newValue
            switch (had, newValue != nil) {
            case (false, true): pages[p].count += 1
            case (true, false):
                pages[p].count -= 1
                if pages[p].count == 0 { pages[p].dials = [] }
            default: break
            }
        }
    }
}
