// DedupSettings' rules about what the stored pairs depend on: the search mode, the shift/flip search's
// proven L2 guarantee (raised by an L2 threshold above the protocol's 1000, never lowered below it), and
// which stored modes serve which settings (a lowered threshold keeps a search current, a raised one not).
#include "core/project/DedupTypes.h"

#include <QTest>

using namespace tc::core;

namespace {

DedupSettings settingsWith(double l2Threshold, TransformSet transforms = TransformSet::ShiftFlip, int topK = 5)
{
    DedupSettings s;
    s.l2Threshold = l2Threshold;
    s.transforms = transforms;
    s.topK = topK;
    return s;
}

const QString kDefaultMode =
    QStringLiteral("window=uniform;exhaustive=0;top_k=5;transforms=shift-flip;transform_search=2");

} // namespace

class TestDedupSettings final : public QObject {
    Q_OBJECT
private slots:
    void guaranteeAndMode_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<bool>("transforms");
        QTest::addColumn<double>("guarantee");
        QTest::addColumn<QString>("mode");
        QTest::newRow("default") << 1000.0 << true << 1000.0 << kDefaultMode;
        QTest::newRow("lower threshold keeps the protocol's guarantee") << 500.0 << true << 1000.0 << kDefaultMode;
        QTest::newRow("raised") << 1500.0 << true << 1500.0 << kDefaultMode + QStringLiteral(";l2_guarantee=1500");
        QTest::newRow("fraction") << 1234.5 << true << 1234.5 << kDefaultMode + QStringLiteral(";l2_guarantee=1234.5");
        QTest::newRow("plain protocol") << 1500.0 << false << 0.0
                                        << QStringLiteral("window=uniform;exhaustive=0;top_k=5");
    }
    void guaranteeAndMode()
    {
        QFETCH(double, threshold);
        QFETCH(bool, transforms);
        QFETCH(double, guarantee);
        QFETCH(QString, mode);
        const DedupSettings s = settingsWith(threshold, transforms ? TransformSet::ShiftFlip : TransformSet::None);
        QCOMPARE(s.transformL2Guarantee(), guarantee);
        QCOMPARE(s.searchMode(), mode);
        QCOMPARE(DedupSettings::transformL2GuaranteeOf(mode), guarantee);
        QVERIFY(s.isServedBy(mode));
    }

    void servedBy_data()
    {
        QTest::addColumn<double>("storedThreshold");
        QTest::addColumn<int>("storedTopK");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<bool>("served");
        QTest::newRow("same") << 1000.0 << 5 << 1000.0 << true;
        QTest::newRow("raised above the stored guarantee") << 1000.0 << 5 << 1500.0 << false;
        QTest::newRow("raised within the protocol") << 600.0 << 5 << 900.0 << true;
        QTest::newRow("lowered after a raised search") << 1500.0 << 5 << 1200.0 << true;
        QTest::newRow("lowered to the protocol") << 1500.0 << 5 << 1000.0 << true;
        QTest::newRow("raised further") << 1500.0 << 5 << 1600.0 << false;
        QTest::newRow("other top-k, larger guarantee") << 1500.0 << 3 << 1000.0 << false;
    }
    void servedBy()
    {
        QFETCH(double, storedThreshold);
        QFETCH(int, storedTopK);
        QFETCH(double, threshold);
        QFETCH(bool, served);
        const QString stored = settingsWith(storedThreshold, TransformSet::ShiftFlip, storedTopK).searchMode();
        QCOMPARE(settingsWith(threshold).isServedBy(stored), served);
    }

    // A plain search never serves a shift/flip one, whatever the guarantee, nor the other way round.
    void plainAndShiftFlipNeverServeEachOther()
    {
        const DedupSettings plain = settingsWith(1000, TransformSet::None);
        const DedupSettings shifts = settingsWith(1000);
        QVERIFY(!plain.isServedBy(shifts.searchMode()));
        QVERIFY(!shifts.isServedBy(plain.searchMode()));
        QVERIFY(!shifts.isServedBy(QString()));
        QCOMPARE(DedupSettings::transformL2GuaranteeOf(QStringLiteral("garbage;l2_guarantee=x")), 0.0);
    }

    // A stored mode is read from the project file: a damaged guarantee reads as the protocol's, never
    // as a larger one, so it can only make a search stale, never cover a raised threshold.
    void damagedGuaranteeReadsAsTheProtocols_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("not a number") << QStringLiteral(";l2_guarantee=abc");
        QTest::newRow("cut off") << QStringLiteral(";l2_guarantee=");
        QTest::newRow("trailing text") << QStringLiteral(";l2_guarantee=1500x");
    }
    void damagedGuaranteeReadsAsTheProtocols()
    {
        QFETCH(QString, suffix);
        const QString mode = kDefaultMode + suffix;
        QCOMPARE(DedupSettings::transformL2GuaranteeOf(mode), 1000.0);
        QVERIFY(!settingsWith(1500).isServedBy(mode));
        QVERIFY(!settingsWith(1000).isServedBy(mode));
    }
};

QTEST_GUILESS_MAIN(TestDedupSettings)
#include "TestDedupSettings.moc"
