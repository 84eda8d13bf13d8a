@testable import HITLPolicy

extension TrafficPlacer {
    /// Where a line given as bytes falls.
    func place(_ line: [UInt8]) -> Place { line.withUnsafeBufferPointer { place($0) } }

    /// The listed region a line falls in, or nil (invalid or outside).
    func region(of line: [UInt8]) -> Int? {
        guard case .region(let k) = place(line) else { return nil }
        return k
    }
}
