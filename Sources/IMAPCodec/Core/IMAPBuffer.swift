/// The bytes a decoder has received but not yet consumed.
///
/// Bytes are appended as they arrive from the socket; the decoder consumes whole
/// frames (or discards bytes of a rejected frame) from the front. Consumed space is
/// reclaimed by moving the unread tail to the front only once the consumed prefix is
/// at least as large as the unread tail, so every byte is moved at most a constant
/// number of times: appending and consuming N bytes costs O(N) however they are split.
public struct IMAPBuffer: Sendable {
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var readerIndex: Int = 0

    /// Creates an empty buffer.
    public init() {}

    /// The number of bytes received and not yet consumed.
    @inlinable
    public var readableBytes: Int { storage.count - readerIndex }

    /// The unread bytes. The view shares storage with the buffer; copy it to keep it
    /// past the next mutation.
    @inlinable
    public var readableView: ArraySlice<UInt8> { storage[readerIndex...] }

    /// Appends bytes received from the peer.
    @inlinable
    public mutating func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        compactIfWorthwhile()
        storage.append(contentsOf: bytes)
    }

    /// Drops `count` unread bytes from the front.
    @inlinable
    mutating func consume(_ count: Int) {
        readerIndex = min(storage.count, readerIndex + max(0, count))
        if readerIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readerIndex = 0
        }
    }

    /// Copies out and consumes the first `count` unread bytes.
    @inlinable
    mutating func readBytes(_ count: Int) -> [UInt8] {
        let end = min(storage.count, readerIndex + max(0, count))
        let bytes: [UInt8]
        if readerIndex == 0 && end == storage.count {
            // The frame is everything buffered: hand over the storage itself.
            bytes = storage
            storage = []
        } else {
            bytes = Array(storage[readerIndex..<end])
        }
        consume(end - readerIndex)
        return bytes
    }

    @inlinable
    mutating func compactIfWorthwhile() {
        if readerIndex > 0 && readerIndex >= storage.count - readerIndex {
            storage.removeSubrange(0..<readerIndex)
            readerIndex = 0
        }
    }
}
