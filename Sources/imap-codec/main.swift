import Foundation
import IMAPCodec

// imap-codec: decode, check, roundtrip and bench IMAP streams with IMAPCodec.

let usage = """
    usage: imap-codec decode [--responses|--commands] [--json] [--strict] [--stream [N]] [FILE|-]
           imap-codec check [--responses|--commands] [--strict] FILE...
           imap-codec roundtrip [--responses|--commands] FILE...
           imap-codec bench [--responses|--commands] [--chunk N] FILE...

    With no FILE, decode shows a sample session bundled with the tool.
    --stream streams literals of N bytes or more (default 65536) instead of buffering them:
    message bodies pass through in constant memory.
    --responses (the default) reads server-to-client bytes; --commands client-to-server.
    For FILE.c2s, a sibling FILE.s2c (the server's side) tells which synchronizing
    literals the server refused, as a one-sided capture cannot.
    """

struct Options {
    var direction: Direction = .responses
    var json = false
    var strict = false
    var chunk: Int? = nil
    var stream: Int64? = nil
    var files: [String] = []
}

func parseOptions(_ arguments: ArraySlice<String>) throws -> Options {
    var options = Options()
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--responses": options.direction = .responses
        case "--commands": options.direction = .commands
        case "--json": options.json = true
        case "--strict": options.strict = true
        case "--chunk":
            guard let value = iterator.next(), let n = Int(value), n > 0 else {
                throw CLIError.usage("--chunk needs a positive number")
            }
            options.chunk = n
        case "--stream":
            options.stream = 65536
        case "-h", "--help": throw CLIError.usage(nil)
        default:
            if argument.hasPrefix("--") { throw CLIError.usage("unknown option \(argument)") }
            if options.stream != nil, options.files.isEmpty, let n = Int64(argument), n > 0 {
                options.stream = n
                continue
            }
            options.files.append(argument)
        }
    }
    return options
}

enum CLIError: Error {
    case usage(String?)
    case file(String)
}

func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" {
        return Array(FileHandle.standardInput.readDataToEndOfFile())
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError.file("cannot read \(path)")
    }
    return Array(data)
}

func openInput(_ path: String) throws -> Input {
    if path == "-" { return .file(FileHandle.standardInput) }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError.file("cannot read \(path)") }
    return .file(handle)
}

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func run() -> Int32 {
    let arguments = CommandLine.arguments.dropFirst()
    let command = arguments.first ?? "decode"
    do {
        let options = try parseOptions(arguments.dropFirst())
        switch command {
        case "decode":
            let input: Input
            if let file = options.files.first {
                input = try openInput(file)
            } else {
                input = .bytes(options.direction == .responses ? SampleSession.responses : SampleSession.commands)
            }
            decodeCommand(input, options: options)
            return 0
        case "check":
            guard !options.files.isEmpty else { throw CLIError.usage("check needs at least one FILE") }
            return try checkCommand(options)
        case "roundtrip":
            guard !options.files.isEmpty else { throw CLIError.usage("roundtrip needs at least one FILE") }
            return try roundtripCommand(options)
        case "bench":
            guard !options.files.isEmpty else { throw CLIError.usage("bench needs at least one FILE") }
            return try benchCommand(options)
        case "-h", "--help", "help":
            print(usage)
            return 0
        default:
            throw CLIError.usage("unknown command \(command)")
        }
    } catch CLIError.usage(let message) {
        if let message { writeError("imap-codec: \(message)") }
        writeError(usage)
        return 2
    } catch CLIError.file(let message) {
        writeError("imap-codec: \(message)")
        return 2
    } catch {
        writeError("imap-codec: \(error)")
        return 2
    }
}

exit(run())
