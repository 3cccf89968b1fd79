/// A list value whose elements may live in one allocation shared with other lists
/// decoded from the same frame.
///
/// A FETCH response with ENVELOPE and BODYSTRUCTURE holds up to six address lists and a
/// parameter list for every body part. As arrays, each would be an allocation of its own;
/// the decoder instead appends every address (and every body parameter) of one frame to
/// one chunk, and each list is a range of it (see "Lists share a chunk" in
/// Docs/Architecture.md).
///
/// Apart from that, it behaves like an `Array` value: indices run from 0 to `count`,
/// it is built from an array literal or any sequence, and mutating it copies the
/// elements first unless this list is the chunk's only user (copy on write). Equality and
/// hashing compare the elements; printing shows them as an array does.
///
/// A decoded list keeps its whole chunk alive: every address (or body parameter) of its
/// frame, a bounded amount. Copy it (`SharedList(list)` or `Array(list)`) to keep one
/// list alone for long.
public struct SharedList<Element> {
    /// The chunk, nil for an empty list.
    @usableFromInline var storage: SharedListStorage<Element>?
    /// The list's first slot in the chunk, and its number of elements, in 32 bits each
    /// so that a list is two words: a chunk's slots are at least 64 bytes for the lists
    /// the decoder fills, and ``replaceSubrange(_:with:)`` checks the length.
    @usableFromInline var first: UInt32
    @usableFromInline var size: UInt32

    /// The list's first slot in the chunk.
    @inlinable var start: Int {
        get { Int(first) }
        set { first = UInt32(truncatingIfNeeded: newValue) }
    }
    /// The number of elements.
    @inlinable var length: Int {
        get { Int(size) }
        set { size = UInt32(truncatingIfNeeded: newValue) }
    }

    @inlinable
    init(storage: SharedListStorage<Element>?, start: Int, length: Int) {
        // A frame's limits keep the decoder's lists far below 2^32 elements.
        assert(UInt32(exactly: start) != nil && UInt32(exactly: length) != nil)
        self.storage = storage
        self.first = UInt32(truncatingIfNeeded: start)
        self.size = UInt32(truncatingIfNeeded: length)
    }

    /// Creates an empty list.
    @inlinable
    public init() {
        self.init(storage: nil, start: 0, length: 0)
    }

    /// Creates a list of the elements of `elements`, in order, in storage of its own.
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        var list = SharedList()
        list.append(contentsOf: elements)
        self = list
    }

    /// The elements as an array.
    public var array: [Element] { Array(self) }

    /// True when this list is its chunk's only user and holds everything the chunk holds,
    /// so that the slots after its elements are free: it may then be edited in place.
    /// (The uniqueness test comes first: a reference bound before it would count.)
    @inlinable
    mutating func ownsStorageAlone() -> Bool {
        guard isKnownUniquelyReferenced(&storage), let storage else { return false }
        return start == 0 && storage.count == length
    }

    /// Gives this list storage of its own with room for `minimumCapacity` elements,
    /// unless it already has it.
    @usableFromInline
    mutating func makeUnique(minimumCapacity: Int) {
        if length == 0 && minimumCapacity == 0 {
            self = SharedList()
            return
        }
        let owned = ownsStorageAlone()
        if owned, let storage, storage.slots >= minimumCapacity { return }
        let fresh = SharedListStorage<Element>.make(minimumCapacity: Swift.max(minimumCapacity, length))
        if let storage, length > 0 {
            let first = start
            let count = length
            storage.withUnsafeMutablePointerToElements { from in
                fresh.withUnsafeMutablePointerToElements { to in
                    if owned {
                        to.moveInitialize(from: from + first, count: count)
                    } else {
                        to.initialize(from: from + first, count: count)
                    }
                }
            }
            if owned { storage.count = 0 }
        }
        fresh.count = length
        self.storage = fresh
        self.start = 0
    }
}

extension SharedList: RandomAccessCollection, MutableCollection {
    /// Always 0.
    @inlinable public var startIndex: Int { 0 }
    /// The number of elements.
    @inlinable public var endIndex: Int { length }
    /// The number of elements.
    @inlinable public var count: Int { length }
    /// True when the list has no elements.
    @inlinable public var isEmpty: Bool { length == 0 }

    /// The element at `position`, which must be a valid index (as for `Array`).
    @inlinable
    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < length, "SharedList index out of range")
            return withElements { $0[position] }
        }
        set {
            precondition(position >= 0 && position < length, "SharedList index out of range")
            makeUnique(minimumCapacity: length)
            withElements { $0[position] = newValue }
        }
    }

    /// Calls `body` with this list's elements in their chunk (an empty buffer when the
    /// list has no chunk, which holds exactly when it is empty). Writing through the
    /// buffer is for a list that owns its storage alone (after ``makeUnique(minimumCapacity:)``).
    @inlinable
    func withElements<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        guard let storage else { return try body(UnsafeMutableBufferPointer(start: nil, count: 0)) }
        let first = start
        let count = length
        return try storage.withUnsafeMutablePointerToElements { elements in
            try body(UnsafeMutableBufferPointer(start: elements + first, count: count))
        }
    }
}

extension SharedList: RangeReplaceableCollection {
    /// Makes room for `minimumCapacity` elements in storage of this list's own.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        makeUnique(minimumCapacity: minimumCapacity)
    }

    /// Replaces the elements in `subrange` with `newElements`.
    ///
    /// In place when this list owns its storage alone and it has room; otherwise the
    /// elements move to fresh storage (doubling the capacity when appending, as `Array`
    /// does), and the other lists of a shared chunk keep theirs.
    public mutating func replaceSubrange<C: Collection>(
        _ subrange: Range<Int>,
        with newElements: C
    ) where C.Element == Element {
        precondition(subrange.lowerBound >= 0 && subrange.upperBound <= length, "SharedList range out of bounds")
        let inserted = newElements.count
        let newLength = length - subrange.count + inserted
        precondition(UInt32(exactly: newLength) != nil, "SharedList holds at most 4294967295 elements")
        let owned = ownsStorageAlone()
        if newLength == 0 && !owned {
            self = SharedList()
            return
        }
        let tail = length - subrange.upperBound
        if owned, let storage, storage.slots >= newLength {
            storage.withUnsafeMutablePointerToElements { elements in
                (elements + subrange.lowerBound).deinitialize(count: subrange.count)
                // moveInitialize(from:count:) allows the two ranges to overlap.
                let newTail = subrange.lowerBound + inserted
                if newTail != subrange.upperBound {
                    (elements + newTail).moveInitialize(from: elements + subrange.upperBound, count: tail)
                }
                Self.initialize(elements + subrange.lowerBound, count: inserted, from: newElements)
            }
            storage.count = newLength
            length = newLength
            return
        }
        let appending = subrange.lowerBound == length
        let capacity = appending ? Swift.max(newLength, 2 * length) : newLength
        let fresh = SharedListStorage<Element>.make(minimumCapacity: capacity)
        let first = start
        fresh.withUnsafeMutablePointerToElements { to in
            if let storage {
                storage.withUnsafeMutablePointerToElements { from in
                    let base = from + first
                    if owned {
                        to.moveInitialize(from: base, count: subrange.lowerBound)
                        (base + subrange.lowerBound).deinitialize(count: subrange.count)
                        (to + subrange.lowerBound + inserted).moveInitialize(
                            from: base + subrange.upperBound,
                            count: tail
                        )
                    } else {
                        to.initialize(from: base, count: subrange.lowerBound)
                        (to + subrange.lowerBound + inserted).initialize(from: base + subrange.upperBound, count: tail)
                    }
                }
            }
            Self.initialize(to + subrange.lowerBound, count: inserted, from: newElements)
        }
        if owned, let storage { storage.count = 0 }
        fresh.count = newLength
        storage = fresh
        start = 0
        length = newLength
    }

    /// Initializes `count` slots from `elements`, which must hold exactly that many (a
    /// collection whose `count` disagrees with its iteration traps, as with `Array`).
    @inlinable
    static func initialize<C: Collection>(_ slots: UnsafeMutablePointer<Element>, count: Int, from elements: C)
    where C.Element == Element {
        var slot = slots
        var written = 0
        for element in elements {
            precondition(written < count, "a collection yielded more elements than its count")
            slot.initialize(to: element)
            slot += 1
            written += 1
        }
        precondition(written == count, "a collection yielded fewer elements than its count")
    }

    /// Calls `body` with the elements' contiguous storage.
    public func withContiguousStorageIfAvailable<R>(
        _ body: (UnsafeBufferPointer<Element>) throws -> R
    ) rethrows -> R? {
        try withElements { try body(UnsafeBufferPointer($0)) }
    }

    /// Calls `body` with the elements' contiguous storage, made this list's own first.
    public mutating func withContiguousMutableStorageIfAvailable<R>(
        _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R
    ) rethrows -> R? {
        makeUnique(minimumCapacity: length)
        return try withElements { elements in
            var buffer = elements
            defer {
                precondition(
                    buffer.baseAddress == elements.baseAddress && buffer.count == elements.count,
                    "the buffer must not be replaced"
                )
            }
            return try body(&buffer)
        }
    }
}

extension SharedList: ExpressibleByArrayLiteral {
    /// Creates a list of the literal's elements.
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension SharedList: Equatable where Element: Equatable {
    /// Equal when the elements are, wherever they are stored.
    public static func == (lhs: SharedList, rhs: SharedList) -> Bool {
        if lhs.length != rhs.length { return false }
        if lhs.storage === rhs.storage && lhs.start == rhs.start { return true }
        return lhs.elementsEqual(rhs)
    }
}

extension SharedList: Hashable where Element: Hashable {
    /// Hashes the count and the elements, as `Array` does.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(length)
        for element in self { hasher.combine(element) }
    }
}

// A chunk's slots are written by the parser that made it, before any list in it leaves
// the parser, and afterwards only through a list that has just found itself the chunk's
// only user (`isKnownUniquelyReferenced`, before it reads the chunk's count); otherwise
// they are only read. So lists of Sendable elements may cross threads.
extension SharedList: @unchecked Sendable where Element: Sendable {}

extension SharedList: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The elements as an array prints them.
    public var description: String { Array(self).description }
    /// The elements as an array prints them in debugging.
    public var debugDescription: String { Array(self).debugDescription }
    /// The elements, as a collection's (what `dump` shows).
    public var customMirror: Mirror { Mirror(self, unlabeledChildren: Array(self), displayStyle: .collection) }
}

/// The count and capacity of a ``SharedListStorage``.
@usableFromInline
struct SharedListHeader {
    /// Initialized slots, from the start.
    @usableFromInline var count: Int
    /// Slots allocated.
    @usableFromInline var capacity: Int
}

/// One allocation of ``SharedList`` elements: a header and the slots after it.
@usableFromInline
final class SharedListStorage<Element>: ManagedBuffer<SharedListHeader, Element> {
    /// A chunk with room for at least `minimumCapacity` elements, none initialized.
    static func make(minimumCapacity: Int) -> SharedListStorage {
        let buffer = create(minimumCapacity: Swift.max(minimumCapacity, 1)) { _ in
            SharedListHeader(count: 0, capacity: 0)
        }
        // `create` called on this class makes an instance of it.
        let storage = unsafeDowncast(buffer, to: SharedListStorage.self)
        storage.withUnsafeMutablePointerToHeader { $0.pointee.capacity = Swift.max(minimumCapacity, 1) }
        return storage
    }

    /// Initialized slots. Read and written through the header pointer: the `header`
    /// property, a class's stored property, costs a dynamic exclusivity check each time.
    @inlinable
    var count: Int {
        get { withUnsafeMutablePointerToHeader { $0.pointee.count } }
        set { withUnsafeMutablePointerToHeader { $0.pointee.count = newValue } }
    }

    /// Slots allocated.
    @inlinable
    var slots: Int { withUnsafeMutablePointerToHeader { $0.pointee.capacity } }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in
            elements.deinitialize(count: header.pointee.count)
        }
    }
}

/// Collects the lists of one element type that a decoder reads from one frame into
/// shared chunks: ``begin()``, ``append(_:)`` for each element, ``finish()``.
///
/// Lists of one builder must not nest (the next begins after the last finished), which
/// holds for the lists that use one: addresses and body parameters. A chunk that fills
/// up is left to the lists already in it, and the open list moves to a new chunk twice
/// as big.
struct SharedListBuilder<Element> {
    /// The chunk being filled, nil until the first element.
    var chunk: SharedListStorage<Element>? = nil
    /// Where the open list starts in `chunk`.
    var listStart = 0
    /// Slots of the first chunk.
    let initialCapacity: Int

    init(initialCapacity: Int) {
        self.initialCapacity = initialCapacity
    }

    /// Opens a list.
    @inline(__always)
    mutating func begin() {
        listStart = chunk?.count ?? 0
    }

    /// Appends to the open list.
    @inline(__always)
    mutating func append(_ element: Element) {
        if let chunk {
            let appended = chunk.withUnsafeMutablePointers { header, elements in
                let slot = header.pointee.count
                guard slot < header.pointee.capacity else { return false }
                (elements + slot).initialize(to: element)
                header.pointee.count = slot &+ 1
                return true
            }
            if appended { return }
        }
        appendToNewChunk(element)
    }

    @inline(never)
    mutating func appendToNewChunk(_ element: Element) {
        let open = chunk.map { $0.count &- listStart } ?? 0
        let capacity = Swift.max(initialCapacity, (chunk?.slots ?? 0) &* 2, open &* 2 &+ 1)
        let fresh = SharedListStorage<Element>.make(minimumCapacity: capacity)
        fresh.withUnsafeMutablePointerToElements { to in
            if let chunk, open > 0 {
                // Moved, not copied: the old chunk's lists all end before the open one, and
                // none has left the parser, so its count may shrink.
                chunk.withUnsafeMutablePointerToElements { from in
                    to.moveInitialize(from: from + listStart, count: open)
                }
                chunk.count = listStart
            }
            (to + open).initialize(to: element)
        }
        fresh.count = open &+ 1
        chunk = fresh
        listStart = 0
    }

    /// Closes the open list and returns it.
    @inline(__always)
    func finish() -> SharedList<Element> {
        guard let chunk else { return SharedList() }
        let length = chunk.count &- listStart
        if length == 0 { return SharedList() }
        return SharedList(storage: chunk, start: listStart, length: length)
    }
}
