#include "ui/ReviewImages.h"

#include <algorithm>
#include <cstdlib>

namespace tc::ui {

namespace {
// Both inputs as RGB888 of the same size, so the per-pixel loops can index scan lines directly.
bool sameShape(const QImage &a, const QImage &b)
{
    return !a.isNull() && a.size() == b.size() && a.format() == QImage::Format_RGB888 &&
           b.format() == QImage::Format_RGB888;
}

template <typename Mix> QImage combine(const QImage &a, const QImage &b, Mix mix)
{
    if (!sameShape(a, b))
        return {};
    QImage out(a.size(), QImage::Format_RGB888);
    for (int y = 0; y < a.height(); ++y) {
        const uchar *pa = a.constScanLine(y);
        const uchar *pb = b.constScanLine(y);
        uchar *po = out.scanLine(y);
        for (int x = 0; x < a.width() * 3; ++x)
            po[x] = uchar(std::clamp(mix(int(pa[x]), int(pb[x])), 0, 255));
    }
    return out;
}
} // namespace

QImage differenceImage(const QImage &a, const QImage &b, int gain)
{
    return combine(a, b, [gain](int x, int y) { return std::abs(x - y) * gain; });
}

QImage overlayImage(const QImage &a, const QImage &b)
{
    return combine(a, b, [](int x, int y) { return (x + y + 1) / 2; });
}

} // namespace tc::ui
