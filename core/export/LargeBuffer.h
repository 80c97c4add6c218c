#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tc::core {

// Sizes a pixel buffer of hundreds of megabytes (zero-filled), asking the kernel for 2 MiB pages
// where it offers them (Linux transparent huge pages in "madvise" mode). Touching 200 MB of fresh
// 4 KiB pages costs 50,000 page faults: well over a second on a paravirtualised VM, against
// ~50 ms with huge pages. Elsewhere it is a plain resize.
void resizeLargeBuffer(std::vector<std::uint8_t> &buffer, size_t bytes);

} // namespace tc::core
