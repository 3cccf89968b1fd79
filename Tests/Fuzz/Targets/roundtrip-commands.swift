// libFuzzer target `roundtrip-commands`: see Harness.swift for the input layout and what is checked.
// Build and run with Tests/Fuzz/run.sh roundtrip-commands SECONDS.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    if let problem = FuzzHarness.roundtripCommands(bytes).first {
        fatalError(problem)
    }
    return 0
}
