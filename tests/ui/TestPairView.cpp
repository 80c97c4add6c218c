// The pair view's captions: whole when they fit, elided in the middle (keeping the index at the end) when
// the view is narrow, and then the tooltip over the caption gives the whole text.
#include "ui/PairView.h"

#include <QHelpEvent>
#include <QTest>
#include <QToolTip>

using namespace tc::ui;

class TestPairView final : public QObject {
    Q_OBJECT
private slots:
    void captions_data();
    void captions();
    void alignmentWrapsBeforeEliding();
};

void TestPairView::captions_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("whole");
    QTest::newRow("roomy") << QSize(700, 400) << true;
    QTest::newRow("narrow") << QSize(220, 160) << false;
}

void TestPairView::captions()
{
    QFETCH(QSize, size);
    QFETCH(bool, whole);
    PairView view;
    QImage image(32, 32, QImage::Format_RGB888);
    image.fill(Qt::gray);
    view.setImages(image, image);
    const QString candidate = QStringLiteral("Tiny #79302016");
    const QString reference = QStringLiteral("cifar10-train #49999");
    view.setCaptions(candidate, reference);
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.caption(0), candidate);
    QCOMPARE(view.caption(1), reference);
    if (whole) {
        QCOMPARE(view.shownCaption(0), candidate);
        QCOMPARE(view.shownCaption(1), reference);
        return;
    }
    // The name gives way, the index stays.
    const QString shown = view.shownCaption(1);
    QVERIFY2(shown != reference && shown.contains(QChar(0x2026)), qPrintable(shown));
    QVERIFY2(shown.endsWith(QStringLiteral("\u2026 #49999")), qPrintable(shown));
    QVERIFY2(view.fontMetrics().horizontalAdvance(shown) <= view.captionRect(1).width(), qPrintable(shown));
    // The tooltip over the elided caption has it whole.
    const QPoint below = view.captionRect(1).center();
    QHelpEvent help(QEvent::ToolTip, below, view.mapToGlobal(below));
    QCoreApplication::sendEvent(&view, &help);
    QTRY_COMPARE(QToolTip::text(), reference);
}

// A pair matched under a transform says so under the reference and under the difference; at the width a
// 1400 px review window gives the pane, both captions take two lines rather than eliding the words.
void TestPairView::alignmentWrapsBeforeEliding()
{
    PairView view;
    QImage image(32, 32, QImage::Format_RGB888);
    image.fill(Qt::gray);
    view.setImages(image, image, image, QStringLiteral("mirrored, shifted 2 px up"));
    view.setCaptions(QStringLiteral("Tiny #1465"), QStringLiteral("cifar10-test #1234 (mirrored, shifted 2 px up)"));
    view.setExtra(PairView::Extra::Difference);
    view.resize(3 * view.fontMetrics().horizontalAdvance(QStringLiteral("reference mirrored, shifted 2 px up")) + 60,
                400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString extra = view.caption(2);
    QCOMPARE(extra, QStringLiteral("|difference| x4, reference mirrored, shifted 2 px up"));
    QVERIFY2(view.fontMetrics().horizontalAdvance(extra) > view.captionRect(2).width(), "the test needs a narrow pane");
    QCOMPARE(view.shownCaption(2), QStringLiteral("|difference| x4,\nreference mirrored, shifted 2 px up"));
    const QString reference = view.shownCaption(1);
    QVERIFY2(!reference.contains(QChar(0x2026)) && reference.endsWith(QStringLiteral("\n(mirrored, shifted 2 px up)")),
             qPrintable(reference));
}

QTEST_MAIN(TestPairView)
#include "TestPairView.moc"
