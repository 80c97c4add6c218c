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

QTEST_MAIN(TestPairView)
#include "TestPairView.moc"
