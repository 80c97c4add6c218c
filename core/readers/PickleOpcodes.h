#pragma once

// Opcode names for the pickle parser's messages (internal to core/readers).
#include <QtGlobal>

namespace tc::core::pickle {

// The name pickletools gives opcode `op` (protocols 0-5), or nullptr when no protocol defines it.
const char *opcodeName(uchar op);

} // namespace tc::core::pickle
