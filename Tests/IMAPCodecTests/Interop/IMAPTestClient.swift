import XCTest

@testable import IMAPCodec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain blocking TCP IMAP client for the live tests: every byte it sends comes from
/// `CommandEncoder`, every byte it receives goes through `ResponseDecoder`.
final class IMAPTestClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What one command produced.
    struct Result {
        var untagged: [UntaggedResponse] = []
        var continuations: [ContinuationRequest] = []
        var tagged: TaggedResponse

        var isOK: Bool { tagged.status == .ok }
    }

    let fd: Int32
    var decoder = ResponseDecoder()
    var encoder = CommandEncoder()
    var nextTag = 1
    /// Every response received, in order.
    var log: [Response] = []

    init(port: UInt16, timeoutSeconds: Int = 20) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed")
        }
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "send failed") }
            offset += n
        }
    }

    /// The next response from the server.
    func read() throws -> Response {
        while true {
            if let response = try decoder.next() {
                log.append(response)
                return response
            }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "connection closed or timed out") }
            decoder.append(buffer[..<n])
        }
    }

    /// The greeting.
    func greeting() throws -> UntaggedResponse {
        guard case .untagged(let greeting) = try read() else { throw Failure(description: "no greeting") }
        return greeting
    }

    func makeTag() -> Tag {
        defer { nextTag += 1 }
        return Tag("T\(nextTag)")!
    }

    /// Sends a command (waiting for continuation requests between chunks) and collects
    /// everything up to its tagged response.
    @discardableResult
    func run(_ kind: CommandKind) throws -> Result {
        let tag = makeTag()
        var untagged: [UntaggedResponse] = []
        var continuations: [ContinuationRequest] = []
        for chunk in try encoder.encode(Command(tag: tag, kind)) {
            try write(chunk.bytes)
            if chunk.waitForContinuation {
                waiting: while true {
                    switch try read() {
                    case .continuation(let c):
                        continuations.append(c)
                        break waiting
                    case .untagged(let u): untagged.append(u)
                    case .tagged(let t):
                        if t.tag == tag { return Result(untagged: untagged, continuations: continuations, tagged: t) }
                    }
                }
            }
        }
        while true {
            switch try read() {
            case .untagged(let u): untagged.append(u)
            case .continuation(let c): continuations.append(c)
            case .tagged(let t):
                if t.tag == tag { return Result(untagged: untagged, continuations: continuations, tagged: t) }
            }
        }
    }

    /// Sends a message that is not a command (DONE, an AUTHENTICATE line).
    func send(_ message: ClientMessage) throws {
        for chunk in try encoder.encode(message) { try write(chunk.bytes) }
    }
}

/// The port of the throwaway Dovecot that `.ci/run` starts, from `IMAP_PORT`.
func dovecotPort() -> UInt16? {
    guard let value = getenv("IMAP_PORT") else { return nil }
    return UInt16(String(cString: value))
}
