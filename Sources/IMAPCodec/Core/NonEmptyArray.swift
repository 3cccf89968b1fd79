/// An array that always holds at least one element: the type of the lists the grammar
/// writes `1*` or `x *(SP x)` (ENABLE capabilities, CANCELUPDATE tags, a header-list, STATUS
/// attributes, SORT criteria...), so that a value the encoders cannot write is one the
/// caller cannot build.
///
/// Build one from a first element and more (`NonEmptyArray(.seen, .flagged)`) or from a
/// sequence through the failable `init?(_:)`, which returns nil when the sequence
/// is empty. It is not `ExpressibleByArrayLiteral`: `[]` would have to trap. Mutations keep
/// at least one element (there is no `remove`); to shrink the list, build a new one.
public struct NonEmptyArray<Element> {
    /// The elements; never empty.
    @usableFromInline var storage: [Element]

    /// The elements, in order; never empty.
    @inlinable public var array: [Element] { storage }

    /// Creates a list of `elements`, or returns nil when `elements` is empty.
    ///
    /// Where the element type is not known from the context, name it:
    /// `NonEmptyArray<Int>([1, 2])`; `NonEmptyArray([1, 2])` alone is the list of one
    /// array that `init(_:_:)` builds.
    public init?(_ elements: some Sequence<Element>) {
        let array = Array(elements)
        guard !array.isEmpty else { return nil }
        self.storage = array
    }

    /// Creates a list of `first` followed by `rest`.
    public init(_ first: Element, _ rest: Element...) {
        self.storage = [first] + rest
    }

    /// A list of `array`, which the caller has checked is not empty.
    init(unchecked array: [Element]) {
        assert(!array.isEmpty, "NonEmptyArray(unchecked:) of an empty array")
        self.storage = array
    }

    /// The first element (there always is one).
    @inlinable public var first: Element { storage[0] }

    /// The last element (there always is one).
    @inlinable public var last: Element { storage[storage.count - 1] }

    /// Adds `element` at the end.
    @inlinable public mutating func append(_ element: Element) {
        storage.append(element)
    }

    /// Adds the elements of `elements` at the end.
    @inlinable public mutating func append(contentsOf elements: some Sequence<Element>) {
        storage.append(contentsOf: elements)
    }
}

extension NonEmptyArray: RandomAccessCollection, MutableCollection {
    /// The position of the first element: 0.
    @inlinable public var startIndex: Int { 0 }

    /// The position after the last element: the number of elements.
    @inlinable public var endIndex: Int { storage.count }

    /// The element at `position`, which must be in `indices`; setting it replaces it.
    @inlinable public subscript(position: Int) -> Element {
        get { storage[position] }
        set { storage[position] = newValue }
    }
}

extension NonEmptyArray: Sendable where Element: Sendable {}

extension NonEmptyArray: Equatable where Element: Equatable {}

extension NonEmptyArray: Hashable where Element: Hashable {}

extension NonEmptyArray: CustomStringConvertible {
    /// The elements as an array prints them, e.g. `[1, 2]`.
    public var description: String { storage.description }
}
