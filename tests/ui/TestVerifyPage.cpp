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

#include <QCheckBox>
#include <QComboBox>
#include <QRandomGenerator>
#include <QSet>
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
    void positionLabelIsExactAfterEveryKey_data();
    void positionLabelIsExactAfterEveryKey();
    void positionAfterGridPagesAndOutsideDecisions();
    void readAheadFollowsUndoAndTheFilterEnd();
    void skipKeywordsWhoseQuotaIsMet();

private:
    void openPage();
    qint64 currentId() const { return m_session->current().value_or(-1); }
    // The position text the view must show for the current candidate, from core's own counts.
    QString countedPosition() const;
    // The quota text for the current candidate's keyword: accepted counted with plain SQL on final_state.
    QString countedQuota() const;

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
    // Right and PgDn move on without deciding: only Y, N, U record anything.
    const QList<Qt::Key> keys{Qt::Key_Y, Qt::Key_N, Qt::Key_U, Qt::Key_Right, Qt::Key_PageDown, Qt::Key_Y};
    for (Qt::Key key : keys) {
        shown << currentId();
        QTest::keyClick(view, key);
    }
    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 4);
    const int expected[] = {1, 2, 3, 1}; // accept, reject, unsure, (two moves), accept
    const int shownIndex[] = {0, 1, 2, 5};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(log[i].candidateId, shown[shownIndex[i]]);
        QCOMPARE(log[i].verdict, expected[i]);
        QCOMPARE(log[i].annotator, QStringLiteral("alice"));
        QCOMPARE(log[i].viewMode, QStringLiteral("single"));
    }
    QCOMPARE(m_project->verdict(shown[3], QStringLiteral("alice")), core::Verdict::None);
    QCOMPARE(m_project->verdict(shown[4], QStringLiteral("alice")), core::Verdict::None);
    // One key, one step: six distinct candidates in filter (Tiny Images) order.
    for (int i = 1; i < 6; ++i)
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
    auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 2); // back itself decides nothing
    QCOMPARE(log[1].candidateId, first);
    QCOMPARE(log[1].verdict, 2);
    // Back to look, forward again: the reject stays a reject (Right used to mean accept).
    QTest::keyClick(m_page->singleView(), Qt::Key_Left);
    QCOMPARE(currentId(), first);
    QVERIFY(m_page->singleView()->verdictText().startsWith(QStringLiteral("REJECTED by alice")));
    QTest::keyClick(m_page->singleView(), Qt::Key_Right);
    QCOMPARE(currentId(), second);
    QTest::keyClick(m_page->singleView(), Qt::Key_PageUp);
    QTest::keyClick(m_page->singleView(), Qt::Key_PageDown);
    QCOMPARE(currentId(), second);
    log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 2);
    QCOMPARE(m_project->verdict(first, QStringLiteral("alice")), core::Verdict::Reject);
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
    QVERIFY(page.size() > 5);
    // One keyword per page: the page ends where its keyword ends (world-small's keywords hold about 20).
    const qint64 keyword = m_project->candidate(page.constFirst())->keywordId;
    for (qint64 id : page)
        QCOMPARE(m_project->candidate(id)->keywordId, keyword);
    QCOMPARE(page.size(), m_project->candidateCount({0, keyword, core::VerdictFilter::Any, {}}));
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(1).center()); // reject tile 1
    QTest::keyClick(grid, Qt::Key_Right);                                    // cursor 1 -> 2
    QTest::keyClick(grid, Qt::Key_Space);                                    // reject tile 2
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(4).center());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(4).center()); // toggled back to accept
    QVERIFY(m_page->gridView()->summaryText().contains(QStringLiteral("%1 accept, 2 reject").arg(page.size() - 2)));
    QTRY_VERIFY(m_page->gridView()->grid()->isOnScreen()); // the annotator has the page in front of them
    QTest::keyClick(grid, Qt::Key_Return);

    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), page.size());
    for (int i = 0; i < page.size(); ++i) {
        QCOMPARE(log[i].candidateId, page[i]);
        QCOMPARE(log[i].verdict, (i == 1 || i == 2) ? 2 : 1);
        QCOMPARE(log[i].viewMode, QStringLiteral("grid"));
    }
    // The next page opened: the next keyword, right after the committed one.
    const QList<qint64> next = m_page->pageIds();
    QVERIFY(!next.isEmpty());
    QVERIFY(!page.contains(next.constFirst()));
    QVERIFY(m_project->candidate(next.constFirst())->keywordId != keyword);
    QCOMPARE(next.constFirst(), m_project->candidateIds(m_session->filter(), page.constLast(), 1).value(0));
    QCOMPARE(grid->marks().count(core::Verdict::Reject), 0); // a fresh undecided page starts as accept
}

void TestVerifyPage::gridUndoReopensThePage()
{
    m_page->setMode(VerifyPage::Mode::Grid);
    auto *grid = m_page->gridView()->grid();
    const QList<qint64> page = m_page->pageIds();
    grid->toggle(2);
    grid->setMark(3, core::Verdict::Unsure);
    const QList<core::Verdict> marks = grid->marks();
    QTRY_VERIFY(m_page->gridView()->grid()->isOnScreen()); // the annotator has the page in front of them
    QTest::keyClick(grid, Qt::Key_Enter);
    QVERIFY(m_page->pageIds() != page);
    QVERIFY(m_page->undo());
    QCOMPARE(m_page->pageIds(), page);
    QCOMPARE(grid->marks(), marks); // back with its reject and unsure marks, not all accept
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

QString TestVerifyPage::countedPosition() const
{
    const core::CandidateFilter filter = m_session->filter();
    const qint64 row = m_project->rowOf(filter, currentId());
    const qint64 size = m_project->candidateCount(filter);
    return row >= 0 ? QStringLiteral("Candidate %1 of %2").arg(row + 1).arg(size)
                    : QStringLiteral("Outside this filter (%1 candidates in it)").arg(size);
}

QString TestVerifyPage::countedQuota() const
{
    core::Database db;
    if (!db.open(m_path, core::Database::OpenMode::ReadOnly))
        return {};
    core::Statement q(db,
                      QStringLiteral("SELECT count(*) FROM final_state f JOIN candidates c ON c.id = f.candidate_id "
                                     "WHERE f.verdict = 1 AND c.keyword_id = "
                                     "(SELECT keyword_id FROM candidates WHERE id = ?1)"));
    q.bind(1, currentId());
    const qint64 accepted = q.next() ? q.int64(0) : -1;
    const qint64 quota = m_project->keywordQuotas().value(m_project->candidate(currentId())->keywordId);
    const QString text = QStringLiteral("%1 of %2 accepted for this keyword").arg(accepted).arg(quota);
    if (accepted == quota)
        return QStringLiteral("Quota met: ") + text;
    if (accepted > quota)
        return QStringLiteral("OVER QUOTA by %1: %2").arg(accepted - quota).arg(text);
    return text;
}

void TestVerifyPage::positionLabelIsExactAfterEveryKey_data()
{
    QTest::addColumn<int>("verdict"); // core::VerdictFilter
    QTest::addColumn<int>("scope");   // 0 all, 1 the second class, 2 one keyword
    QTest::addColumn<quint32>("seed");
    QTest::newRow("all candidates") << int(core::VerdictFilter::Any) << 0 << 1u;
    QTest::newRow("undecided") << int(core::VerdictFilter::Undecided) << 0 << 2u;
    QTest::newRow("accepted") << int(core::VerdictFilter::Accepted) << 0 << 3u;
    QTest::newRow("rejected, one class") << int(core::VerdictFilter::Rejected) << 1 << 4u;
    QTest::newRow("decided") << int(core::VerdictFilter::Decided) << 0 << 5u;
    QTest::newRow("undecided, one class") << int(core::VerdictFilter::Undecided) << 1 << 6u;
    QTest::newRow("all, one keyword") << int(core::VerdictFilter::Any) << 2 << 7u;
    QTest::newRow("undecided, one keyword") << int(core::VerdictFilter::Undecided) << 2 << 8u;
    QTest::newRow("unsure") << int(core::VerdictFilter::Unsure) << 0 << 9u;
    QTest::newRow("rejected, one keyword") << int(core::VerdictFilter::Rejected) << 2 << 10u;
}

// A seeded random walk of Y/N/U/Left/undo through a filter: after every key the position label must be the
// figure core counts, shown at once (the view counts only after a pause; this checks the bookkeeping that
// stands in for counting until then), and never a placeholder while the session knows the way.
void TestVerifyPage::positionLabelIsExactAfterEveryKey()
{
    QFETCH(int, verdict);
    QFETCH(int, scope);
    QFETCH(quint32, seed);
    // Earlier verdicts of alice's (and one of bob's), so that every verdict filter starts non-empty.
    const QList<qint64> first = m_project->candidateIds({}, 0, 90);
    for (int i = 0; i < first.size(); i += 2)
        QVERIFY(m_project->recordDecision(first[i], core::Verdict(1 + i % 3), QStringLiteral("alice")));
    QVERIFY(m_project->recordDecision(first[1], core::Verdict::Reject, QStringLiteral("bob")));
    core::CandidateFilter filter;
    filter.verdict = core::VerdictFilter(verdict);
    const auto classes = m_project->classes();
    if (scope == 1)
        filter.classId = classes.at(0).id; // the class the earlier verdicts fell in
    if (scope == 2)
        filter.keywordId = m_project->candidate(first[10])->keywordId;
    m_session->setFilter(filter);
    QVERIFY(m_session->current());
    QCOMPARE(m_page->singleView()->positionText(), countedPosition());

    QRandomGenerator random(seed);
    auto *view = m_page->singleView();
    int steps = 0, outside = 0, undos = 0, ends = 0;
    for (; steps < 150; ++steps) {
        const int pick = int(random.bounded(100));
        if (!m_session->current()) {
            ++ends; // past the filter's end: back into it
            QTest::keyClick(view, Qt::Key_Left);
        } else if (pick < 35) {
            QTest::keyClick(view, Qt::Key_Y);
        } else if (pick < 55) {
            QTest::keyClick(view, Qt::Key_N);
        } else if (pick < 62) {
            QTest::keyClick(view, Qt::Key_U);
        } else if (pick < 74) {
            QTest::keyClick(view, Qt::Key_Left);
        } else if (pick < 82) {
            QTest::keyClick(view, pick % 2 ? Qt::Key_Right : Qt::Key_PageDown); // moves, decides nothing
        } else {
            undos += m_page->undo() ? 1 : 0; // what Ctrl+Z calls (the shortcut lives on the main window)
        }
        if (pick % 4 == 0)
            QCoreApplication::processEvents(); // sometimes the idle read-ahead runs between keys
        if (!m_session->current())
            continue;
        const QString expected = countedPosition();
        outside += expected.startsWith(QStringLiteral("Outside")) ? 1 : 0;
        QVERIFY2(m_session->position().known, qPrintable(QStringLiteral("step %1").arg(steps)));
        QCOMPARE(view->positionText(), expected);
        QCOMPARE(view->quotaText(), countedQuota()); // the keyword's accepted count, also kept by bookkeeping
    }
    qDebug("%d undos, %d times outside the filter, %d times past its end", undos, outside, ends);
    QVERIFY(undos > 0);
    if (filter.verdict != core::VerdictFilter::Any)
        QVERIFY(outside > 0); // back or undo reached candidates the filter no longer holds
    if (m_session->current())
        m_session->refreshPosition();
    QCOMPARE(m_session->positionCorrections(), 0);
}

void TestVerifyPage::positionAfterGridPagesAndOutsideDecisions()
{
    QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    QCOMPARE(m_page->singleView()->positionText(),
             QStringLiteral("Candidate 2 of %1").arg(m_project->candidateCount()));
    // A grid page commits 64 verdicts: back in single mode the figure is counted, not carried over.
    core::CandidateFilter undecided;
    undecided.verdict = core::VerdictFilter::Undecided;
    m_session->setFilter(undecided);
    m_page->setMode(VerifyPage::Mode::Grid);
    QTRY_VERIFY(m_page->gridView()->grid()->isOnScreen()); // the annotator has the page in front of them
    QTest::keyClick(m_page->gridView()->grid(), Qt::Key_Return);
    m_page->setMode(VerifyPage::Mode::Single);
    QCOMPARE(m_page->singleView()->positionText(), countedPosition());
    QTest::keyClick(m_page->singleView(), Qt::Key_N);
    QCOMPARE(m_page->singleView()->positionText(), countedPosition());
    // Decisions made outside the session (here: straight through core) leave it unable to tell: a
    // placeholder until the pause counts, never the old figure shifted by guesswork.
    const QList<qint64> ahead = m_project->candidateIds(m_session->filter(), currentId(), 5);
    for (qint64 id : ahead)
        QVERIFY(m_project->recordDecision(id, core::Verdict::Accept, QStringLiteral("alice")));
    QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    QVERIFY(!m_session->position().known);
    QCOMPARE(m_page->singleView()->positionText(), QStringLiteral("Candidate ... of ..."));
    QVERIFY(!ahead.contains(currentId())); // the ids read ahead were dropped with the rest
    QTRY_COMPARE(m_page->singleView()->positionText(), countedPosition());
    QTest::keyClick(m_page->singleView(), Qt::Key_Y);
    QCOMPARE(m_page->singleView()->positionText(), countedPosition());
    QCOMPARE(m_session->positionCorrections(), 0);
}

// The ids read ahead must never send the view to a candidate the filter no longer holds, nor loop: walk one
// keyword's undecided candidates to the end, undo back into it, and walk out again.
void TestVerifyPage::readAheadFollowsUndoAndTheFilterEnd()
{
    core::CandidateFilter filter;
    filter.verdict = core::VerdictFilter::Undecided;
    filter.keywordId = m_project->candidate(currentId())->keywordId;
    m_session->setFilter(filter);
    const qint64 total = m_project->candidateCount(m_session->filter());
    QVERIFY(total > 3);
    auto *view = m_page->singleView();
    QList<qint64> seen;
    while (m_session->current() && seen.size() <= total) {
        seen << currentId();
        QTest::keyClick(view, Qt::Key_Y);
        QCoreApplication::processEvents();
    }
    QCOMPARE(seen.size(), total); // each undecided candidate once, then the end
    QCOMPARE(QSet<qint64>(seen.begin(), seen.end()).size(), total);
    QVERIFY(!m_session->current());
    QVERIFY(m_page->undo());
    QCOMPARE(currentId(), seen.constLast());
    QCOMPARE(m_page->singleView()->positionText(), QStringLiteral("Candidate 1 of 1"));
    QVERIFY(m_page->undo());
    QCOMPARE(currentId(), seen.at(seen.size() - 2));
    QCOMPARE(m_page->singleView()->positionText(), countedPosition());
    QTest::keyClick(view, Qt::Key_N);
    QCOMPARE(currentId(), seen.constLast());
    QCOMPARE(m_page->singleView()->positionText(), countedPosition());
    QTest::keyClick(view, Qt::Key_N);
    QVERIFY(!m_session->current());
    QCOMPARE(m_project->candidateCount(m_session->filter()), 0);
}

// "Skip keywords whose quota is met": on by default, grid pages and the suggestion pass over a met keyword;
// unchecked (a project setting, kept in the file), the met keyword's page is shown and may be suggested.
void TestVerifyPage::skipKeywordsWhoseQuotaIsMet()
{
    QVERIFY(m_project->setTargetPerClass(10));
    const core::ClassInfo cls = m_project->classes().constFirst();
    core::CandidateFilter inClass;
    inClass.classId = cls.id;
    const QHash<qint64, qint64> quotas = m_project->keywordQuotas();
    // Meet every quota of the first class but leave undecided candidates in each keyword.
    qint64 firstKeyword = 0;
    for (const auto &k : m_project->keywords(cls.id)) {
        if (k.absent || k.candidates == 0)
            continue;
        firstKeyword = firstKeyword ? firstKeyword : k.id;
        core::CandidateFilter one;
        one.keywordId = k.id;
        const QList<qint64> ids = m_project->candidateIds(one, 0, int(quotas.value(k.id)));
        for (qint64 id : ids)
            QVERIFY(m_project->recordDecision(id, core::Verdict::Accept, QStringLiteral("bob")));
    }
    QVERIFY(firstKeyword != 0);
    QCOMPARE(m_project->nextSuggestedKeyword(cls.id, QStringLiteral("alice"), true), std::nullopt);
    QVERIFY(m_project->nextSuggestedKeyword(cls.id, QStringLiteral("alice"), false).has_value());

    m_page->classBox()->setCurrentIndex(m_page->classBox()->findData(cls.id));
    m_page->setMode(VerifyPage::Mode::Grid);
    QVERIFY(m_page->skipMetBox()->isChecked());
    QVERIFY(m_page->pageIds().isEmpty()); // every keyword of the class is met: nothing to page through
    QVERIFY(m_page->suggestionText().startsWith(QStringLiteral("Every keyword quota")));
    QTest::mouseClick(m_page->skipMetBox(), Qt::LeftButton);
    QVERIFY(!m_page->skipMetBox()->isChecked());
    QCOMPARE(m_project->setting(QStringLiteral("skip_met_quotas")), QStringLiteral("0"));
    QVERIFY(!m_page->pageIds().isEmpty());
    QCOMPARE(m_project->candidate(m_page->pageIds().constFirst())->keywordId, firstKeyword);
    QVERIFY(m_page->gridView()->quotaText().startsWith(QStringLiteral("OVER QUOTA")));
    QVERIFY(m_page->suggestionText().startsWith(QStringLiteral("Next suggested keyword")));
    // The setting is the project's: a new session (another annotator, a reopened file) follows it.
    openPage();
    QVERIFY(!m_page->skipMetBox()->isChecked());
}

QTEST_MAIN(TestVerifyPage)
#include "TestVerifyPage.moc"
