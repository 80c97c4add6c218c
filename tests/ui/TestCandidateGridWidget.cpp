// The grid page widget on its own: clicks and keys toggle exactly the tile they point at, Enter asks for a
// commit, and the painted page shows the images and the reject marks.
#include "ui/CandidateGridWidget.h"

#include <QSignalSpy>
#include <QTest>

using tc::ui::CandidateGridWidget;

namespace {
// Tile i is a flat colour whose red channel encodes i: the painted pixel says which image landed where.
QList<QImage> flatImages(int n)
{
    QList<QImage> images;
    for (int i = 0; i < n; ++i) {
        QImage image(32, 32, QImage::Format_RGB888);
        image.fill(QColor(i * 3, 200, 60));
        images.append(image);
    }
    return images;
}
} // namespace

class TestCandidateGridWidget final : public QObject {
    Q_OBJECT
private slots:
    void clickTogglesTheTileUnderTheMouse();
    void arrowsMoveAndSpaceToggles();
    void arrowsStopAtTheEdges();
    void enterRequestsCommit();
    void paintsImagesAndRejectMarks();
};

void TestCandidateGridWidget::clickTogglesTheTileUnderTheMouse()
{
    CandidateGridWidget grid;
    grid.resize(8 * 68 + 4, 8 * 68 + 4);
    grid.setImages(flatImages(64));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(10).center());
    QCOMPARE(grid.rejectedMarks().count(true), 1);
    QVERIFY(grid.isRejected(10));
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(10).center());
    QCOMPARE(grid.rejectedMarks().count(true), 0);
    // A click in the gap between tiles decides nothing.
    QTest::mouseClick(&grid, Qt::LeftButton, {}, QPoint(1, 1));
    QCOMPARE(grid.rejectedMarks().count(true), 0);
}

void TestCandidateGridWidget::arrowsMoveAndSpaceToggles()
{
    CandidateGridWidget grid;
    grid.resize(600, 600);
    grid.setImages(flatImages(64));
    grid.show();
    QTest::keyClick(&grid, Qt::Key_Right);
    QTest::keyClick(&grid, Qt::Key_Right);
    QTest::keyClick(&grid, Qt::Key_Down);
    QTest::keyClick(&grid, Qt::Key_Space);
    QCOMPARE(grid.cursor(), 8 + 2);
    QVERIFY(grid.isRejected(10));
    QCOMPARE(grid.rejectedMarks().count(true), 1);
}

void TestCandidateGridWidget::arrowsStopAtTheEdges()
{
    CandidateGridWidget grid;
    grid.setImages(flatImages(10)); // 8 columns: the second row holds 2 tiles
    QTest::keyClick(&grid, Qt::Key_Left);
    QTest::keyClick(&grid, Qt::Key_Up);
    QCOMPARE(grid.cursor(), 0);
    for (int i = 0; i < 12; ++i)
        QTest::keyClick(&grid, Qt::Key_Right);
    QCOMPARE(grid.cursor(), 7);
    QTest::keyClick(&grid, Qt::Key_Down); // below column 7 there is no tile
    QCOMPARE(grid.cursor(), 7);
}

void TestCandidateGridWidget::enterRequestsCommit()
{
    CandidateGridWidget grid;
    grid.setImages(flatImages(4));
    QSignalSpy spy(&grid, &CandidateGridWidget::commitRequested);
    QTest::keyClick(&grid, Qt::Key_Return);
    QTest::keyClick(&grid, Qt::Key_Enter);
    QCOMPARE(spy.count(), 2);
}

void TestCandidateGridWidget::paintsImagesAndRejectMarks()
{
    CandidateGridWidget grid;
    grid.resize(8 * 68 + 4, 8 * 68 + 4);
    grid.setImages(flatImages(64));
    grid.toggle(5);
    const QImage shot = grid.grab().toImage();
    for (int i : {0, 17, 63}) {
        const QColor c = shot.pixelColor(grid.tileRect(i).topLeft() + QPoint(6, 3));
        QCOMPARE(c, QColor(i * 3, 200, 60));
    }
    // The rejected tile is darkened and crossed: its centre is red, its corner far darker than the image.
    const QRect r = grid.tileRect(5);
    QVERIFY(shot.pixelColor(r.center()).red() > 200);
    QVERIFY(shot.pixelColor(r.topLeft() + QPoint(r.width() - 12, 8)).green() < 120);
}

QTEST_MAIN(TestCandidateGridWidget)
#include "TestCandidateGridWidget.moc"
