// The names the model validates: a JSON string, read through `init(validating:)`.

extension Atom: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Atom(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension Capability: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Capability(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension Flag: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Flag(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension MailboxAttribute: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try MailboxAttribute(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension StatusAttribute: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try StatusAttribute(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension QuotaResourceName: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try QuotaResourceName(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension SortKey: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try SortKey(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension ThreadAlgorithm: Codable {
    /// Writes rawValue as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string through init(validating:); a name it refuses is a
    /// `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ThreadAlgorithm(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

extension RawCommandArguments: Codable {
    /// Writes the bytes as ``ByteString`` writes them (a JSON string when they are UTF-8).
    public func encode(to encoder: any Encoder) throws {
        try bytes.encode(to: encoder)
    }

    /// Reads bytes as ``ByteString`` reads them, through init(validating:); arguments it
    /// refuses are a `DecodingError` carrying the IMAPValueError's message.
    public init(from decoder: any Decoder) throws {
        let bytes = try ByteString(from: decoder)
        do {
            self = try RawCommandArguments(validating: bytes)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
    }
}
