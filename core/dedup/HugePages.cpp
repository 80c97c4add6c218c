#include "core/dedup/HugePages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tc::core {

bool adviseHugePages(const void *data, std::size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
    if (data == nullptr || end <= begin)
        return false;
    void *start = reinterpret_cast<void *>(begin);
    bool ok = madvise(start, end - begin, MADV_HUGEPAGE) == 0;
#if defined(MADV_COLLAPSE)
    // Pages already touched stay small until collapsed (khugepaged would take minutes).
    ok = madvise(start, end - begin, MADV_COLLAPSE) == 0 && ok;
#endif
    return ok;
#else
    (void)data;
    (void)bytes;
    return false;
#endif
}

} // namespace tc::core
