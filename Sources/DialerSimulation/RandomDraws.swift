public import DialerCore
import Foundation

/// Continuous draws on top of the core's `SeededRandom` (SplitMix64), for the carrier and agent
/// models: the same seed gives the same figures on every run.
extension SeededRandom {
    /// A uniform draw in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// An exponential draw with this mean (memoryless waiting times).
    public mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    /// A standard normal draw (Box–Muller; one of the pair is used, so every call takes two draws).
    public mutating func normal() -> Double {
        let u1 = 1 - unit()  // in (0, 1]: log is finite
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A lognormal draw with this median and shape: right-skewed like talk and ring times
    /// (mean = median × e^(σ²/2)).
    public mutating func lognormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// A generator for one purpose and one item (a lead, an agent), derived from a run's seed so
    /// that the item behaves the same whichever rules drive the run (common random numbers).
    public static func stream(seed: UInt64, purpose: String, item: String) -> SeededRandom {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a: stable across processes, unlike Hasher
        for byte in purpose.utf8 + [0] + item.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var mixer = SeededRandom(seed: seed ^ hash)
        return SeededRandom(seed: mixer.next())
    }
}
