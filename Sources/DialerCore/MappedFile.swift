#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only into memory, read front to back once: the pages already read are
/// handed back as the reader moves on (`release(upTo:)`), so a list of millions of rows keeps
/// only the pages being read resident, however long the file (a mapping that is merely read
/// keeps every page it touched counted in the process's memory until it is unmapped).
package final class MappedFile {
    /// Why a file could not be mapped: the system's words.
    package struct Failure: Error { package var reason: String }

    private let base: UnsafeMutableRawPointer?
    /// The file's size in bytes.
    package let count: Int
    private var released = 0

    /// Maps the file at `path`.
    package init(path: String) throws(Failure) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw Failure(reason: "it is a directory") }
        count = Int(info.st_size)
        guard count > 0 else {
            base = nil  // mmap refuses an empty length: an empty file is an empty buffer
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else { throw Failure(reason: String(cString: strerror(errno))) }
        base = mapped
    }

    deinit { if let base { munmap(base, count) } }

    /// Calls `body` with the file's bytes (valid only inside `body`).
    package func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try body(UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: count))
    }

    /// Gives back the whole pages among the first `offset` bytes: they are not read again (if
    /// they were, they would be read from the file anew, not lost).
    package func release(upTo offset: Int) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, count) / page * page
        guard end > released else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }
}
