import IMAPCodec
print("todo")
