/// One server response: a continuation request, an untagged response (`* ...`) or the tagged
/// completion of a command.
///
/// Continuation requests and tagged responses are boxed (`indirect`); untagged responses,
/// the bulk of a session, are not (``UntaggedResponse`` boxes its own wide cases), so a
/// FETCH response costs no allocation for its wrapping.
public enum Response: Sendable, Hashable {
    /// `+ ...`: the server waits for more from the client (a literal, an AUTHENTICATE
    /// response, or DONE after IDLE).
    indirect case continuation(ContinuationRequest)
    /// `* ...`: data or status not tied to a command's completion.
    case untagged(UntaggedResponse)
    /// `tag OK|NO|BAD ...`: a command completed.
    indirect case tagged(TaggedResponse)
}

/// `continue-req = "+" SP (resp-text / base64) CRLF`
///
/// The wire cannot tell response text from base64; both are kept as ``text`` (with the code,
/// if the text starts with one). During AUTHENTICATE the text is the server's base64 challenge.
public struct ContinuationRequest: Sendable, Hashable {
    /// The text after `+ `: human-readable, or base64 during AUTHENTICATE. May be empty.
    public var text: ResponseText

    /// Creates a continuation request.
    public init(text: ResponseText = ResponseText()) {
        self.text = text
    }
}

/// The outcome of a tagged response.
public enum TaggedStatus: Sendable, Hashable {
    /// `OK`: the command succeeded.
    case ok
    /// `NO`: the command failed.
    case no
    /// `BAD`: the command was not understood.
    case bad
}

/// `response-tagged = tag SP resp-cond-state CRLF`
public struct TaggedResponse: Sendable, Hashable {
    /// The tag of the command that completed.
    public var tag: Tag
    /// OK, NO or BAD.
    public var status: TaggedStatus
    /// The response code and text.
    public var text: ResponseText

    /// Creates a tagged response.
    public init(tag: Tag, status: TaggedStatus, text: ResponseText) {
        self.tag = tag
        self.status = status
        self.text = text
    }
}

/// The status keywords of untagged status responses.
public enum UntaggedStatus: Sendable, Hashable {
    /// `* OK`
    case ok
    /// `* NO`
    case no
    /// `* BAD`
    case bad
    /// `* BYE`: the server is closing the connection.
    case bye
    /// `* PREAUTH`: greeting of a connection already authenticated.
    case preauth
}

extension Response {
    /// `tag OK [code] text`
    public static func ok(_ tag: Tag, code: ResponseCode? = nil, _ text: String) -> Response {
        .tagged(TaggedResponse(tag: tag, status: .ok, text: ResponseText(code: code, text: ByteString(text))))
    }

    /// `tag NO [code] text`
    public static func no(_ tag: Tag, code: ResponseCode? = nil, _ text: String) -> Response {
        .tagged(TaggedResponse(tag: tag, status: .no, text: ResponseText(code: code, text: ByteString(text))))
    }

    /// `tag BAD [code] text`
    public static func bad(_ tag: Tag, code: ResponseCode? = nil, _ text: String) -> Response {
        .tagged(TaggedResponse(tag: tag, status: .bad, text: ResponseText(code: code, text: ByteString(text))))
    }

    /// `* OK|NO|BAD|BYE|PREAUTH [code] text`
    public static func untagged(_ status: UntaggedStatus, code: ResponseCode? = nil, _ text: String) -> Response {
        .untagged(.condition(status, ResponseText(code: code, text: ByteString(text))))
    }

    /// `+ text`
    public static func continuation(_ text: String = "") -> Response {
        .continuation(ContinuationRequest(text: ResponseText(text: ByteString(text))))
    }
}
