// The review pane names the alignment a pair was scored at: references built from world-small
// candidates moved by known transforms (the candidate shows the reference shifted or mirrored), a
// duplicate search started from the pane with its default options (transforms on), and the pane's
// details, reference caption and difference caption for each pair. TC_SCREENSHOTS=<dir> saves the
// pane for each row (docs/screenshots/review-transform.png is the "mirrored up" one).
#include "core/common/ImageSet.h"
#include "tests/ui/ReviewTestProject.h"
#include "ui/PairDetails.h"
#include "ui/PairView.h"
#include "ui/ReviewSession.h"
#include "ui/ReviewView.h"
#include "ui/SearchOptionsBar.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace tc;

Q_DECLARE_METATYPE(tc::core::PairTransform)

class TestReviewTransform final : public QObject {
    Q_OBJECT
private slots:
    void namesTheTransform_data()
    {
        QTest::addColumn<core::PairTransform>("transform");
        QTest::addColumn<QString>("words");
        QTest::newRow("right") << core::PairTransform{1, 0, false} << "shifted 1 px right";
        QTest::newRow("mirrored") << core::PairTransform{0, 0, true} << "mirrored";
        QTest::newRow("mirrored up") << core::PairTransform{0, -2, true} << "mirrored, shifted 2 px up";
        QTest::newRow("same") << core::PairTransform{} << QString();
    }
    void namesTheTransform()
    {
        QFETCH(core::PairTransform, transform);
        QFETCH(QString, words);
        TC_REQUIRE_SHARED();
        QTemporaryDir dir;
        core::Project project;
        QString error;
        QVERIFY2(test::importWorldSmall(project, dir.filePath(QStringLiteral("t.tcproj")), &error), qPrintable(error));
        const qint64 id = project.candidateIds({}, 0, 1).first();
        const QByteArray cand = project.pixels(id);
        // The reference whose moved version is the candidate: M(ref)(u, v) = cand(u + dy, v + dx), the
        // border the move leaves repeating the nearest row/column; then un-mirrored, and 3 grey levels
        // brighter (an exact copy would not be reviewed at all).
        core::ImageSet refs;
        refs.labelNames = QStringList{QStringLiteral("a")};
        refs.labels = {0};
        refs.pixels.resize(core::kImageBytes);
        for (int u = 0; u < 32; ++u)
            for (int w = 0; w < 32; ++w)
                for (int ch = 0; ch < 3; ++ch) {
                    const int v = transform.mirrored ? 31 - w : w;
                    const int r = std::clamp(u + transform.dy, 0, 31), c = std::clamp(v + transform.dx, 0, 31);
                    refs.pixels[size_t(core::pixelOffset(u, w, ch))] =
                        std::uint8_t(std::min(255, int(uchar(cand[core::pixelOffset(r, c, ch)])) + 3));
                }
        core::DedupStore store(project.database());
        const qint64 setId =
            store.addReferenceSet(QStringLiteral("refs"), core::ReferenceRole::Exclude, QStringLiteral("built"), refs);
        QVERIFY(setId > 0);

        ui::ReviewView view;
        view.resize(1400, 800);
        view.setProject(&project, QStringLiteral("tester"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.searchOptions()->transformsBox()->isChecked()); // the pane says transforms are in force
        QSignalSpy done(&view, &ui::ReviewView::duplicatesChanged);
        view.runDuplicateSearch();
        QVERIFY(done.wait(300000) && !view.isBusy());
        const int row = view.session()->rowOf(id, setId, 0);
        QVERIFY(row >= 0);
        view.pairTable()->selectRow(row);
        const auto pair = store.pair(id, setId, 0);
        QVERIFY(pair);
        QCOMPARE(pair->transform, transform);
        QVERIFY2(pair->ssim > 0.95, qPrintable(QString::number(pair->ssim)));
        const QString details = view.pairDetails()->text();
        const QString caption = view.pairView()->caption(1);
        view.pairView()->setExtra(ui::PairView::Extra::Difference);
        const QString extra = view.pairView()->caption(2);
        if (const QString dir = qEnvironmentVariable("TC_SCREENSHOTS"); !dir.isEmpty()) {
            QTest::qWait(300); // the chart lays its axes out in posted events
            const QString tag =
                QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
            view.grab().save(dir + QStringLiteral("/review-transform-") + tag + QStringLiteral(".png"));
        }
        if (words.isEmpty()) {
            QVERIFY2(!details.contains(QStringLiteral("lines up")), qPrintable(details));
            QCOMPARE(caption, QStringLiteral("refs #0"));
        } else {
            QVERIFY2(details.contains(QStringLiteral("matches the reference ") + words), qPrintable(details));
            QCOMPARE(caption, QStringLiteral("refs #0 (%1)").arg(words));
            QVERIFY2(extra.contains(QStringLiteral("reference ") + words), qPrintable(extra));
        }
    }
};

QTEST_MAIN(TestReviewTransform)
#include "TestReviewTransform.moc"
