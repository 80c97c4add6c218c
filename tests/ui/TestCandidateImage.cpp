#include "ui/CandidateImage.h"

#include <QTest>

using namespace tc;

// The one pixels -> QImage conversion against the canonical layout's definition (32x32, row-major, RGB
// interleaved: byte (row * 32 + col) * 3 + channel), which every reader and writer of core shares.
class TestCandidateImage final : public QObject {
    Q_OBJECT
private slots:
    void followsTheCanonicalLayout_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("col");
        QTest::newRow("top left") << 0 << 0;
        QTest::newRow("top right") << 0 << 31;
        QTest::newRow("bottom left") << 31 << 0;
        QTest::newRow("inside") << 7 << 20;
        QTest::newRow("bottom right") << 31 << 31;
    }

    void followsTheCanonicalLayout()
    {
        QFETCH(int, row);
        QFETCH(int, col);
        QByteArray px(3072, '\0');
        for (int i = 0; i < px.size(); ++i)
            px[i] = char((i * 7 + i / 96) & 0xff); // no two neighbours, rows or channels alike
        const QImage image = ui::candidateImage(px);
        QCOMPARE(image.size(), QSize(32, 32));
        const int at = (row * 32 + col) * 3;
        QCOMPARE(image.pixelColor(col, row), QColor(quint8(px[at]), quint8(px[at + 1]), quint8(px[at + 2])));
        // The same through the pointer overload, and a deep copy: later changes to the bytes do not show.
        const QImage fromPointer = ui::candidateImage(reinterpret_cast<const std::uint8_t *>(px.constData()));
        QCOMPARE(fromPointer, image);
        const QColor shown = image.pixelColor(col, row);
        px.fill('\x5a');
        QCOMPARE(image.pixelColor(col, row), shown);
        QCOMPARE(fromPointer.pixelColor(col, row), shown);
    }

    void wrongSizeIsNull_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::newRow("empty") << 0;
        QTest::newRow("one byte short") << 3071;
        QTest::newRow("one byte over") << 3073;
        QTest::newRow("grey") << 1024;
    }

    void wrongSizeIsNull()
    {
        QFETCH(int, bytes);
        QVERIFY(ui::candidateImage(QByteArray(bytes, 'x')).isNull());
        QVERIFY(ui::candidateImage(static_cast<const std::uint8_t *>(nullptr)).isNull());
    }
};

QTEST_MAIN(TestCandidateImage)
#include "TestCandidateImage.moc"
