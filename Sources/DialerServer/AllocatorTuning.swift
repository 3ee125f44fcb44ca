#if canImport(Glibc)
    import Glibc
#endif

/// How `serve` asks glibc's allocator to keep the memory it frees.
///
/// By default glibc gives memory freed at the top of a thread's heap back to the kernel as
/// soon as 128 KiB of it pile up there. Under a stream of requests every event-loop and pool
/// thread frees its request and reply buffers that way, so the service spent about a quarter
/// of its CPU in `madvise`, the page faults that follow it and the TLB shootdowns between
/// cores (`scripts/bench-serve.sh`: 6,300 requests/s before, about 10,000 after; see
/// docs/measured.md). Memory freed stays with the process up to the thresholds below and is
/// reused by the next requests.
enum AllocatorTuning {
    /// Free memory a heap keeps at its top before it gives it back.
    static let trimThreshold: Int32 = 32 << 20
    /// Allocations from this size get their own mapping (freed straight back to the kernel).
    static let mapThreshold: Int32 = 4 << 20

    /// Applies the thresholds; nothing where the C library has no `mallopt` (not glibc).
    static func keepFreedMemory() {
        #if canImport(Glibc)
            // Looked up, not imported: Swift's Glibc module leaves out <malloc.h>.
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            _ = mallopt(trimThresholdOption, trimThreshold)
            _ = mallopt(mapThresholdOption, mapThreshold)
        #endif
    }

    // <malloc.h>'s M_TRIM_THRESHOLD and M_MMAP_THRESHOLD.
    private static let trimThresholdOption: Int32 = -1
    private static let mapThresholdOption: Int32 = -3
}
