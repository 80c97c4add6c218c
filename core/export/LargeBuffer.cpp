#include "core/export/LargeBuffer.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tc::core {

void resizeLargeBuffer(std::vector<std::uint8_t> &buffer, size_t bytes)
{
    buffer.clear();
    buffer.shrink_to_fit();
    buffer.reserve(bytes); // allocated but not yet touched: the advice still decides the page size
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(buffer.data());
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1), last = (begin + bytes) & ~(kHuge - 1);
    if (last > first)
        madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE); // advice only: errors are harmless
#endif
    buffer.resize(bytes);
}

} // namespace tc::core
