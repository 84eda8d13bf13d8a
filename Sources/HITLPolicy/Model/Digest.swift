import Crypto

/// SHA-256 digests as the project writes them: `sha256:` and 64 lowercase hex digits (policy
/// digests, compiled tables, the decision log's `prev` chain).
package enum Digest {
    /// The text of a finished digest.
    package static func text(_ digest: SHA256.Digest) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = Array("sha256:".utf8)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of `bytes` (policy source, a table's canonical content), hashed in place.
    package static func of(_ bytes: [UInt8]) -> String {
        text(SHA256.hash(data: bytes))
    }

    /// The digest of `bytes`.
    package static func of(_ bytes: some Sequence<UInt8>) -> String {
        var h = SHA256()
        h.update(data: Array(bytes))
        return text(h.finalize())
    }
}
