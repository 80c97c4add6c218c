#pragma once

#include "core/common/ImageSet.h"
#include "core/dedup/GaussianSsimKernel.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/SsimKernel.h"

#include <QtGlobal>
#include <algorithm>
#include <cstdint>
#include <memory>

namespace tc::core {

// The lane kernel of each SSIM window (SsimKernel.h, GaussianSsimKernel.h), so that a loop over
// pairs is written once for both: Single holds one image, Block 16, and
// ssimAgainstLanes(single, block, out) fills out[0..15].
template <SsimWindow W> struct SsimLaneKernel;

template <> struct SsimLaneKernel<SsimWindow::Uniform7> {
    using Single = SsimSingle;
    using Block = SsimLaneBlock;
};

template <> struct SsimLaneKernel<SsimWindow::Gaussian11> {
    using Single = GaussianSsimSingle;
    using Block = GaussianSsimLaneBlock;
};

// Calls fn.template operator()<SsimLaneKernel<window>>(), i.e. a lambda declared
// [&]<typename Kernel>() { ... }.
template <typename Fn> decltype(auto) withSsimKernel(SsimWindow window, Fn &&fn)
{
    if (window == SsimWindow::Gaussian11)
        return fn.template operator()<SsimLaneKernel<SsimWindow::Gaussian11>>();
    return fn.template operator()<SsimLaneKernel<SsimWindow::Uniform7>>();
}

// The instruction set of a lane block: the Uniform7 kernel has several (SsimKernel.h), the
// Gaussian one runs the compiler's clones and ignores it.
inline void setSsimPath(SsimLaneBlock &block, SsimPath path)
{
    block.path = path;
}
inline void setSsimPath(GaussianSsimLaneBlock &, SsimPath) {}

// Several singles against one block (out: count x 16 values).
inline void ssimManyAgainstLanes(const GaussianSsimSingle *const *xs, int count, const GaussianSsimLaneBlock &block,
                                 float *out)
{
    for (int j = 0; j < count; ++j)
        ssimAgainstLanes(*xs[j], block, out + j * kSsimLanes);
}

// Default-initialised (not zeroed): the buffers are hundreds of kB and fully written before use.
template <typename T> std::unique_ptr<T> makeSsimBuffer()
{
    return std::unique_ptr<T>(new T);
}

// SSIM of one loaded image against references[indices[i]] for i < count, 16 at a time:
// sink(i, value) for each.
template <typename Single, typename Block, typename Index, typename Sink>
void ssimAgainstList(const Single &single, Block &block, const std::uint8_t *references, const Index *indices,
                     qsizetype count, Sink sink)
{
    for (qsizetype s = 0; s < count; s += kSsimLanes) {
        const int lanes = int(std::min<qsizetype>(kSsimLanes, count - s));
        const std::uint8_t *images[kSsimLanes];
        for (int l = 0; l < lanes; ++l)
            images[l] = references + qsizetype(indices[s + l]) * kImageBytes;
        block.load(images, lanes);
        float values[kSsimLanes];
        ssimAgainstLanes(single, block, values);
        for (int l = 0; l < lanes; ++l)
            sink(s + l, values[l]);
    }
}

} // namespace tc::core
