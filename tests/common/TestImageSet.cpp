#include "core/common/ImageSet.h"

#include <QTest>

using namespace tc::core;

// The canonical layout is what every reader and writer agrees on; pin it down once.
class TestImageSet final : public QObject {
    Q_OBJECT
private slots:
    void layoutIsRowMajorHwc()
    {
        QCOMPARE(pixelOffset(0, 0, 0), 0);
        QCOMPARE(pixelOffset(0, 0, 2), 2);
        QCOMPARE(pixelOffset(0, 1, 0), 3);
        QCOMPARE(pixelOffset(1, 0, 0), 96);
        QCOMPARE(pixelOffset(31, 31, 2), 3071);
    }
    void imageSpansAddressConsecutiveRecords()
    {
        ImageSet set;
        set.pixels.resize(2 * kImageBytes);
        set.pixels[kImageBytes] = 7;
        QCOMPARE(set.count(), 2);
        QCOMPARE(int(set.image(1)[0]), 7);
        QCOMPARE(set.image(1).data() - set.image(0).data(), kImageBytes);
    }
};

QTEST_GUILESS_MAIN(TestImageSet)
#include "TestImageSet.moc"
