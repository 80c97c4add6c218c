// The verify tab driven like an annotator drives it: key presses in single mode and clicks/keys in grid
// mode, checked against the decision log read back from SQLite with plain SQL and against the raw
// Tiny Images record of the candidate shown.
#include "tests/ui/VerifyTestProject.h"
#include "ui/CandidateGridWidget.h"
#include "ui/CandidateImageWidget.h"
#include "ui/GridModeView.h"
#include "ui/SingleModeView.h"
#include "ui/VerifyPage.h"
#include "ui/VerifySession.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace tc;
using ui::VerifyPage;

class TestVerifyPage final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void singleModeKeysLandInSqlite();
    void showsThePixelsOfTheCandidateDecided();
    void backThenRedecideChangesTheEarlierCandidate();
    void undoIsPersistedAndShowsTheCandidateAgain();
    void gridClicksAndKeysThenEnterCommitOnePage();
    void gridUndoReopensThePage();
    void verdictFilterSkipsDecidedCandidates();
    void imageAreaIsNotBlank();

private:
    void openPage();
    qint64 currentId() const { return m_session->current().value_or(-1); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<core::Project> m_project;
    std::unique_ptr<ui::VerifySession> m_session;
    std::unique_ptr<VerifyPage> m_page;
};

void TestVerifyPage::init()
{
    TC_REQUIRE_SHARED();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("world.tcproj"));
    const QString error = test::makeWorldSmallProject(m_path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    openPage();
}

void TestVerifyPage::openPage()
{
    m_page.reset();
    m_session.reset();
    m_project = std::make_unique<core::Project>();
    QVERIFY2(m_project->open(m_path), qPrintable(m_project->errorString()));
    m_session = std::make_unique<ui::VerifySession>(m_project.get(), QStringLiteral("alice"));
    m_page = std::make_unique<VerifyPage>();
    m_page->setSession(m_session.get());
    m_page->resize(1200, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestVerifyPage::cleanup()
{
    m_page.reset();
    m_session.reset();
    m_project.reset();
    m_dir.reset();
}

void TestVerifyPage::singleModeKeysLandInSqlite()
{
    QList<qint64> shown;
    auto *view = m_page->singleView();
    const QList<Qt::Key> keys{Qt::Key_Y, Qt::Key_N, Qt::Key_U, Qt::Key_Right};
    for (Qt::Key key : keys) {
        shown << currentId();
        QTest::keyClick(view, key);
    }
    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 4);
    const int expected[] = {1, 2, 3, 1}; // accept, reject, unsure, accept (Right)
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(log[i].candidateId, shown[i]);
        QCOMPARE(log[i].verdict, expected[i]);
        QCOMPARE(log[i].annotator, QStringLiteral("alice"));
        QCOMPARE(log[i].viewMode, QStringLiteral("single"));
    }
    // One key, one decision, one step: four distinct candidates in filter (Tiny Images) order.
    for (int i = 1; i < 4; ++i)
        QVERIFY(test::tinyIndexOf(m_path, shown[i]) > test::tinyIndexOf(m_path, shown[i - 1]));
}

void TestVerifyPage::showsThePixelsOfTheCandidateDecided()
{
    for (int step = 0; step < 3; ++step) {
        const qint64 id = currentId();
        const QImage expected = test::tinyRecord(test::tinyIndexOf(m_path, id));
        QVERIFY(!expected.isNull());
        QCOMPARE(m_page->singleView()->imageWidget()->image().convertToFormat(QImage::Format_RGB888), expected);
        QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    }
}

void TestVerifyPage::backThenRedecideChangesTheEarlierCandidate()
{
    const qint64 first = currentId();
    QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    const qint64 second = currentId();
    QTest::keyClick(m_page->singleView(), Qt::Key_Left);
    QCOMPARE(currentId(), first);
    QTest::keyClick(m_page->singleView(), Qt::Key_N);
    QCOMPARE(currentId(), second); // forward again along what was seen
    QCOMPARE(m_project->verdict(first, QStringLiteral("alice")), core::Verdict::Reject);
    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 2); // back itself decides nothing
    QCOMPARE(log[1].candidateId, first);
    QCOMPARE(log[1].verdict, 2);
}

void TestVerifyPage::undoIsPersistedAndShowsTheCandidateAgain()
{
    const qint64 first = currentId();
    QTest::keyClick(m_page->singleView(), Qt::Key_N);
    const qint64 second = currentId();
    QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    QVERIFY(m_page->undo());
    QCOMPARE(currentId(), second);
    QVERIFY(m_page->undo());
    QCOMPARE(currentId(), first);
    QVERIFY(!m_page->undo()); // nothing left
    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 4); // history is appended to, never deleted
    QCOMPARE(log[2].verdict, 0);
    QCOMPARE(log[3].verdict, 0);
    // The undo survives reopening the file.
    openPage();
    QCOMPARE(m_project->verdict(first, QStringLiteral("alice")), core::Verdict::None);
    QCOMPARE(m_project->verdict(second, QStringLiteral("alice")), core::Verdict::None);
    QCOMPARE(currentId(), first);
}

void TestVerifyPage::gridClicksAndKeysThenEnterCommitOnePage()
{
    m_page->setMode(VerifyPage::Mode::Grid);
    auto *grid = m_page->gridView()->grid();
    const QList<qint64> page = m_page->pageIds();
    QCOMPARE(page.size(), 64);
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(9).center()); // reject tile 9
    QTest::keyClick(grid, Qt::Key_Right);                                    // cursor 9 -> 10
    QTest::keyClick(grid, Qt::Key_Space);                                    // reject tile 10
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(40).center());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(40).center()); // toggled back to accept
    QTest::keyClick(grid, Qt::Key_Return);

    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 64);
    for (int i = 0; i < 64; ++i) {
        QCOMPARE(log[i].candidateId, page[i]);
        QCOMPARE(log[i].verdict, (i == 9 || i == 10) ? 2 : 1);
        QCOMPARE(log[i].viewMode, QStringLiteral("grid"));
    }
    // The next page opened and starts right after the committed one.
    const QList<qint64> next = m_page->pageIds();
    QVERIFY(!next.isEmpty());
    QVERIFY(!page.contains(next.constFirst()));
    QVERIFY(test::tinyIndexOf(m_path, next.constFirst()) > test::tinyIndexOf(m_path, page.constLast()));
    QCOMPARE(grid->rejectedMarks().count(true), 0); // a fresh page is all accept
}

void TestVerifyPage::gridUndoReopensThePage()
{
    m_page->setMode(VerifyPage::Mode::Grid);
    const QList<qint64> page = m_page->pageIds();
    QTest::keyClick(m_page->gridView()->grid(), Qt::Key_Enter);
    QVERIFY(m_page->pageIds() != page);
    QVERIFY(m_page->undo());
    QCOMPARE(m_page->pageIds(), page);
    for (qint64 id : page)
        QCOMPARE(m_project->verdict(id, QStringLiteral("alice")), core::Verdict::None);
}

void TestVerifyPage::verdictFilterSkipsDecidedCandidates()
{
    const qint64 first = currentId();
    QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    const qint64 second = currentId();
    core::CandidateFilter accepted;
    accepted.verdict = core::VerdictFilter::Accepted;
    m_session->setFilter(accepted);
    QCOMPARE(currentId(), first);
    QCOMPARE(m_project->candidateCount({0, 0, core::VerdictFilter::Accepted, QStringLiteral("alice")}), 1);
    core::CandidateFilter undecided;
    undecided.verdict = core::VerdictFilter::Undecided;
    m_session->setFilter(undecided);
    QCOMPARE(currentId(), second);
}

void TestVerifyPage::imageAreaIsNotBlank()
{
    const QImage shot = m_page->singleView()->imageWidget()->grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 4)
        for (int x = 0; x < shot.width(); x += 4)
            colours.insert(shot.pixel(x, y));
    // A real photo upscaled yields many colours; a blank or placeholder area yields one or two.
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
}

QTEST_MAIN(TestVerifyPage)
#include "TestVerifyPage.moc"
