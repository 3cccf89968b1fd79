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
    public struct Fields: Sendable, Hashable {
        /// `body-fld-param`: the Content-Type parameters; NIL gives `[]`.
        public var parameters: [Parameter]
        /// `body-fld-id`: the Content-ID, or nil.
        public var id: ByteString?
        /// `body-fld-desc`: the Content-Description, or nil.
        public var description: ByteString?
        /// `body-fld-enc`: the Content-Transfer-Encoding as sent, e.g. `BASE64`.
        public var encoding: ByteString
        /// `body-fld-octets`: the size of the part in its transfer encoding, in bytes.
        public var octets: UInt32

        /// Creates body fields.
        public init(
            parameters: [Parameter] = [], id: ByteString? = nil, description: ByteString? = nil,
            encoding: ByteString = "7BIT", octets: UInt32 = 0
        ) {
            self.parameters = parameters
            self.id = id
            self.description = description
            self.encoding = encoding
            self.octets = octets
        }
    }

    /// A Content-Disposition (`body-fld-dsp`): its type and parameters.
    public struct Disposition: Sendable, Hashable {
        /// The disposition type as sent, e.g. `attachment` or `inline`.
        public var kind: ByteString
        /// Its parameters (e.g. `filename`); NIL gives `[]`.
        public var parameters: [Parameter]

        /// Creates a disposition.
        public init(kind: ByteString, parameters: [Parameter] = []) {
            self.kind = kind
            self.parameters = parameters
        }
    }

    /// The extension fields from `body-fld-dsp` on, shared by single and multipart
    /// extension data: `body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]`.
    /// Each later field is present only when the earlier ones are, which the nesting
    /// mirrors.
    public struct DispositionTail: Sendable, Hashable {
        /// `body-fld-dsp`: the disposition, or nil for NIL.
        public var disposition: Disposition?
        /// The language field and what follows, or nil when absent.
        public var languageTail: LanguageTail?

        /// Creates the fields from the disposition on.
        public init(disposition: Disposition? = nil, languageTail: LanguageTail? = nil) {
            self.disposition = disposition
            self.languageTail = languageTail
        }
    }

    /// `body-fld-lang [SP body-fld-loc *(SP body-extension)]`.
    public struct LanguageTail: Sendable, Hashable {
        /// `body-fld-lang`: the Content-Language tags; NIL gives `[]`, a single string
        /// one tag.
        public var languages: [ByteString]
        /// The location field and what follows, or nil when absent.
        public var locationTail: LocationTail?

        /// Creates the fields from the language on.
        public init(languages: [ByteString] = [], locationTail: LocationTail? = nil) {
            self.languages = languages
            self.locationTail = locationTail
        }
    }

    /// `body-fld-loc *(SP body-extension)`.
    public struct LocationTail: Sendable, Hashable {
        /// `body-fld-loc`: the Content-Location, or nil.
        public var location: ByteString?
        /// Further extension values a newer server sent, in order.
        public var extensions: [BodyExtension]

        /// Creates the location and further extensions.
        public init(location: ByteString? = nil, extensions: [BodyExtension] = []) {
            self.location = location
            self.extensions = extensions
        }
    }

    /// A single (non-multipart) body part.
    public struct SinglePart: Sendable, Hashable {
        /// The media type as sent, e.g. `TEXT` or `image`. Must agree with ``kind``:
        /// `TEXT` for ``Kind/text(lines:)``, `MESSAGE` for ``Kind/message(_:)``.
        public var mediaType: ByteString
        /// The media subtype as sent, e.g. `plain`; `RFC822` or `GLOBAL` for ``Kind/message(_:)``.
        public var mediaSubtype: ByteString
        /// The fields every part has.
        public var fields: Fields
        /// What follows the fields for this media type.
        public var kind: Kind
        /// The extension data (BODYSTRUCTURE), or nil when absent (BODY).
        public var `extension`: Extension?

        /// Creates a single part.
        public init(
            mediaType: ByteString, mediaSubtype: ByteString, fields: Fields = Fields(), kind: Kind = .basic,
            extension: Extension? = nil
        ) {
            self.mediaType = mediaType
            self.mediaSubtype = mediaSubtype
            self.fields = fields
            self.kind = kind
            self.extension = `extension`
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
        public struct Extension: Sendable, Hashable {
            /// `body-fld-md5`: the Content-MD5, or nil.
            public var md5: ByteString?
            /// The disposition and what follows, or nil when absent.
            public var dispositionTail: DispositionTail?

            /// Creates single-part extension data.
            public init(md5: ByteString? = nil, dispositionTail: DispositionTail? = nil) {
                self.md5 = md5
                self.dispositionTail = dispositionTail
            }
        }
    }

    /// The enclosed message of a message/rfc822 or message/global part (`body-type-msg`).
    public struct Message: Sendable, Hashable {
        /// The enclosed message's envelope.
        public var envelope: Envelope
        /// The enclosed message's structure; nil when the server sent `()` or NIL
        /// (lenient decoding only; written back as `()`).
        public var body: BodyStructure?
        /// `body-fld-lines`: the size of the enclosed message in lines.
        public var lines: Int64

        /// Creates an enclosed message.
        public init(envelope: Envelope, body: BodyStructure?, lines: Int64) {
            self.envelope = envelope
            self.body = body
            self.lines = lines
        }
    }

    /// A multipart body (`body-type-mpart`).
    public struct Multipart: Sendable, Hashable {
        /// The parts: at least one on the wire (lenient decoding accepts none, written
        /// back as `(NIL "subtype" ...)`).
        public var parts: [BodyStructure]
        /// The multipart subtype as sent, e.g. `mixed` or `ALTERNATIVE`.
        public var mediaSubtype: ByteString
        /// The extension data (BODYSTRUCTURE), or nil when absent (BODY).
        public var `extension`: Extension?

        /// Creates a multipart body.
        public init(parts: [BodyStructure], mediaSubtype: ByteString, extension: Extension? = nil) {
            self.parts = parts
            self.mediaSubtype = mediaSubtype
            self.extension = `extension`
        }

        /// `body-ext-mpart`: `body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`.
        public struct Extension: Sendable, Hashable {
            /// `body-fld-param`: the Content-Type parameters (e.g. `boundary`); NIL gives `[]`.
            public var parameters: [Parameter]
            /// The disposition and what follows, or nil when absent.
            public var dispositionTail: DispositionTail?

            /// Creates multipart extension data.
            public init(parameters: [Parameter] = [], dispositionTail: DispositionTail? = nil) {
                self.parameters = parameters
                self.dispositionTail = dispositionTail
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
