/// The bytes a decoder has received but not yet consumed.
///
/// Bytes are appended as they arrive from the socket; the decoder consumes whole
/// frames (or discards bytes of a rejected frame) from the front. Consumed space is
/// reclaimed by moving the unread tail to the front only once the consumed prefix is
/// at least as large as the unread tail, so every byte is moved at most a constant
/// number of times: appending and consuming N bytes costs O(N) however they are split.
///
/// Allocation habits, each measured by the benchmarks (Docs/Performance.md):
/// - an array of at least ``adoptionThreshold`` bytes appended to an empty buffer is
///   adopted, not copied;
/// - a frame that is the whole buffer is handed over, not copied, when it is large or
///   the buffer holds the caller's array; a small one is copied and the capacity kept;
/// - a few bytes at a time are appended without a call into memmove for each;
/// - capacity is kept once everything is consumed, up to ``retainedCapacity`` bytes;
///   beyond that the storage is released, so one large frame does not pin its memory.
public struct IMAPBuffer: Sendable {
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var readerIndex: Int = 0
    /// True while `storage` is an array adopted from the caller (possibly still shared with
    /// it): it is released rather than cleared in place once consumed.
    @usableFromInline var adopted = false

    /// Arrays at least this large are adopted by an empty buffer rather than copied
    /// (below it, copying is cheaper than the later reallocation of a small adopted array).
    @usableFromInline static let adoptionThreshold = 4096
    /// The most capacity a buffer keeps by copying a small frame out rather than handing
    /// its storage over (larger storage, grown by an earlier large frame, is handed over:
    /// keeping it would hold large allocations that the allocator maps and unmaps).
    @usableFromInline static let keptCapacity = 1 << 16
    /// The most capacity kept when every byte has been consumed.
    @usableFromInline static let retainedCapacity = 1 << 20

    /// Creates an empty buffer.
    public init() {}

    /// The number of bytes received and not yet consumed.
    @inlinable
    public var readableBytes: Int { storage.count - readerIndex }

    /// The unread bytes. The view shares storage with the buffer; copy it to keep it
    /// past the next mutation.
    @inlinable
    public var readableView: ArraySlice<UInt8> { storage[readerIndex...] }

    /// Appends bytes received from the peer. When the buffer is empty the array is adopted
    /// without copying.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        if storage.isEmpty && bytes.count >= Self.adoptionThreshold {
            storage = bytes
            readerIndex = 0
            adopted = true
            return
        }
        append(contentsOf: bytes[...])
    }

    /// Appends bytes received from the peer.
    @inlinable
    public mutating func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        let count = bytes.count
        if count == 1, let byte = bytes.first {
            // A stream fed byte by byte.
            compactIfWorthwhile()
            storage.append(byte)
            adopted = false
            return
        }
        // Contiguous bytes (an array, a slice of one, a buffer pointer): one non-generic copy.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { appendBytes(UnsafeRawBufferPointer($0)) }
        if copied != nil { return }
        // Any other collection (rare: a lazy view, a custom sequence of bytes).
        guard count > 0 else { return }
        compactIfWorthwhile()
        storage.append(contentsOf: bytes)
        adopted = false  // appending made the storage this buffer's own
    }

    /// Appends a copy of `source`.
    @inlinable
    mutating func appendBytes(_ source: UnsafeRawBufferPointer) {
        let count = source.count
        guard count > 0 else { return }
        compactIfWorthwhile()
        if count <= 8 {
            // A few bytes: no call into memmove for each.
            for byte in source { storage.append(byte) }
        } else {
            storage.append(contentsOf: source.assumingMemoryBound(to: UInt8.self))
        }
        adopted = false
    }

    /// Drops `count` unread bytes from the front.
    @inlinable
    mutating func consume(_ count: Int) {
        readerIndex = Swift.min(storage.count, readerIndex + Swift.max(0, count))
        if readerIndex == storage.count {
            if adopted || storage.capacity > Self.retainedCapacity {
                storage = []
                adopted = false
            } else {
                storage.removeAll(keepingCapacity: true)
            }
            readerIndex = 0
        }
    }

    /// Copies out and consumes the first `count` unread bytes.
    @inlinable
    mutating func readBytes(_ count: Int) -> [UInt8] {
        let end = Swift.min(storage.count, readerIndex + Swift.max(0, count))
        let bytes: [UInt8]
        if readerIndex == 0 && end == storage.count
            && (adopted || end >= Self.adoptionThreshold || storage.capacity > Self.keptCapacity)
        {
            // The frame is everything buffered and large (or the caller's array): hand over
            // the storage itself. A small frame is copied instead, so the buffer keeps its
            // capacity for the next one (bytes arriving a few at a time would otherwise
            // regrow it from nothing for every frame).
            bytes = storage
            storage = []
            adopted = false
        } else {
            bytes = Self.copy(storage, readerIndex..<end)
        }
        consume(end - readerIndex)
        return bytes
    }

    /// A new array holding `storage[range]` (made from a buffer pointer: `Array(slice)` took
    /// a generic path costing about 80 more instructions per frame).
    @inlinable
    static func copy(_ storage: borrowing [UInt8], _ range: Range<Int>) -> [UInt8] {
        storage.withUnsafeBufferPointer { all in Array(UnsafeBufferPointer(rebasing: all[range])) }
    }

    @inlinable
    mutating func compactIfWorthwhile() {
        if readerIndex > 0 && readerIndex >= storage.count - readerIndex {
            storage.removeSubrange(0..<readerIndex)
            readerIndex = 0
            adopted = false
        }
    }
}
