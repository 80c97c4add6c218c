// PairTransform's words and codes: what the review pane says about an alignment, in English and in
// the shipped German catalogue (a shift of 2 px once stayed "2 px up" in German: the count hid the
// entry from the translator), and the stable code of CSV and CLI round-tripping for all 50.
#include "core/common/PairTransform.h"
#include "tests/support/TestSupport.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace tc::core;

Q_DECLARE_METATYPE(tc::core::PairTransform)

class TestPairTransform final : public QObject {
    Q_OBJECT
private slots:
    void describes_data()
    {
        QTest::addColumn<PairTransform>("transform");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("german");
        QTest::newRow("identity") << PairTransform{} << QStringLiteral("same alignment")
                                  << QStringLiteral("gleiche Ausrichtung");
        QTest::newRow("1 right") << PairTransform{1, 0, false} << QStringLiteral("shifted 1 px right")
                                 << QStringLiteral("verschoben um 1 px nach rechts");
        QTest::newRow("2 up, mirrored") << PairTransform{0, -2, true} << QStringLiteral("mirrored, shifted 2 px up")
                                        << QStringLiteral("gespiegelt, verschoben um 2 px nach oben");
        QTest::newRow("2 left, 1 down") << PairTransform{-2, 1, false}
                                        << QStringLiteral("shifted 2 px left and 1 px down")
                                        << QStringLiteral("verschoben um 2 px nach links und 1 px nach unten");
        QTest::newRow("mirrored") << PairTransform{0, 0, true} << QStringLiteral("mirrored")
                                  << QStringLiteral("gespiegelt");
    }

    void describes()
    {
        QFETCH(PairTransform, transform);
        QFETCH(QString, english);
        QFETCH(QString, german);
        QCOMPARE(transform.describe(), english);

        QTranslator catalogue;
        if (!tc::test::loadGermanCatalogue(catalogue))
            QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
        QCoreApplication::installTranslator(&catalogue);
        const QString translated = transform.describe();
        QCoreApplication::removeTranslator(&catalogue);
        QCOMPARE(translated, german);
    }

    void codesRoundTrip()
    {
        for (const PairTransform &t : shiftFlipTransforms()) {
            const auto back = PairTransform::fromCode(t.code());
            QVERIFY2(back && *back == t, qPrintable(t.code()));
        }
        QCOMPARE(PairTransform{}.code(), QStringLiteral("none"));
        QCOMPARE((PairTransform{-1, 2, true}.code()), QStringLiteral("mirror,dx=-1,dy=2"));
        QVERIFY(!PairTransform::fromCode(QStringLiteral("dx=3")));
        QVERIFY(!PairTransform::fromCode(QStringLiteral("mirror,,dx=1")));
        QVERIFY(!PairTransform::fromCode(QStringLiteral("sideways")));
    }
};

QTEST_GUILESS_MAIN(TestPairTransform)
#include "TestPairTransform.moc"
