/// The 64-bit FNV-1a hash: stable across runs and machines (unlike `Hasher`), for picking an
/// agent's webhook lane and for naming a rule file's version. Not a cryptographic hash.
func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    return hash
}
