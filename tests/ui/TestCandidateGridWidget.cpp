// The grid page widget on its own: clicks and keys change exactly the tile they point at, decided tiles start
// with their verdict and are painted in its colour, Enter asks for a commit, and the tiles use the space.
#include "ui/CandidateGridWidget.h"

#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>

using tc::core::Verdict;
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

int rejected(const CandidateGridWidget &grid)
{
    return int(grid.marks().count(Verdict::Reject));
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
    void decidedTilesStartWithTheirVerdict();
    void tilesUseTheSpace_data();
    void tilesUseTheSpace();
};

void TestCandidateGridWidget::clickTogglesTheTileUnderTheMouse()
{
    CandidateGridWidget grid;
    grid.resize(8 * 70 + 6, 8 * 70 + 6);
    grid.setImages(flatImages(64));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(10).center());
    QCOMPARE(rejected(grid), 1);
    QVERIFY(grid.isRejected(10));
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.tileRect(10).center());
    QCOMPARE(rejected(grid), 0);
    // A click in the gap between tiles decides nothing.
    QTest::mouseClick(&grid, Qt::LeftButton, {}, QPoint(1, 1));
    QCOMPARE(rejected(grid), 0);
}

void TestCandidateGridWidget::arrowsMoveAndSpaceToggles()
{
    CandidateGridWidget grid;
    grid.resize(600, 600);
    grid.setImages(flatImages(64));
    grid.show();
    QCOMPARE(grid.columns(), 8); // a square widget: 8x8
    QTest::keyClick(&grid, Qt::Key_Right);
    QTest::keyClick(&grid, Qt::Key_Right);
    QTest::keyClick(&grid, Qt::Key_Down);
    QTest::keyClick(&grid, Qt::Key_Space);
    QCOMPARE(grid.cursor(), 8 + 2);
    QVERIFY(grid.isRejected(10));
    QCOMPARE(rejected(grid), 1);
    QTest::keyClick(&grid, Qt::Key_Right);
    QTest::keyClick(&grid, Qt::Key_U);
    QCOMPARE(grid.mark(11), Verdict::Unsure);
    QTest::keyClick(&grid, Qt::Key_N);
    QCOMPARE(grid.mark(11), Verdict::Reject);
    QTest::keyClick(&grid, Qt::Key_Y);
    QCOMPARE(grid.mark(11), Verdict::Accept);
}

void TestCandidateGridWidget::arrowsStopAtTheEdges()
{
    CandidateGridWidget grid;
    grid.resize(600, 260);
    grid.setImages(flatImages(10));
    QCOMPARE(grid.columns(), 5); // 10 tiles in a wide widget: two rows of five
    QTest::keyClick(&grid, Qt::Key_Left);
    QTest::keyClick(&grid, Qt::Key_Up);
    QCOMPARE(grid.cursor(), 0);
    for (int i = 0; i < 12; ++i)
        QTest::keyClick(&grid, Qt::Key_Right);
    QCOMPARE(grid.cursor(), 4);
    QTest::keyClick(&grid, Qt::Key_Down);
    QCOMPARE(grid.cursor(), 9);
    QTest::keyClick(&grid, Qt::Key_Down); // below the last row there is no tile
    QCOMPARE(grid.cursor(), 9);
}

void TestCandidateGridWidget::enterRequestsCommit()
{
    CandidateGridWidget grid;
    grid.resize(400, 300);
    grid.setImages(flatImages(4));
    QSignalSpy spy(&grid, &CandidateGridWidget::commitRequested);
    // Not on screen yet (a second Enter typed before the next page was painted): nothing to commit.
    QTest::keyClick(&grid, Qt::Key_Return);
    QCOMPARE(spy.count(), 0);
    grid.show();
    QTRY_VERIFY(grid.isOnScreen());
    QTest::keyClick(&grid, Qt::Key_Return);
    QTest::keyClick(&grid, Qt::Key_Enter);
    QCOMPARE(spy.count(), 2);
    // A held Enter (auto-repeat) commits nothing more.
    QTest::keyPress(&grid, Qt::Key_Return);
    QKeyEvent repeat(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QString(), true);
    QCoreApplication::sendEvent(&grid, &repeat);
    QCOMPARE(spy.count(), 3);
    // A new page must be painted before Enter counts again.
    grid.setImages(flatImages(4));
    QTest::keyClick(&grid, Qt::Key_Return);
    QCOMPARE(spy.count(), 3);
    QTRY_VERIFY(grid.isOnScreen());
    QTest::keyClick(&grid, Qt::Key_Return);
    QCOMPARE(spy.count(), 4);
}

void TestCandidateGridWidget::paintsImagesAndRejectMarks()
{
    CandidateGridWidget grid;
    grid.resize(8 * 70 + 6, 8 * 70 + 6);
    grid.setImages(flatImages(64));
    grid.toggle(5);
    const QImage shot = grid.grab().toImage();
    for (int i : {0, 17, 63}) {
        const QColor c = shot.pixelColor(grid.tileRect(i).topLeft() + QPoint(12, 3));
        QCOMPARE(c, QColor(i * 3, 200, 60));
    }
    // The rejected tile is darkened and crossed: its centre is red, its corner far darker than the image.
    const QRect r = grid.tileRect(5);
    QVERIFY(shot.pixelColor(r.center()).red() > 200);
    QVERIFY(shot.pixelColor(r.topLeft() + QPoint(r.width() - 12, 8)).green() < 120);
}

// A page of already decided candidates must not look like (nor be committed as) fresh accepts.
void TestCandidateGridWidget::decidedTilesStartWithTheirVerdict()
{
    CandidateGridWidget grid;
    grid.resize(600, 300);
    const QList<Verdict> recorded{Verdict::None, Verdict::Reject, Verdict::Unsure, Verdict::Accept};
    grid.setImages(flatImages(4), recorded);
    QCOMPARE(grid.marks(), (QList<Verdict>{Verdict::Accept, Verdict::Reject, Verdict::Unsure, Verdict::Accept}));
    QCOMPARE(grid.isPending(0), true); // undecided: Enter records it
    QCOMPARE(grid.isPending(1), false);
    QCOMPARE(grid.isPending(3), false);
    grid.toggle(1); // reject -> accept: changed on this page
    QCOMPARE(grid.mark(1), Verdict::Accept);
    QCOMPARE(grid.isPending(1), true);
    grid.toggle(1);
    QCOMPARE(grid.isPending(1), false); // back to what was recorded
    // Drawn in the recorded verdict's colour: the frame of tile 1 (reject) is red, of tile 3 (accept) green.
    const QImage shot = grid.grab().toImage();
    const QColor rejectFrame = shot.pixelColor(grid.tileRect(1).topRight() + QPoint(-3, grid.tileRect(1).height() / 2));
    const QColor acceptFrame = shot.pixelColor(grid.tileRect(3).topRight() + QPoint(-3, grid.tileRect(3).height() / 2));
    QCOMPARE(rejectFrame, CandidateGridWidget::verdictColor(Verdict::Reject));
    QCOMPARE(acceptFrame, CandidateGridWidget::verdictColor(Verdict::Accept));
    // An undecided tile has no frame: the image's own colour reaches the edge.
    QCOMPARE(shot.pixelColor(grid.tileRect(0).topRight() + QPoint(-3, grid.tileRect(0).height() / 2)),
             QColor(0, 200, 60));
    // Marks given explicitly (a page brought back by undo) win over the recorded verdicts.
    grid.setImages(flatImages(4), recorded, {Verdict::Reject, Verdict::Reject, Verdict::Accept, Verdict::Accept});
    QCOMPARE(grid.marks(), (QList<Verdict>{Verdict::Reject, Verdict::Reject, Verdict::Accept, Verdict::Accept}));
}

void TestCandidateGridWidget::tilesUseTheSpace_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("tiles");
    QTest::addColumn<int>("minSide"); // the largest integer multiple of 32 that can fit, worked out by hand
    QTest::newRow("1600x1000 window's grid, 64 tiles") << QSize(1560, 760) << 64 << 96;
    QTest::newRow("square 600, 64 tiles") << QSize(600, 600) << 64 << 64;
    QTest::newRow("short page of 5") << QSize(1200, 700) << 5 << 224;
    QTest::newRow("tiny: fractional below 32") << QSize(300, 150) << 64 << 10;
}

// Tiles are the largest integer multiple of 32 px that fits (columns re-flow to the shape), never the old fixed
// 64 px in a big window, and the page still fits.
void TestCandidateGridWidget::tilesUseTheSpace()
{
    QFETCH(QSize, size);
    QFETCH(int, tiles);
    QFETCH(int, minSide);
    CandidateGridWidget grid;
    grid.resize(size);
    grid.setImages(flatImages(tiles));
    const int side = grid.tileSide();
    QVERIFY2(side >= minSide, qPrintable(QString::number(side)));
    if (side >= 32)
        QCOMPARE(side % 32, 0);
    const QRect all = QRect(QPoint(0, 0), size);
    for (int i = 0; i < tiles; ++i)
        QVERIFY(all.contains(grid.tileRect(i)));
    // The next multiple of 32 would not fit with any column count.
    const int next = side + 32;
    bool fits = false;
    for (int c = 1; c <= tiles; ++c) {
        const int rows = (tiles + c - 1) / c;
        fits = fits || (c * (next + 6) + 6 <= size.width() && rows * (next + 6) + 6 <= size.height());
    }
    QVERIFY(side < 32 || !fits);
    // Re-flow on resize.
    grid.resize(size / 2);
    QVERIFY(grid.tileSide() < side || side <= 10);
}

QTEST_MAIN(TestCandidateGridWidget)
#include "TestCandidateGridWidget.moc"
