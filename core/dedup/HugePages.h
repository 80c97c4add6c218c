#pragma once

#include <cstddef>

namespace tc::core {

// Asks Linux to back [data, data + bytes) with 2 MB pages, now (MADV_COLLAPSE) and when it grows
// (MADV_HUGEPAGE): the whole 2 MB-aligned pages inside the range only, contents unchanged.
//
// Why: the exact L2 passes read a few hundred scattered images (3 KB) or block means (768 bytes)
// per query out of arrays of 10-200 MB; with 4 KB pages nearly every read also misses the TLB,
// whose reach is about 12 MB. A hint only: false (and nothing changed) where the kernel refuses
// or on other systems; results never depend on it.
bool adviseHugePages(const void *data, std::size_t bytes);

} // namespace tc::core
