// An annotator's session on the real, fully assembled main window (ui::createMainWindow(), the function main()
// shows), driven with keys and mouse only: accept, reject, unsure, back, forward, filter changes with the mouse
// followed by verdict keys, grid pages across a keyword boundary, toggles, commit, undo of a page and a class
// passing its quota. After every step the project's decisions, read back through core on a separate
// connection, must be exactly what the annotator meant: nothing changes without Y/N/U or toggle + Enter.
//
// The layout part checks that nothing in the Verify tab is clipped at 1024x700, at 800x600 (the image shrinks
// first), with every string 40 % longer, and at QT_SCALE_FACTOR=2 on a 1920x1080 screen (a child process).
//
// TC_SCREENSHOTS=<dir> writes the screenshots of docs/screenshots (verify-*.png); with the German catalogue
// (build/app/tinycurator_de.qm, or TC_QM_DE=<file>) also the German ones, so they can be retaken after a
// translation pass: TC_SCREENSHOTS=docs/screenshots build/tests/TestAnnotatorSession
#include "core/project/CatalogJson.h"
#include "core/project/FolderImport.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"
#include "tests/ui/LayoutCheck.h"
#include "ui/CandidateGridWidget.h"
#include "ui/CandidateImageWidget.h"
#include "ui/GridModeView.h"
#include "ui/MainWindow.h"
#include "ui/MainWindowAssembly.h"
#include "ui/SingleModeView.h"
#include "ui/VerifyPage.h"
#include "ui/VerifySession.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace tc;
using core::Verdict;

namespace {
const QString kAnnotator = QStringLiteral("alice");
constexpr int kTarget = 8; // per class: the demo's keywords get quotas of 2 or 3, soon met

QString screenshotDir()
{
    return qEnvironmentVariable("TC_SCREENSHOTS");
}
} // namespace

// Stops the test function when a step's check failed (QVERIFY in a helper only leaves the helper).
#define STEP(what)                                                                                                     \
    do {                                                                                                               \
        checkStep(what);                                                                                               \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

class TestAnnotatorSession final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void annotatorSession();
    void nothingClippedAt_data();
    void nothingClippedAt();
    void nothingClippedAtScaleTwo();
    void scaleTwoChild();
    void windowFitsTheScreenAndComesBackWhereItWas();

private:
    void openWindow(const QSize &size);
    qint64 current() const { return m_window->verifyPage()->session()->current().value_or(-1); }
    QString fileOf(qint64 id);
    // The annotator's key, delivered where the keyboard focus is (not to a widget chosen by the test).
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void decide(Qt::Key key, Verdict meant);
    void choose(QComboBox *combo, const QString &text);
    void checkStep(const QString &what);
    void shot(const QString &name);
    void checkLayout(const QString &what);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    core::Project m_oracle; // a separate connection: what the project file holds
    std::unique_ptr<ui::MainWindow> m_window;
    QHash<qint64, Verdict> m_meant; // what the annotator meant, candidate by candidate
    QList<qint64> m_all;
    int m_steps = 0;
};

void TestAnnotatorSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a throw-away location
    QCoreApplication::setOrganizationName(QStringLiteral("TinyCuratorTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestAnnotatorSession"));
}

// The bundled demo as a folder project (its file names bird_0 ... bird_11 also show the natural order), with
// a target of 8 per class.
void TestAnnotatorSession::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("demo.tcproj"));
    const QString resources = QStringLiteral(TC_SOURCE_DIR "/resources");
    core::CatalogJson json;
    const core::Catalog catalog = json.load(resources + QStringLiteral("/demo_keyword_counts.json"));
    QVERIFY2(!catalog.isEmpty(), qPrintable(json.errorString()));
    {
        core::Project project;
        QVERIFY(project.create(m_path));
        QVERIFY(project.setTargetPerClass(kTarget));
        core::FolderImport import(project);
        QVERIFY2(import.run(resources + QStringLiteral("/demo"), catalog), qPrintable(import.errorString()));
    }
    QVERIFY(m_oracle.open(m_path));
    m_all = m_oracle.candidateIds({}, 0, 100000);
    // Every image file of the demo became a candidate (the oracle: the files on disk, not a constant that
    // goes stale when the demo grows).
    qsizetype files = 0;
    QDirIterator it(resources + QStringLiteral("/demo"), {QStringLiteral("*.jpg"), QStringLiteral("*.png")},
                    QDir::Files, QDirIterator::Subdirectories);
    for (; it.hasNext(); it.next())
        ++files;
    QVERIFY(files > 300);
    QCOMPARE(m_all.size(), files);
    m_meant.clear();
    m_steps = 0;
}

void TestAnnotatorSession::cleanup()
{
    m_window.reset();
    m_oracle.close();
    m_dir.reset();
}

void TestAnnotatorSession::openWindow(const QSize &size)
{
    m_window = ui::createMainWindow();
    m_window->setQuiet(true);
    QVERIFY(m_window->openProject(m_path, kAnnotator));
    m_window->resize(size);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

QString TestAnnotatorSession::fileOf(qint64 id)
{
    const auto record = m_oracle.candidate(id);
    return record ? record->filename : QString();
}

void TestAnnotatorSession::press(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    // To the main window, as the window system delivers it; the window hands it to its focus widget.
    QTest::keyClick(m_window->windowHandle(), key, modifiers);
}

// A verdict key in single mode: the candidate on screen (its pixels checked against the project) is what the
// annotator decides.
void TestAnnotatorSession::decide(Qt::Key key, Verdict meant)
{
    const qint64 id = current();
    QVERIFY(id > 0);
    const QImage shown = m_window->verifyPage()->singleView()->imageWidget()->image();
    const QByteArray pixels = m_oracle.pixels(id);
    QCOMPARE(shown.convertToFormat(QImage::Format_RGB888),
             QImage(reinterpret_cast<const uchar *>(pixels.constData()), 32, 32, 96, QImage::Format_RGB888));
    press(key);
    m_meant[id] = meant;
}

// A filter choice made with the mouse: click the combo, then the entry in its real popup.
void TestAnnotatorSession::choose(QComboBox *combo, const QString &text)
{
    const int row = combo->findText(text, Qt::MatchStartsWith);
    QVERIFY2(row >= 0, qPrintable(text));
    QTest::mouseClick(combo, Qt::LeftButton);
    QAbstractItemView *view = combo->view();
    QVERIFY(QTest::qWaitFor([&] { return view->isVisible(); }, 3000));
    // A person takes a moment to find the entry; a release within the double-click interval of opening is
    // ignored by QComboBox (it would be the release of the opening click).
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    const QModelIndex index = combo->model()->index(row, combo->modelColumn());
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QVERIFY(QTest::qWaitFor([&] { return !view->isVisible(); }, 3000));
    QCOMPARE(combo->currentIndex(), row);

    // The keyboard went back to the verify view: Y/N/U reach the candidate, not the combo.
    QTRY_VERIFY(QApplication::focusWidget() == m_window->verifyPage()->singleView() ||
                QApplication::focusWidget() == m_window->verifyPage()->gridView()->grid());
}

// After every step: the decisions in the project file are exactly the ones meant, and a grid page holds one
// keyword of one class.
void TestAnnotatorSession::checkStep(const QString &what)
{
    ++m_steps;
    for (qint64 id : m_all) {
        const Verdict inFile = m_oracle.verdict(id, kAnnotator);
        const Verdict meant = m_meant.value(id, Verdict::None);
        QVERIFY2(inFile == meant,
                 qPrintable(QStringLiteral("step %1 (%2): %3 is %4 in the project, meant %5")
                                .arg(m_steps)
                                .arg(what, fileOf(id), core::verdictName(inFile), core::verdictName(meant))));
    }
    ui::VerifyPage *page = m_window->verifyPage();
    if (page->mode() == ui::VerifyPage::Mode::Grid) {
        QSet<qint64> keywords;
        for (qint64 id : page->pageIds())
            keywords.insert(m_oracle.candidate(id)->keywordId);
        QVERIFY2(
            keywords.size() <= 1,
            qPrintable(
                QStringLiteral("step %1 (%2): a page of %3 keywords").arg(m_steps).arg(what).arg(keywords.size())));
    }
}

void TestAnnotatorSession::shot(const QString &name)
{
    const QString dir = screenshotDir();
    if (dir.isEmpty())
        return;
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name));
}

void TestAnnotatorSession::checkLayout(const QString &what)
{
    QTest::qWait(20); // let the layouts settle
    const QStringList problems =
        test::clippedWidgets(m_window->verifyPage()) + test::clippedWidgets(m_window->statusBar());
    QVERIFY2(problems.isEmpty(), qPrintable(what + QStringLiteral(":\n  ") + problems.join(QStringLiteral("\n  "))));
    QVERIFY2(m_window->minimumSizeHint().width() <= m_window->width() &&
                 m_window->minimumSizeHint().height() <= m_window->height(),
             qPrintable(QStringLiteral("%1: the window needs %2x%3")
                            .arg(what)
                            .arg(m_window->minimumSizeHint().width())
                            .arg(m_window->minimumSizeHint().height())));
}

void TestAnnotatorSession::annotatorSession()
{
    openWindow({1400, 900});
    ui::VerifyPage *page = m_window->verifyPage();
    ui::SingleModeView *single = page->singleView();
    STEP(QStringLiteral("opened"));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(single));

    // Class bird, keyword bird, chosen with the mouse; the candidates come in natural order.
    choose(page->classBox(), QStringLiteral("bird"));
    choose(page->keywordBox(), QStringLiteral("bird ("));
    STEP(QStringLiteral("filters chosen"));
    QCOMPARE(fileOf(current()), QStringLiteral("bird_0.jpg"));
    for (int i = 1; i <= 9; ++i) {
        press(Qt::Key_Right); // moves, never decides
        QCOMPARE(fileOf(current()), QStringLiteral("bird_%1.jpg").arg(i));
    }
    STEP(QStringLiteral("nine steps forward"));
    decide(Qt::Key_N, Verdict::Reject); // bird_9
    decide(Qt::Key_U, Verdict::Unsure); // bird_10
    decide(Qt::Key_Y, Verdict::Accept); // bird_11
    STEP(QStringLiteral("reject, unsure, accept"));

    // Back to look, forward again: the verdicts stay, and the decided candidate says so.
    press(Qt::Key_Left);
    press(Qt::Key_Left);
    press(Qt::Key_PageUp);
    QCOMPARE(fileOf(current()), QStringLiteral("bird_9.jpg"));
    QVERIFY2(single->verdictText().startsWith(QStringLiteral("REJECTED by alice")), qPrintable(single->verdictText()));
    STEP(QStringLiteral("back three times"));
    press(Qt::Key_Right);
    QVERIFY(single->verdictText().startsWith(QStringLiteral("UNSURE by alice")));
    press(Qt::Key_PageDown);
    QVERIFY(single->verdictText().startsWith(QStringLiteral("ACCEPTED by alice")));
    press(Qt::Key_Right); // at the end of the keyword: stays
    QCOMPARE(fileOf(current()), QStringLiteral("bird_11.jpg"));
    STEP(QStringLiteral("forward again over decided candidates"));
    press(Qt::Key_Left);
    decide(Qt::Key_N, Verdict::Reject); // bird_10: unsure -> reject, on purpose
    STEP(QStringLiteral("re-decided after back"));

    // Show = Rejected with the mouse, then Y: the candidate shown (a rejected one) is accepted.
    choose(page->verdictBox(), QStringLiteral("Rejected"));
    QVERIFY(single->verdictText().startsWith(QStringLiteral("REJECTED")));
    decide(Qt::Key_Y, Verdict::Accept);
    STEP(QStringLiteral("Show = Rejected, then Y"));
    // A popup closed without a choice leaves the focus on the combo: U must still decide, not pick "Unsure".
    choose(page->verdictBox(), QStringLiteral("All candidates"));
    QTest::mouseClick(page->verdictBox(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return page->verdictBox()->view()->isVisible(); }, 3000));
    QTest::keyClick(page->verdictBox()->view(), Qt::Key_Escape);
    QVERIFY(QTest::qWaitFor([&] { return !page->verdictBox()->view()->isVisible(); }, 3000));
    page->verdictBox()->setFocus(); // the worst case: the combo keeps the keyboard after all
    decide(Qt::Key_U, Verdict::Unsure);
    QCOMPARE(page->verdictBox()->currentText(), QStringLiteral("All candidates"));
    STEP(QStringLiteral("U with the focus on the Show combo"));

    // "Go to suggested keyword" with Show = Unsure lands on candidates to decide (Show back to Undecided).
    choose(page->verdictBox(), QStringLiteral("Unsure"));
    QTest::mouseClick(page->suggestionButton(), Qt::LeftButton);
    QCOMPARE(page->verdictBox()->currentText(), QStringLiteral("Undecided"));
    QVERIFY(current() > 0);
    QCOMPARE(m_oracle.verdict(current(), kAnnotator), Verdict::None);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(single));
    STEP(QStringLiteral("go to the suggested keyword"));

    // Grid mode on keyword bird, Show = All: one page from where alice resumes (after bird_0, decided last) to
    // the keyword's end, the decided tiles with their verdicts.
    choose(page->classBox(), QStringLiteral("bird"));
    choose(page->keywordBox(), QStringLiteral("bird ("));
    choose(page->verdictBox(), QStringLiteral("All candidates"));
    press(Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(page->mode(), ui::VerifyPage::Mode::Grid);
    ui::GridModeView *gridView = page->gridView();
    ui::CandidateGridWidget *grid = gridView->grid();
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(grid));
    QList<qint64> ids = page->pageIds();
    QCOMPARE(ids.size(), 11);
    for (int i = 0; i < ids.size(); ++i) {
        QCOMPARE(fileOf(ids[i]), QStringLiteral("bird_%1.jpg").arg(i + 1));
        QCOMPARE(grid->mark(i), m_meant.value(ids[i], Verdict::Accept)); // decided tiles start with their verdict
    }
    const auto tile = [](int n) { return n - 1; }; // bird_n's tile
    QVERIFY2(gridView->questionText().contains(QStringLiteral("<b>bird</b>")) &&
                 gridView->questionText().contains(QStringLiteral("keyword: <i>bird</i>")),
             qPrintable(gridView->questionText()));
    QVERIFY2(gridView->quotaText().contains(QStringLiteral("OVER QUOTA")), qPrintable(gridView->quotaText()));
    STEP(QStringLiteral("grid page of keyword bird"));
    shot(QStringLiteral("verify-grid.png"));

    // Toggles with the mouse and keys; the header counts follow every one.
    const auto countsShown = [&] {
        const QList<Verdict> marks = grid->marks();
        const QString counts = QStringLiteral("%1 accept, %2 reject, %3 unsure")
                                   .arg(marks.count(Verdict::Accept))
                                   .arg(marks.count(Verdict::Reject))
                                   .arg(marks.count(Verdict::Unsure));
        return gridView->summaryText().contains(counts);
    };
    QVERIFY(countsShown());
    QCOMPARE(grid->mark(tile(9)), Verdict::Reject);
    QCOMPARE(grid->mark(tile(10)), Verdict::Accept);
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(tile(3)).center()); // bird_3: reject
    QCOMPARE(grid->mark(tile(3)), Verdict::Reject);
    QVERIFY(countsShown());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(tile(9)).center()); // bird_9 (rejected): accept
    QCOMPARE(grid->mark(tile(9)), Verdict::Accept);
    QVERIFY(countsShown());
    // The cursor to bird_5 with the arrow keys, whatever the columns (they follow the window's shape).
    const int columns = grid->columns();
    for (int d = grid->cursor() / columns - tile(5) / columns; d != 0; d += d > 0 ? -1 : 1)
        press(d > 0 ? Qt::Key_Up : Qt::Key_Down);
    for (int d = grid->cursor() % columns - tile(5) % columns; d != 0; d += d > 0 ? -1 : 1)
        press(d > 0 ? Qt::Key_Left : Qt::Key_Right);
    QCOMPARE(grid->cursor(), tile(5));
    press(Qt::Key_U); // bird_5: unsure
    QCOMPARE(grid->mark(tile(5)), Verdict::Unsure);
    QVERIFY2(countsShown(), qPrintable(gridView->summaryText()));
    STEP(QStringLiteral("toggles: nothing recorded before Enter"));
    const QList<Verdict> committedMarks = grid->marks();
    QHash<qint64, Verdict> before = m_meant;
    QSet<qint64> toRecord; // undecided tiles and decided ones whose mark changed (bird_9)
    for (int i = 0; i < ids.size(); ++i)
        if (!before.contains(ids[i]) || before.value(ids[i]) != committedMarks[i])
            toRecord.insert(ids[i]);
    QTRY_VERIFY(grid->isOnScreen()); // the page is in front of the annotator
    press(Qt::Key_Return);
    for (int i = 0; i < ids.size(); ++i)
        m_meant[ids[i]] = committedMarks[i];
    STEP(QStringLiteral("page committed"));
    // Decided tiles left alone are not decided again (their who and when stay).
    QSet<qint64> recorded;
    for (const auto &d : m_oracle.lastBatch(kAnnotator))
        recorded.insert(d.candidateId);
    QCOMPARE(recorded, toRecord);
    QVERIFY(toRecord.size() < ids.size());
    QVERIFY(page->pageIds().isEmpty()); // the keyword is done: the page ended where it ended

    // Undo brings the page back with exactly its marks, and the decisions as they were before Enter.
    press(Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(page->pageIds(), ids);
    QCOMPARE(grid->marks(), committedMarks);
    m_meant = before;
    STEP(QStringLiteral("undo of the page"));
    QTRY_VERIFY(grid->isOnScreen()); // the page is in front of the annotator
    press(Qt::Key_Return);
    for (int i = 0; i < ids.size(); ++i)
        m_meant[ids[i]] = committedMarks[i];
    STEP(QStringLiteral("page committed again"));

    // All keywords of class bird: pages end at the keyword boundary, and keywords whose quota is met (bird's)
    // are skipped.
    QVERIFY(page->skipMetBox()->isChecked());
    choose(page->keywordBox(), QStringLiteral("All keywords"));
    ids = page->pageIds();
    QCOMPARE(ids.size(), 12);
    QCOMPARE(fileOf(ids.constFirst()), QStringLiteral("cassowary_0.jpg"));
    QCOMPARE(fileOf(ids.constLast()), QStringLiteral("cassowary_11.jpg"));
    STEP(QStringLiteral("cassowary page"));
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(4).center());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(7).center());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(7).center()); // back to accept
    const QList<Verdict> cassowaryMarks = grid->marks();
    QVERIFY(gridView->classQuotaText().contains(QStringLiteral("OVER QUOTA")));
    QTRY_VERIFY(grid->isOnScreen()); // the page is in front of the annotator
    press(Qt::Key_Enter);
    for (int i = 0; i < ids.size(); ++i)
        m_meant[ids[i]] = cassowaryMarks[i];
    STEP(QStringLiteral("cassowary committed: class bird over its target"));
    // The next page is the next keyword, alone (wagtail's quota is not met yet).
    ids = page->pageIds();
    QVERIFY(!ids.isEmpty());
    QVERIFY2(fileOf(ids.constFirst()).startsWith(QStringLiteral("wagtail_")), qPrintable(fileOf(ids.constFirst())));
    STEP(QStringLiteral("wagtail page"));
    press(Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(page->mode(), ui::VerifyPage::Mode::Single);
    STEP(QStringLiteral("single mode"));

    // Single mode on a decided candidate of an over-quota class: the words and the colour say so.
    choose(page->verdictBox(), QStringLiteral("Rejected"));
    QVERIFY(current() > 0);
    QVERIFY2(single->classQuotaText().contains(QStringLiteral("OVER QUOTA")), qPrintable(single->classQuotaText()));
    QVERIFY(single->verdictText().startsWith(QStringLiteral("REJECTED")));
    STEP(QStringLiteral("over quota in single mode"));
    shot(QStringLiteral("verify-single.png"));
    decide(Qt::Key_Y, Verdict::Accept);
    STEP(QStringLiteral("last key"));
    qInfo("%d steps, %lld decisions meant", m_steps, qint64(m_meant.size()));
}

void TestAnnotatorSession::nothingClippedAt_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("longStrings");
    QTest::addColumn<QString>("name");
    QTest::newRow("1024x700") << QSize(1024, 700) << false << QStringLiteral("1024x700");
    QTest::newRow("800x600") << QSize(800, 600) << false << QStringLiteral("800x600");
    QTest::newRow("1024x700, strings 40 % longer") << QSize(1024, 700) << true << QStringLiteral("long-1024x700");
    QTest::newRow("800x600, strings 40 % longer") << QSize(800, 600) << true << QStringLiteral("long-800x600");
    // The real German catalogue, when built (only screenshots differ: the long strings above are the check).
    QTest::newRow("German 1024x700") << QSize(1024, 700) << false << QStringLiteral("de");
}

// Nothing in the Verify tab is clipped: labels elide with a tooltip or wrap, and the image shrinks first.
void TestAnnotatorSession::nothingClippedAt()
{
    QFETCH(QSize, size);
    QFETCH(bool, longStrings);
    QFETCH(QString, name);
    test::LongTranslator longer;
    QTranslator german;
    if (longStrings)
        QCoreApplication::installTranslator(&longer);
    if (name == QLatin1String("de")) {
        if (!test::loadGermanCatalogue(german))
            QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
        QCoreApplication::installTranslator(&german);
    }
    const auto restore = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&longer);
        QCoreApplication::removeTranslator(&german);
    });
    // Some decisions, so that every line (verdict banner, quotas over target) has its longest text.
    const QList<qint64> ids = m_oracle.candidateIds({}, 0, 20);
    for (int i = 0; i < ids.size(); ++i)
        QVERIFY(m_oracle.recordDecision(ids[i], i == 1 ? Verdict::Reject : Verdict::Accept, kAnnotator));
    openWindow(size);
    ui::VerifyPage *page = m_window->verifyPage();
    page->verdictBox()->setCurrentIndex(page->verdictBox()->findData(int(core::VerdictFilter::Rejected)));
    checkLayout(name + QStringLiteral(", single mode"));
    QCOMPARE(m_window->size(), size);
    QVERIFY(!page->singleView()->verdictText().isEmpty());
    // The image gave way before any text did, but is still there.
    QVERIFY(page->singleView()->imageWidget()->height() >= 96);
    const bool documented = name == QLatin1String("1024x700") || name == QLatin1String("de"); // docs/screenshots
    if (documented)
        shot(QStringLiteral("verify-%1-single.png").arg(name));
    page->verdictBox()->setCurrentIndex(page->verdictBox()->findData(int(core::VerdictFilter::Any)));
    press(Qt::Key_2, Qt::ControlModifier);
    QVERIFY(!page->pageIds().isEmpty());
    checkLayout(name + QStringLiteral(", grid mode"));
    QVERIFY(page->gridView()->grid()->tileSide() >= 16);
    if (documented)
        shot(QStringLiteral("verify-%1-grid.png").arg(name));
}

// QT_SCALE_FACTOR must be set before the application exists: a child process of this test runs scaleTwoChild()
// on an offscreen 1920x1080 screen at scale 2 (960x540 logical).
void TestAnnotatorSession::nothingClippedAtScaleTwo()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"screens": [{"name": "big", "x": 0, "y": 0, "width": 1920, "height": 1080,
                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + config);
    env.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("2"));
    env.insert(QStringLiteral("TC_SCALE_CHILD"), QStringLiteral("1"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("scaleTwoChild")});
    QVERIFY(child.waitForFinished(300000));
    const QByteArray out = child.readAll();
    QVERIFY2(child.exitCode() == 0 && out.contains("PASS   : TestAnnotatorSession::scaleTwoChild()"), out.constData());
}

void TestAnnotatorSession::scaleTwoChild()
{
    if (qEnvironmentVariableIsEmpty("TC_SCALE_CHILD"))
        QSKIP("runs in the child process of nothingClippedAtScaleTwo");
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QCOMPARE(available.size(), QSize(960, 540));
    QVERIFY(m_oracle.recordDecision(m_all.constFirst(), Verdict::Reject, kAnnotator)); // the banner's longest text
    QVERIFY(m_oracle.recordDecision(m_all.constLast(), Verdict::Accept, kAnnotator));
    m_window = ui::createMainWindow();
    m_window->setQuiet(true);
    QVERIFY(m_window->openProject(m_path, kAnnotator));
    // Opens at most the screen's size (it used to ask for 1280x860 logical: 2560x1720 pixels).
    QVERIFY2(m_window->width() <= available.width() && m_window->height() <= available.height(),
             qPrintable(QStringLiteral("%1x%2").arg(m_window->width()).arg(m_window->height())));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    ui::VerifyPage *page = m_window->verifyPage();
    page->verdictBox()->setCurrentIndex(page->verdictBox()->findData(int(core::VerdictFilter::Rejected)));
    checkLayout(QStringLiteral("scale 2, single mode"));
    shot(QStringLiteral("verify-scale2-single.png"));
    page->verdictBox()->setCurrentIndex(page->verdictBox()->findData(int(core::VerdictFilter::Any)));
    page->setMode(ui::VerifyPage::Mode::Grid);
    checkLayout(QStringLiteral("scale 2, grid mode"));
}

// The window never opens larger than the screen (here the offscreen 1600x1000 one), and comes back with the
// geometry it was closed with (QSettings, test-only location).
void TestAnnotatorSession::windowFitsTheScreenAndComesBackWhereItWas()
{
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    {
        auto window = ui::createMainWindow();
        QVERIFY(window->width() <= available.width() && window->height() <= available.height());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->resize(900, 640);
        window->move(available.topLeft() + QPoint(30, 20));
        QTRY_COMPARE(window->size(), QSize(900, 640));
        window->close();
    }
    {
        auto window = ui::createMainWindow();
        QCOMPARE(window->size(), QSize(900, 640));
        window->close();
    }
    // A geometry saved on a bigger screen is shrunk into this one.
    {
        auto window = ui::createMainWindow();
        window->resize(available.width() + 900, available.height() + 700);
        window->close(); // saves the oversized geometry
    }
    auto window = ui::createMainWindow();
    QVERIFY2(window->width() <= available.width() && window->height() <= available.height(),
             qPrintable(QStringLiteral("%1x%2").arg(window->width()).arg(window->height())));
}

// A 1600x1000 offscreen screen (the default offscreen screen is 800x600) unless the caller chose a platform
// configuration, as the scale-2 child does.
int main(int argc, char *argv[])
{
    QTemporaryDir config;
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.isEmpty() || platform == "offscreen") {
        const QString path = config.filePath(QStringLiteral("screen.json"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(R"({"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1600, "height": 1000,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
        file.close();
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
    }
    QApplication app(argc, argv);
    TestAnnotatorSession test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestAnnotatorSession.moc"
