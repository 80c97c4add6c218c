// The duplicates tab: keys mark pairs in the project, undo restores them, the threshold slider drives the
// counts and the histograms, exact duplicates show as groups (exact copies of an exclude set there, never
// in the queue), and the pane always shows the selected row, which is the pair D marks.
#include "ReviewTestProject.h"
#include "core/dedup/CandidateName.h"
#include "core/dedup/ExactGroupModel.h"
#include "core/dedup/PairListModel.h"
#include "ui/ExactGroupsView.h"
#include "ui/HistogramChart.h"
#include "ui/PairDetails.h"
#include "ui/PairView.h"
#include "ui/ReviewStatsPanel.h"
#include "ui/ReviewView.h"
#include "ui/SearchOptionsBar.h"
#include "ui/ThresholdBar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <numeric>

using namespace tc;

class TestReviewView final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsFlaggedPairsMostSimilarFirst();
    void keysMarkDuplicateAndDistinct_data();
    void keysMarkDuplicateAndDistinct();
    void distinctPairsReturnWhenShowReviewed();
    void undoRestoresThePair();
    void sliderChangesTheCounts_data();
    void sliderChangesTheCounts();
    void histogramHoldsEveryCandidate();
    void exactDuplicatesShowAsGroups();
    void exactCopiesOfAnExcludeSetAreNotInTheQueue();
    void paneFollowsTheSelection_data();
    void paneFollowsTheSelection();
    void referenceSetFilterListsOneSet();
    void searchOptionsReachTheRunner();

private:
    qint64 expectedFlagged(double ssim, double l2) const;
    // What the user sees: the pane shows the selected row's pair (names under the images, details), or
    // nothing with D/K disabled when no row is selected. Empty when so, else what is wrong.
    QString paneMatchesSelection() const;
    qint64 reviewCount() const;
    void clickHeader(int column);
    bool runSearch(bool gaussian, bool exhaustive, int topK);
    // Stored pairs of a set: candidate id, reference index, SSIM.
    QList<std::tuple<qint64, qint32, double>> storedPairs(qint64 setId);
    // skimage's (uniform, Gaussian) SSIM of each pair, from Debian's python3-skimage.
    QList<QPair<double, double>> skimage(const QList<std::tuple<qint64, qint32, double>> &pairs, qint64 setId);

    QTemporaryDir m_dir;
    std::unique_ptr<core::Project> m_project;
    std::unique_ptr<ui::ReviewView> m_view;
    QList<test::SeededPair> m_pairs;
};

void TestReviewView::init()
{
    TC_REQUIRE_SHARED();
    m_project = std::make_unique<core::Project>();
    QString error;
    static int serial = 0; // one fresh project per test row
    const QString path = m_dir.filePath(QStringLiteral("review-%1.tcproj").arg(++serial));
    QVERIFY2(test::importWorldSmall(*m_project, path, &error), qPrintable(error));
    const QList<qint64> ids = m_project->candidateIds({}, 0, 8);
    QCOMPARE(ids.size(), 8);
    // Above and below the default 0.75: five pairs are flagged by SSIM, L2 = 300 (i + 1) adds none at 1000
    // beyond i = 0..2, which SSIM already flags.
    m_pairs = test::seedPairs(*m_project, ids, {0.99, 0.93, 0.88, 0.81, 0.76, 0.74, 0.52, 0.31});
    m_view = std::make_unique<ui::ReviewView>();
    m_view->resize(1400, 800);
    m_view->setProject(m_project.get(), QStringLiteral("tester"));
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_view->pairTable()->setFocus();
}

void TestReviewView::cleanup()
{
    m_view.reset();
    m_project.reset();
}

qint64 TestReviewView::expectedFlagged(double ssim, double l2) const
{
    return std::count_if(m_pairs.begin(), m_pairs.end(),
                         [&](const test::SeededPair &p) { return p.ssim >= ssim || p.l2 <= l2; });
}

void TestReviewView::listsFlaggedPairsMostSimilarFirst()
{
    ui::ReviewSession *s = m_view->session();
    QAbstractItemModelTester tester(s->pairModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(s->pairCount(), 5);
    for (int row = 0; row < s->pairCount(); ++row) {
        const ui::PairCard card = s->card(row);
        QCOMPARE(card.candidateId, m_pairs[row].candidateId);
        QCOMPARE(card.ssim, m_pairs[row].ssim);
        QCOMPARE(card.setName, QStringLiteral("refs"));
        QCOMPARE(card.referenceClass, QStringList({"airplane", "automobile", "bird", "cat", "deer"})[row]);
        QCOMPARE(card.candidate.size(), QSize(32, 32));
        QCOMPARE(card.reference.size(), QSize(32, 32));
        // The reference is the candidate shifted by row + 1 grey levels (seedPairs), so the pane shows real pixels.
        QCOMPARE(qRed(card.reference.pixel(0, 0)), std::min(255, qRed(card.candidate.pixel(0, 0)) + row + 1));
    }
    QCOMPARE(m_view->currentRow(), 0);
}

void TestReviewView::keysMarkDuplicateAndDistinct_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("status");
    QTest::newRow("D duplicate") << int(Qt::Key_D) << 1;
    QTest::newRow("K distinct") << int(Qt::Key_K) << 2;
    QTest::newRow("S distinct") << int(Qt::Key_S) << 2;
}

void TestReviewView::keysMarkDuplicateAndDistinct()
{
    QFETCH(int, key);
    QFETCH(int, status);
    m_view->setCurrentRow(1);
    const test::SeededPair pair = m_pairs[1];
    QTest::keyClick(m_view->pairTable(), Qt::Key(key));
    QCOMPARE(test::storedStatus(*m_project, pair.candidateId, pair.refIndex), status);
    // Reviewed pairs leave the list; the next one takes the row.
    QCOMPARE(m_view->session()->rowOf(pair.candidateId, 1, pair.refIndex), -1);
    QCOMPARE(m_view->session()->card(m_view->currentRow()).candidateId, m_pairs[2].candidateId);
    // The decision is in the append-only log with its annotator.
    core::Statement log(m_project->database(),
                        QStringLiteral("SELECT status, annotator FROM pair_reviews WHERE candidate_id = ?1"));
    log.bind(1, pair.candidateId);
    QVERIFY(log.next());
    QCOMPARE(int(log.int64(0)), status);
    QCOMPARE(log.text(1), QStringLiteral("tester"));
    // A project reopened from disk still has it.
    core::Project reopened;
    QVERIFY(reopened.open(m_project->fileName()));
    QCOMPARE(test::storedStatus(reopened, pair.candidateId, pair.refIndex), status);
}

void TestReviewView::distinctPairsReturnWhenShowReviewed()
{
    QTest::keyClick(m_view->pairTable(), Qt::Key_K);
    QCOMPARE(m_view->session()->pairCount(), 4);
    m_view->session()->setShowReviewed(true);
    QCOMPARE(m_view->session()->pairCount(), 5);
    const int row = m_view->session()->rowOf(m_pairs[0].candidateId, 1, m_pairs[0].refIndex);
    QCOMPARE(m_view->session()->card(row).status, ui::PairStatus::Distinct);
}

void TestReviewView::undoRestoresThePair()
{
    m_view->setCurrentRow(0);
    QTest::keyClick(m_view->pairTable(), Qt::Key_D);
    QTest::keyClick(m_view->pairTable(), Qt::Key_K);
    QCOMPARE(test::storedStatus(*m_project, m_pairs[0].candidateId, 0), 1);
    QCOMPARE(test::storedStatus(*m_project, m_pairs[1].candidateId, 1), 2);
    QTest::keyClick(m_view->pairTable(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(test::storedStatus(*m_project, m_pairs[1].candidateId, 1), 0);
    QCOMPARE(m_view->session()->card(m_view->currentRow()).candidateId, m_pairs[1].candidateId);
    QTest::keyClick(m_view->pairTable(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(test::storedStatus(*m_project, m_pairs[0].candidateId, 0), 0);
    QCOMPARE(m_view->session()->pairCount(), 5);
    QCOMPARE(m_view->currentRow(), 0);
    // Nothing left to undo: a further Ctrl+Z changes nothing.
    QVERIFY(!m_view->undo());
    core::Statement n(m_project->database(),
                      QStringLiteral("SELECT COUNT(*) FROM pair_reviews WHERE undoes IS NOT NULL"));
    QVERIFY(n.next());
    QCOMPARE(n.int64(0), 2);
}

void TestReviewView::sliderChangesTheCounts_data()
{
    QTest::addColumn<double>("ssim");
    QTest::addColumn<double>("l2");
    QTest::newRow("defaults") << 0.75 << 1000.0;
    QTest::newRow("strict ssim") << 0.9 << 0.0;
    QTest::newRow("loose ssim") << 0.5 << 0.0;
    QTest::newRow("l2 only") << 1.0 << 1000.0;
    QTest::newRow("everything") << 0.0 << 0.0;
}

void TestReviewView::sliderChangesTheCounts()
{
    QFETCH(double, ssim);
    QFETCH(double, l2);
    ui::ThresholdBar *bar = m_view->thresholdBar();
    bar->ssimSlider()->setValue(int(std::lround(ssim / 0.005)));
    bar->l2Slider()->setValue(int(std::lround(l2 / 10.0)));
    // Live, before the pause: the counts follow the slider.
    const qint64 expected = expectedFlagged(ssim, l2);
    const core::DuplicateTally t = m_view->session()->tally();
    QCOMPARE(t.toReview, expected);
    // Every seeded pair is with an exclude set and unreviewed: what is to review, export removes.
    QCOMPARE(t.removed.unreviewedAbove, expected);
    QCOMPARE(t.removed.total(), expected);
    QCOMPARE(t.candidates, m_project->candidateCount());
    QVERIFY2(bar->countsText().startsWith(QStringLiteral("%1 to review").arg(expected)), qPrintable(bar->countsText()));
    QVERIFY2(bar->countsText().contains(QStringLiteral("export removes %1 of %2").arg(expected).arg(t.candidates)),
             qPrintable(bar->countsText()));
    QVERIFY2(bar->countsText().endsWith(QStringLiteral("%1 kept").arg(t.candidates - expected)),
             qPrintable(bar->countsText()));
    m_view->applyThresholds(); // what the pause after the last slider step does
    QCOMPARE(m_view->session()->pairCount(), int(expected));
    QCOMPARE(m_view->statsPanel()->ssimHistogram()->threshold(), ssim);
    QCOMPARE(m_view->statsPanel()->l2Histogram()->threshold(), l2);
}

void TestReviewView::histogramHoldsEveryCandidate()
{
    const std::vector<int> &bins = m_view->statsPanel()->ssimHistogram()->binCounts();
    QCOMPARE(std::accumulate(bins.begin(), bins.end(), 0), int(m_pairs.size()));
    // 50 bins over [0, 1]: 0.99 lands in the last bin, 0.31 in bin 15.
    QCOMPARE(bins.back(), 1);
    QCOMPARE(bins[15], 1);
}

void TestReviewView::exactDuplicatesShowAsGroups()
{
    const QList<qint64> ids = m_project->candidateIds({}, m_pairs.back().candidateId, 4);
    core::Database &db = m_project->database();
    core::Statement ins(
        db, QStringLiteral("INSERT INTO exact_matches(candidate_id, set_id, ref_index) VALUES(?1, ?2, ?3)"));
    ins.bind(1, ids[1]).bindNull(2).bind(3, ids[0]); // internal twins: ids[0] is kept
    QVERIFY(ins.exec());
    ins.bind(1, ids[2]).bind(2, 1).bind(3, 3); // a copy of an exclude reference: removed
    QVERIFY(ins.exec());
    m_view->setProject(m_project.get(), QStringLiteral("tester"));
    ui::ExactGroupsView *groups = m_view->statsPanel()->exactGroups();
    QAbstractItemModelTester tester(groups->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(groups->groupCount(), 2);
    const auto name = [&](qint64 id) {
        const auto c = m_project->candidate(id);
        return core::candidateName(c->tinyIndex, c->filename, id);
    };
    QAbstractItemModel *m = groups->model();
    // Copies of an exclude image first: the reference, then the copy, removed.
    const QModelIndex excluded = m->index(0, 0);
    QVERIFY2(excluded.data().toString().startsWith(QStringLiteral("Copy of refs #3 (exclude): 1 candidate")),
             qPrintable(excluded.data().toString()));
    QCOMPARE(m->rowCount(excluded), 2);
    QVERIFY(m->index(0, 0, excluded).data().toString().startsWith(QStringLiteral("refs #3")));
    QVERIFY(m->index(1, 0, excluded).data().toString().startsWith(name(ids[2])));
    QVERIFY(m->index(1, 0, excluded).data().toString().contains(QStringLiteral("removed (copy of an exclude image)")));
    // Identical candidates named by Tiny index, the first kept.
    const QModelIndex twins = m->index(1, 0);
    QCOMPARE(twins.data().toString(), QStringLiteral("2 identical candidate(s): export keeps %1").arg(name(ids[0])));
    QCOMPARE(m->rowCount(twins), 2);
    QVERIFY(m->index(0, 0, twins).data().toString().startsWith(name(ids[0])));
    QVERIFY(m->index(0, 0, twins).data().toString().endsWith(QStringLiteral("KEPT")));
    QVERIFY(m->index(1, 0, twins).data().toString().startsWith(name(ids[1])));
    QVERIFY(m->index(1, 0, twins).data().toString().endsWith(QStringLiteral("removed (identical copy)")));
    // Thumbnails of the real pixels, framed.
    const QPixmap thumb = m->index(1, 0, twins).data(Qt::DecorationRole).value<QPixmap>();
    QCOMPARE(thumb.size(), QSize(68, 68));
    QCOMPARE(thumb.toImage().pixelColor(0, 0), QColor(200, 50, 40));
    const QByteArray px = m_project->pixels(ids[1]);
    QCOMPARE(qRed(thumb.toImage().pixel(2, 2)), int(uchar(px[0])));
    QVERIFY(m_view->statsPanel()->tabText(2).contains(QStringLiteral("(2)")));
}

// Issue 11 item 4: a candidate that is an exact copy of an exclude-set image is removed, not reviewed: its
// pair leaves the queue (shown reviewed or not), the exact tab lists it, the counts call it removed.
void TestReviewView::exactCopiesOfAnExcludeSetAreNotInTheQueue()
{
    const test::SeededPair copy = m_pairs[1];
    core::Statement ins(m_project->database(), QStringLiteral("INSERT INTO exact_matches(candidate_id, set_id, "
                                                              "ref_index) VALUES(?1, 1, ?2)"));
    QVERIFY(ins.bind(1, copy.candidateId).bind(2, copy.refIndex).exec());
    // As an older build let it happen: the copy's pair marked distinct. It stays removed, and out of the list.
    core::Statement distinct(m_project->database(),
                             QStringLiteral("UPDATE near_pairs SET status = 2 WHERE candidate_id = ?1"));
    QVERIFY(distinct.bind(1, copy.candidateId).exec());
    m_view->setProject(m_project.get(), QStringLiteral("tester"));
    ui::ReviewSession *s = m_view->session();
    QCOMPARE(s->pairCount(), 4);
    QCOMPARE(s->rowOf(copy.candidateId, 1, copy.refIndex), -1);
    for (int row = 0; row < s->pairCount(); ++row)
        QVERIFY(s->card(row).candidateId != copy.candidateId);
    m_view->showReviewedBox()->setChecked(true); // show reviewed
    QCOMPARE(s->pairCount(), 4);
    const core::DuplicateTally t = s->tally();
    QCOMPARE(t.removed.excludeExact, 1);
    QCOMPARE(t.toReview, 4);
    QCOMPARE(t.removed.unreviewedAbove, 4);
    QVERIFY(m_view->thresholdBar()->countsText().contains(QStringLiteral("exact copies of exclude images 1")));
    QCOMPARE(s->outcome(copy.candidateId), core::Removal::ExcludeExact);
    QCOMPARE(m_view->statsPanel()->exactGroups()->groupCount(), 1);
    QVERIFY(m_view->statsPanel()->exactSummary()->text().startsWith(QStringLiteral("1 candidate(s) copy an exclude")));
    // K on every row of the queue never touches it.
    m_view->showReviewedBox()->setChecked(false);
    while (s->pairCount() > 0 && m_view->currentRow() >= 0 && reviewCount() < 8)
        QTest::keyClick(m_view->pairTable(), Qt::Key_K);
    QCOMPARE(test::storedStatus(*m_project, copy.candidateId, copy.refIndex), 2);
    QCOMPARE(reviewCount(), 4);
    QCOMPARE(s->tally().removed.excludeExact, 1);
}

qint64 TestReviewView::reviewCount() const
{
    core::Statement n(m_project->database(), QStringLiteral("SELECT COUNT(*) FROM pair_reviews"));
    return n.next() ? n.int64(0) : -1;
}

void TestReviewView::clickHeader(int column)
{
    QHeaderView *h = m_view->pairTable()->horizontalHeader();
    const int x = h->sectionViewportPosition(column) + h->sectionSize(column) / 2;
    QTest::mouseClick(h->viewport(), Qt::LeftButton, {}, QPoint(x, h->height() / 2));
}

QString TestReviewView::paneMatchesSelection() const
{
    QTableView *table = m_view->pairTable();
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    const ui::PairView *pane = m_view->pairView();
    if (rows.isEmpty()) {
        if (!pane->caption(0).isEmpty() || !pane->caption(1).isEmpty())
            return QStringLiteral("no row selected, the pane shows %1 / %2").arg(pane->caption(0), pane->caption(1));
        if (m_view->duplicateAction()->isEnabled() || m_view->distinctAction()->isEnabled())
            return QStringLiteral("no row selected, D/K enabled");
        return {};
    }
    using M = core::PairListModel;
    const QModelIndex row = rows.first();
    const QString candidate = row.data(M::NameRole).toString();
    const QString reference =
        QStringLiteral("%1 #%2").arg(row.data(M::SetNameRole).toString()).arg(row.data(M::ReferenceIndexRole).toInt());
    if (pane->caption(0) != candidate || pane->caption(1) != reference)
        return QStringLiteral("row %1 is %2 / %3, the pane shows %4 / %5")
            .arg(row.row())
            .arg(candidate, reference, pane->caption(0), pane->caption(1));
    if (!m_view->pairDetails()->text().contains(candidate))
        return QStringLiteral("the details do not name %1").arg(candidate);
    if (!m_view->duplicateAction()->isEnabled())
        return QStringLiteral("a row is selected, D disabled");
    return {};
}

void TestReviewView::paneFollowsTheSelection_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("sort by candidate") << QStringLiteral("sort");
    QTest::newRow("sort, the pair beyond the loaded rows") << QStringLiteral("sort far");
    QTest::newRow("sort by status after a review") << QStringLiteral("sort status");
    QTest::newRow("show reviewed") << QStringLiteral("show reviewed");
    QTest::newRow("reference set filter") << QStringLiteral("filter");
    QTest::newRow("ctrl+click deselects") << QStringLiteral("deselect");
    QTest::newRow("undo") << QStringLiteral("undo");
    QTest::newRow("threshold change") << QStringLiteral("threshold");
}

// Issue 11 item 8: after sorting (or any other change to the list) the pane showed a pair that was no
// longer selected, and D marked that unseen pair. Whatever happens, the pane shows the selected row and D
// marks exactly the pair it shows; with none selected the pane is empty and D marks nothing.
void TestReviewView::paneFollowsTheSelection()
{
    QFETCH(QString, action);
    using M = core::PairListModel;
    ui::ReviewSession *s = m_view->session();
    if (action == QLatin1String("sort far"))
        s->pairs()->setPageSize(2); // 2 of the 5 pairs loaded
    m_view->setCurrentRow(action == QLatin1String("sort far") ? 0 : 2);
    QCOMPARE(paneMatchesSelection(), QString());
    const std::optional<ui::PairCard> before = m_view->shownPair();
    QVERIFY(before);
    if (action == QLatin1String("sort")) {
        clickHeader(M::CandidateCol);
    } else if (action == QLatin1String("sort far")) {
        clickHeader(M::SsimCol); // SSIM ascending: the most similar pair is now last, not loaded
        QCOMPARE(s->pairCount(), 2);
    } else if (action == QLatin1String("sort status")) {
        m_view->showReviewedBox()->setChecked(true);
        m_view->setCurrentRow(0);
        QTest::keyClick(m_view->pairTable(), Qt::Key_K);
        m_view->setCurrentRow(0);
        clickHeader(M::StatusCol);
        clickHeader(M::StatusCol);
    } else if (action == QLatin1String("show reviewed")) {
        m_view->showReviewedBox()->setChecked(true);
    } else if (action == QLatin1String("filter")) {
        QComboBox *sets = m_view->thresholdBar()->referenceSetBox();
        sets->setCurrentIndex(sets->findText(QStringLiteral("refs")));
        emit sets->activated(sets->currentIndex());
    } else if (action == QLatin1String("deselect")) {
        QTableView *t = m_view->pairTable();
        const QRect cell = t->visualRect(t->model()->index(2, 0));
        QTest::mouseClick(t->viewport(), Qt::LeftButton, Qt::ControlModifier, cell.center());
        QVERIFY(t->selectionModel()->selectedRows().isEmpty());
    } else if (action == QLatin1String("undo")) {
        QTest::keyClick(m_view->pairTable(), Qt::Key_D);
        m_view->setCurrentRow(0);
        QTest::keyClick(m_view->pairTable(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_view->shownPair()->candidateId, before->candidateId);
    } else if (action == QLatin1String("threshold")) {
        m_view->thresholdBar()->ssimSlider()->setValue(int(std::lround(0.85 / 0.005)));
        m_view->applyThresholds();
    }
    QCOMPARE(paneMatchesSelection(), QString());
    // D marks exactly the pair the pane shows, or nothing.
    const std::optional<ui::PairCard> shown = m_view->shownPair();
    const qint64 reviews = reviewCount();
    m_view->pairTable()->setFocus();
    QTest::keyClick(m_view->pairTable(), Qt::Key_D);
    if (!shown) {
        QCOMPARE(reviewCount(), reviews);
        return;
    }
    QCOMPARE(reviewCount(), reviews + 1);
    core::Statement last(m_project->database(), QStringLiteral("SELECT candidate_id, set_id, ref_index, status FROM "
                                                               "pair_reviews ORDER BY id DESC LIMIT 1"));
    QVERIFY(last.next());
    QCOMPARE(last.int64(0), shown->candidateId);
    QCOMPARE(last.int64(1), shown->setId);
    QCOMPARE(last.int64(2), shown->refIndex);
    QCOMPARE(last.int64(3), qint64(core::PairStatus::Duplicate));
    QCOMPARE(paneMatchesSelection(), QString());
}

void TestReviewView::referenceSetFilterListsOneSet()
{
    core::DedupStore store(m_project->database());
    core::ImageSet other;
    other.pixels.assign(3072, 7);
    const qint64 otherId =
        store.addReferenceSet(QStringLiteral("other"), core::ReferenceRole::Avoid, QStringLiteral("seeded"), other);
    core::Statement pair(m_project->database(),
                         QStringLiteral("INSERT INTO near_pairs(candidate_id, set_id, "
                                        "ref_index, ssim, l2, status) VALUES(?1, ?2, 0, 0.95, 900, 0)"));
    QVERIFY(pair.bind(1, m_pairs[7].candidateId).bind(2, otherId).exec());
    m_view->setProject(m_project.get(), QStringLiteral("tester"));
    QCOMPARE(m_view->session()->pairCount(), 6);
    QComboBox *sets = m_view->thresholdBar()->referenceSetBox();
    QCOMPARE(sets->count(), 3); // every set, refs, other
    sets->setCurrentIndex(sets->findText(QStringLiteral("other")));
    emit sets->activated(sets->currentIndex());
    QCOMPARE(m_view->session()->pairCount(), 1);
    QCOMPARE(m_view->session()->card(0).candidateId, m_pairs[7].candidateId);
    QCOMPARE(m_view->currentRow(), 0);
    sets->setCurrentIndex(sets->findText(QStringLiteral("refs")));
    emit sets->activated(sets->currentIndex());
    QCOMPARE(m_view->session()->pairCount(), 5);
}

bool TestReviewView::runSearch(bool gaussian, bool exhaustive, int topK)
{
    ui::SearchOptionsBar *options = m_view->searchOptions();
    options->gaussianBox()->setChecked(gaussian);
    options->exhaustiveBox()->setChecked(exhaustive);
    options->topKBox()->setValue(topK);
    // The plain protocol: the oracle below is skimage on the images as they are (TestReviewTransform
    // covers the shifted and mirrored alignments).
    options->transformsBox()->setChecked(false);
    QSignalSpy done(m_view.get(), &ui::ReviewView::duplicatesChanged);
    m_view->runDuplicateSearch();
    return done.wait(300000) && !m_view->isBusy();
}

QList<std::tuple<qint64, qint32, double>> TestReviewView::storedPairs(qint64 setId)
{
    core::Statement q(m_project->database(), QStringLiteral("SELECT candidate_id, ref_index, ssim FROM near_pairs "
                                                            "WHERE set_id = ?1 ORDER BY candidate_id, ref_index"));
    q.bind(1, setId);
    QList<std::tuple<qint64, qint32, double>> out;
    while (q.next())
        out.append({q.int64(0), qint32(q.int64(1)), q.real(2)});
    return out;
}

QList<QPair<double, double>> TestReviewView::skimage(const QList<std::tuple<qint64, qint32, double>> &pairs,
                                                     qint64 setId)
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("pairs.u8")));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    core::DedupStore store(m_project->database());
    for (const auto &[candidate, ref, ssim] : pairs) {
        f.write(m_project->pixels(candidate));
        f.write(store.referenceImage(setId, ref));
    }
    f.close();
    const auto result = test::runPython(
        QStringLiteral("import sys, numpy as np\n"
                       "from skimage.metrics import structural_similarity as ssim\n"
                       "d = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 2, 32, 32, 3)\n"
                       "for a, b in d:\n"
                       "    u = ssim(a, b, channel_axis=-1, data_range=255)\n"
                       "    g = ssim(a, b, channel_axis=-1, data_range=255, gaussian_weights=True, sigma=1.5,\n"
                       "             use_sample_covariance=False)\n"
                       "    print(repr(float(u)), repr(float(g)))\n"),
        {f.fileName()});
    QList<QPair<double, double>> values;
    for (const QByteArray &line : result.out.split('\n')) {
        const auto parts = line.trimmed().split(' ');
        if (parts.size() == 2)
            values.append({parts[0].toDouble(), parts[1].toDouble()});
    }
    return values;
}

// The pane's top-k, exhaustive and Gaussian switches are saved in the project and reach the background
// run: the stored SSIM values are skimage's Gaussian ones, then its uniform ones, and each candidate keeps
// at most 2k references per set (L2 top-k and SSIM top-k).
void TestReviewView::searchOptionsReachTheRunner()
{
    TC_REQUIRE_PYTHON("numpy", "skimage");
    core::DedupStore store(m_project->database());
    const qint64 setId =
        store.addReferenceSet(QStringLiteral("cifar10.1"), core::ReferenceRole::Exclude,
                              test::fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")));
    QVERIFY2(setId > 0, qPrintable(store.errorString()));
    m_view->setProject(m_project.get(), QStringLiteral("tester"));
    QCOMPARE(m_view->searchOptions()->topK(), 5); // the project's defaults
    QVERIFY(!m_view->searchOptions()->exhaustive());
    QCOMPARE(m_view->searchOptions()->window(), core::SsimWindow::Uniform7);
    QCOMPARE(m_view->searchOptions()->transforms(), core::TransformSet::ShiftFlip);

    QVERIFY(runSearch(true, false, 3));
    core::DedupSettings saved = store.settings();
    QCOMPARE(saved.searchMode(), QStringLiteral("window=gaussian;exhaustive=0;top_k=3"));
    const auto gaussian = storedPairs(setId);
    QVERIFY(gaussian.size() > 50);
    QHash<qint64, int> perCandidate;
    for (const auto &[candidate, ref, ssim] : gaussian)
        ++perCandidate[candidate];
    QVERIFY(*std::max_element(perCandidate.begin(), perCandidate.end()) <= 6);
    QCOMPARE(perCandidate.size(), int(m_project->candidateIds({}, 0, 100000).size()));
    const auto oracle = skimage(gaussian, setId);
    QCOMPARE(oracle.size(), gaussian.size());
    int differ = 0;
    for (int i = 0; i < gaussian.size(); ++i) {
        QVERIFY2(std::abs(std::get<2>(gaussian[i]) - oracle[i].second) < 1e-5,
                 qPrintable(QStringLiteral("pair %1: stored %2, skimage Gaussian %3")
                                .arg(i)
                                .arg(std::get<2>(gaussian[i]))
                                .arg(oracle[i].second)));
        differ += std::abs(oracle[i].first - oracle[i].second) > 1e-3;
    }
    QVERIFY(differ > gaussian.size() / 2); // the two windows do give other values

    // Back to the uniform window, exhaustive, top-2: every pair is measured again.
    QVERIFY(runSearch(false, true, 2));
    QCOMPARE(store.settings().searchMode(), QStringLiteral("window=uniform;exhaustive=1;top_k=2"));
    const auto uniform = storedPairs(setId);
    perCandidate.clear();
    for (const auto &[candidate, ref, ssim] : uniform)
        ++perCandidate[candidate];
    QVERIFY(*std::max_element(perCandidate.begin(), perCandidate.end()) <= 4);
    const auto oracle2 = skimage(uniform, setId);
    QCOMPARE(oracle2.size(), uniform.size());
    for (int i = 0; i < uniform.size(); ++i)
        QVERIFY(std::abs(std::get<2>(uniform[i]) - oracle2[i].first) < 1e-4);
    // A new view of the project shows the saved options.
    ui::ReviewView again;
    again.setProject(m_project.get(), QStringLiteral("tester"));
    QCOMPARE(again.searchOptions()->topK(), 2);
    QVERIFY(again.searchOptions()->exhaustive());
    QVERIFY(!again.searchOptions()->gaussianBox()->isChecked());
}

QTEST_MAIN(TestReviewView)
#include "TestReviewView.moc"
