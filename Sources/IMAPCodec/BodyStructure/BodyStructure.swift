/// The MIME structure of a message (RFC 9051 `body`, FETCH BODY and BODYSTRUCTURE).
///
/// A body is a single part or a multipart holding further bodies; a message/rfc822
/// (or message/global) part holds the envelope and structure of the enclosed message.
/// Extension data (BODYSTRUCTURE only) is optional at every level, and "absent" is
/// kept apart from "present and NIL", so both the BODY and the BODYSTRUCTURE forms
/// round-trip unchanged.
public enum BodyStructure: Sendable, Hashable {
    /// A non-multipart body part (`body-type-1part`).
    case singlePart(SinglePart)
    /// A multipart body (`body-type-mpart`).
    case multipart(Multipart)
}

extension BodyStructure {
    /// A parameter of a body part or disposition (`body-fld-param` pairs), e.g.
    /// `charset=utf-8`. Names and values are kept as sent.
    public struct Parameter: Sendable, Hashable {
        /// The attribute name, e.g. `charset`.
        public var name: ByteString
        /// The value, e.g. `utf-8`.
        public var value: ByteString

        /// Creates a parameter.
        public init(name: ByteString, value: ByteString) {
            self.name = name
            self.value = value
        }
    }

    /// The fields every single part has (`body-fields`).
    public struct Fields: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var parameters: SharedList<Parameter>
            var id: ByteString?
            var description: ByteString?
            var encoding: ByteString
            var octets: UInt32
        }
        var storage: Storage

        /// `body-fld-param`: the Content-Type parameters; NIL gives `[]`.
        public var parameters: SharedList<Parameter> {
            get { storage.parameters }
            _modify { yield &storage.parameters }
        }
        /// `body-fld-id`: the Content-ID, or nil.
        public var id: ByteString? {
            get { storage.id }
            _modify { yield &storage.id }
        }
        /// `body-fld-desc`: the Content-Description, or nil.
        public var description: ByteString? {
            get { storage.description }
            _modify { yield &storage.description }
        }
        /// `body-fld-enc`: the Content-Transfer-Encoding as sent, e.g. `BASE64`.
        public var encoding: ByteString {
            get { storage.encoding }
            _modify { yield &storage.encoding }
        }
        /// `body-fld-octets`: the size of the part in its transfer encoding, in bytes.
        public var octets: UInt32 {
            get { storage.octets }
            _modify { yield &storage.octets }
        }

        /// Creates body fields.
        public init(
            parameters: SharedList<Parameter> = [],
            id: ByteString? = nil,
            description: ByteString? = nil,
            encoding: ByteString = "7BIT",
            octets: UInt32 = 0
        ) {
            storage = Storage(
                parameters: parameters,
                id: id,
                description: description,
                encoding: encoding,
                octets: octets
            )
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "parameters": parameters,
                    "id": id as Any,
                    "description": description as Any,
                    "encoding": encoding,
                    "octets": octets,
                ],
                displayStyle: .struct
            )
        }
    }

    /// A Content-Disposition (`body-fld-dsp`): its type and parameters.
    public struct Disposition: Sendable, Hashable {
        /// The disposition type as sent, e.g. `attachment` or `inline`.
        public var kind: ByteString
        /// Its parameters (e.g. `filename`); NIL gives `[]`.
        public var parameters: SharedList<Parameter>

        /// Creates a disposition.
        public init(kind: ByteString, parameters: SharedList<Parameter> = []) {
            self.kind = kind
            self.parameters = parameters
        }
    }

    /// The extension fields from `body-fld-dsp` on, shared by single and multipart
    /// extension data: `body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]`.
    /// Each later field is present only when the earlier ones are, which the nesting
    /// mirrors.
    public struct DispositionTail: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var disposition: Disposition?
            var languageTail: LanguageTail?
        }
        var storage: Storage

        /// `body-fld-dsp`: the disposition, or nil for NIL.
        public var disposition: Disposition? {
            get { storage.disposition }
            _modify { yield &storage.disposition }
        }
        /// The language field and what follows, or nil when absent.
        public var languageTail: LanguageTail? {
            get { storage.languageTail }
            _modify { yield &storage.languageTail }
        }

        /// Creates the fields from the disposition on.
        public init(disposition: Disposition? = nil, languageTail: LanguageTail? = nil) {
            storage = Storage(disposition: disposition, languageTail: languageTail)
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "disposition": disposition as Any,
                    "languageTail": languageTail as Any,
                ],
                displayStyle: .struct
            )
        }
    }

    /// `body-fld-lang [SP body-fld-loc *(SP body-extension)]`.
    public struct LanguageTail: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var languages: [ByteString]
            var locationTail: LocationTail?
        }
        var storage: Storage

        /// `body-fld-lang`: the Content-Language tags; NIL gives `[]`, a single string
        /// one tag.
        public var languages: [ByteString] {
            get { storage.languages }
            _modify { yield &storage.languages }
        }
        /// The location field and what follows, or nil when absent.
        public var locationTail: LocationTail? {
            get { storage.locationTail }
            _modify { yield &storage.locationTail }
        }

        /// Creates the fields from the language on.
        public init(languages: [ByteString] = [], locationTail: LocationTail? = nil) {
            storage = Storage(languages: languages, locationTail: locationTail)
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "languages": languages,
                    "locationTail": locationTail as Any,
                ],
                displayStyle: .struct
            )
        }
    }

    /// `body-fld-loc *(SP body-extension)`.
    public struct LocationTail: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var location: ByteString?
            var extensions: [BodyExtension]
        }
        var storage: Storage

        /// `body-fld-loc`: the Content-Location, or nil.
        public var location: ByteString? {
            get { storage.location }
            _modify { yield &storage.location }
        }
        /// Further extension values a newer server sent, in order.
        public var extensions: [BodyExtension] {
            get { storage.extensions }
            _modify { yield &storage.extensions }
        }

        /// Creates the location and further extensions.
        public init(location: ByteString? = nil, extensions: [BodyExtension] = []) {
            storage = Storage(location: location, extensions: extensions)
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "location": location as Any,
                    "extensions": extensions,
                ],
                displayStyle: .struct
            )
        }
    }

    /// A single (non-multipart) body part.
    public struct SinglePart: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var mediaType: ByteString
            var mediaSubtype: ByteString
            var fields: Fields
            var kind: Kind
            var `extension`: Extension?
        }
        var storage: Storage

        /// The media type as sent, e.g. `TEXT` or `image`. Must agree with ``kind``:
        /// `TEXT` for ``Kind/text(lines:)``, `MESSAGE` for ``Kind/message(_:)``.
        public var mediaType: ByteString {
            get { storage.mediaType }
            _modify { yield &storage.mediaType }
        }
        /// The media subtype as sent, e.g. `plain`; `RFC822` or `GLOBAL` for ``Kind/message(_:)``.
        public var mediaSubtype: ByteString {
            get { storage.mediaSubtype }
            _modify { yield &storage.mediaSubtype }
        }
        /// The fields every part has.
        public var fields: Fields {
            get { storage.fields }
            _modify { yield &storage.fields }
        }
        /// What follows the fields for this media type.
        public var kind: Kind {
            get { storage.kind }
            _modify { yield &storage.kind }
        }
        /// The extension data (BODYSTRUCTURE), or nil when absent (BODY).
        public var `extension`: Extension? {
            get { storage.extension }
            _modify { yield &storage.extension }
        }

        /// Creates a single part.
        public init(
            mediaType: ByteString,
            mediaSubtype: ByteString,
            fields: Fields = Fields(),
            kind: Kind = .basic,
            extension: Extension? = nil
        ) {
            storage = Storage(
                mediaType: mediaType,
                mediaSubtype: mediaSubtype,
                fields: fields,
                kind: kind,
                extension: `extension`
            )
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "mediaType": mediaType,
                    "mediaSubtype": mediaSubtype,
                    "fields": fields,
                    "kind": kind,
                    "extension": `extension` as Any,
                ],
                displayStyle: .struct
            )
        }

        /// The part-specific data after `body-fields`.
        public enum Kind: Sendable, Hashable {
            /// `body-type-basic`: nothing more.
            case basic
            /// `body-type-text`: the size in lines (`body-fld-lines`).
            case text(lines: Int64)
            /// `body-type-msg`: message/rfc822 or message/global. (Indirect: the enclosed
            /// message's structure is a body again; the other cases need no box.)
            indirect case message(Message)
        }

        /// `body-ext-1part`: `body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`.
        public struct Extension: Sendable, Hashable, CustomReflectable {
            /// The stored fields, in one struct built by its memberwise initializer (see
            /// "Values built once" in Docs/Architecture.md).
            struct Storage: Sendable, Hashable {
                var md5: ByteString?
                var dispositionTail: DispositionTail?
            }
            var storage: Storage

            /// `body-fld-md5`: the Content-MD5, or nil.
            public var md5: ByteString? {
                get { storage.md5 }
                _modify { yield &storage.md5 }
            }
            /// The disposition and what follows, or nil when absent.
            public var dispositionTail: DispositionTail? {
                get { storage.dispositionTail }
                _modify { yield &storage.dispositionTail }
            }

            /// Creates single-part extension data.
            public init(md5: ByteString? = nil, dispositionTail: DispositionTail? = nil) {
                storage = Storage(md5: md5, dispositionTail: dispositionTail)
            }

            /// The public fields, as a struct's (what `print` and `dump` show).
            public var customMirror: Mirror {
                Mirror(
                    self,
                    children: [
                        "md5": md5 as Any,
                        "dispositionTail": dispositionTail as Any,
                    ],
                    displayStyle: .struct
                )
            }
        }
    }

    /// The enclosed message of a message/rfc822 or message/global part (`body-type-msg`).
    public struct Message: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var envelope: Envelope
            var body: BodyStructure?
            var lines: Int64
        }
        var storage: Storage

        /// The enclosed message's envelope.
        public var envelope: Envelope {
            get { storage.envelope }
            _modify { yield &storage.envelope }
        }
        /// The enclosed message's structure; nil when the server sent `()` or NIL
        /// (lenient decoding only; written back as `()`).
        public var body: BodyStructure? {
            get { storage.body }
            _modify { yield &storage.body }
        }
        /// `body-fld-lines`: the size of the enclosed message in lines.
        public var lines: Int64 {
            get { storage.lines }
            _modify { yield &storage.lines }
        }

        /// Creates an enclosed message.
        public init(envelope: Envelope, body: BodyStructure?, lines: Int64) {
            storage = Storage(envelope: envelope, body: body, lines: lines)
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "envelope": envelope,
                    "body": body as Any,
                    "lines": lines,
                ],
                displayStyle: .struct
            )
        }
    }

    /// A multipart body (`body-type-mpart`).
    public struct Multipart: Sendable, Hashable, CustomReflectable {
        /// The stored fields, in one struct built by its memberwise initializer (see
        /// "Values built once" in Docs/Architecture.md).
        struct Storage: Sendable, Hashable {
            var parts: [BodyStructure]
            var mediaSubtype: ByteString
            var `extension`: Extension?
        }
        var storage: Storage

        /// The parts: at least one on the wire (lenient decoding accepts none, written
        /// back as `(NIL "subtype" ...)`).
        public var parts: [BodyStructure] {
            get { storage.parts }
            _modify { yield &storage.parts }
        }
        /// The multipart subtype as sent, e.g. `mixed` or `ALTERNATIVE`.
        public var mediaSubtype: ByteString {
            get { storage.mediaSubtype }
            _modify { yield &storage.mediaSubtype }
        }
        /// The extension data (BODYSTRUCTURE), or nil when absent (BODY).
        public var `extension`: Extension? {
            get { storage.extension }
            _modify { yield &storage.extension }
        }

        /// Creates a multipart body.
        public init(parts: [BodyStructure], mediaSubtype: ByteString, extension: Extension? = nil) {
            storage = Storage(parts: parts, mediaSubtype: mediaSubtype, extension: `extension`)
        }

        /// The public fields, as a struct's (what `print` and `dump` show).
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "parts": parts,
                    "mediaSubtype": mediaSubtype,
                    "extension": `extension` as Any,
                ],
                displayStyle: .struct
            )
        }

        /// `body-ext-mpart`: `body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`.
        public struct Extension: Sendable, Hashable, CustomReflectable {
            /// The stored fields, in one struct built by its memberwise initializer (see
            /// "Values built once" in Docs/Architecture.md).
            struct Storage: Sendable, Hashable {
                var parameters: SharedList<Parameter>
                var dispositionTail: DispositionTail?
            }
            var storage: Storage

            /// `body-fld-param`: the Content-Type parameters (e.g. `boundary`); NIL gives `[]`.
            public var parameters: SharedList<Parameter> {
                get { storage.parameters }
                _modify { yield &storage.parameters }
            }
            /// The disposition and what follows, or nil when absent.
            public var dispositionTail: DispositionTail? {
                get { storage.dispositionTail }
                _modify { yield &storage.dispositionTail }
            }

            /// Creates multipart extension data.
            public init(parameters: SharedList<Parameter> = [], dispositionTail: DispositionTail? = nil) {
                storage = Storage(parameters: parameters, dispositionTail: dispositionTail)
            }

            /// The public fields, as a struct's (what `print` and `dump` show).
            public var customMirror: Mirror {
                Mirror(
                    self,
                    children: [
                        "parameters": parameters,
                        "dispositionTail": dispositionTail as Any,
                    ],
                    displayStyle: .struct
                )
            }
        }
    }
}

/// A `body-extension` value: extension data a future revision may add to BODYSTRUCTURE,
/// kept as it was sent so it round-trips.
public enum BodyExtension: Sendable, Hashable {
    /// `NIL`.
    case nilValue
    /// A string.
    case string(ByteString)
    /// A number (`number` / `number64`).
    case number(Int64)
    /// A parenthesized list of values (at least one on the wire).
    case list([BodyExtension])
}

// MARK: - Convenience accessors

extension BodyStructure {
    /// The media type: the part's, or `MULTIPART` for a multipart.
    public var mediaType: ByteString {
        switch self {
        case .singlePart(let part): return part.mediaType
        case .multipart: return "MULTIPART"
        }
    }

    /// The media subtype as sent.
    public var mediaSubtype: ByteString {
        switch self {
        case .singlePart(let part): return part.mediaSubtype
        case .multipart(let multipart): return multipart.mediaSubtype
        }
    }

    /// The parts of a multipart; empty for a single part.
    public var parts: [BodyStructure] {
        if case .multipart(let multipart) = self { return multipart.parts }
        return []
    }

    /// The disposition tail of the extension data, when present.
    public var dispositionTail: DispositionTail? {
        switch self {
        case .singlePart(let part): return part.extension?.dispositionTail
        case .multipart(let multipart): return multipart.extension?.dispositionTail
        }
    }

    /// The Content-Disposition, when the extension data holds one.
    public var disposition: Disposition? { dispositionTail?.disposition }

    /// The Content-Language tags, when the extension data holds them.
    public var languages: [ByteString] { dispositionTail?.languageTail?.languages ?? [] }

    /// The Content-Location, when the extension data holds one.
    public var location: ByteString? { dispositionTail?.languageTail?.locationTail?.location }

    /// Further `body-extension` values, when the extension data holds them.
    public var extensions: [BodyExtension] { dispositionTail?.languageTail?.locationTail?.extensions ?? [] }

    /// The Content-MD5 of a single part, when its extension data holds one.
    public var md5: ByteString? {
        if case .singlePart(let part) = self { return part.extension?.md5 }
        return nil
    }

    /// True when the body carries extension data (a BODYSTRUCTURE rather than a BODY
    /// response) at its top level.
    public var hasExtensionData: Bool {
        switch self {
        case .singlePart(let part): return part.extension != nil
        case .multipart(let multipart): return multipart.extension != nil
        }
    }
}
