// The review pane's pair details in the user's language: the reference set's role and the alignment
// are words of the shipped catalogue, not the stored names ("refs #0 (exclude)" and "2 px up" once
// showed through in German).
#include "tests/support/TestSupport.h"
#include "ui/PairDetails.h"
#include "ui/ReviewSession.h"

#include <QApplication>
#include <QTest>
#include <QTranslator>

using namespace tc;

class TestPairDetails final : public QObject {
    Q_OBJECT
private slots:
    void namesRoleAndAlignment_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("alignment");
        QTest::newRow("en exclude") << "en"
                                    << "exclude"
                                    << "CIFAR-10 test #7 (exclude)"
                                    << "the candidate matches the reference mirrored, shifted 2 px up";
        QTest::newRow("en avoid") << "en"
                                  << "avoid"
                                  << "CIFAR-10 test #7 (avoid)"
                                  << "the candidate matches the reference mirrored, shifted 2 px up";
        QTest::newRow("de exclude") << "de"
                                    << "exclude"
                                    << "CIFAR-10 test #7 (Ausschluss)"
                                    << "Der Kandidat entspricht der Referenz gespiegelt, verschoben um 2 px nach oben";
        QTest::newRow("de avoid") << "de"
                                  << "avoid"
                                  << "CIFAR-10 test #7 (nachrangig)"
                                  << "Der Kandidat entspricht der Referenz gespiegelt, verschoben um 2 px nach oben";
    }

    void namesRoleAndAlignment()
    {
        QFETCH(QString, language);
        QFETCH(QString, role);
        QFETCH(QString, reference);
        QFETCH(QString, alignment);
        QTranslator catalogue;
        if (language == QLatin1String("de")) {
            if (!test::loadGermanCatalogue(catalogue))
                QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
            QCoreApplication::installTranslator(&catalogue);
        }
        ui::PairCard card;
        card.candidateName = QStringLiteral("Tiny #1465");
        card.setName = QStringLiteral("CIFAR-10 test");
        card.setRole = role;
        card.refIndex = 7;
        card.ssim = 0.9996;
        card.l2 = 166.3;
        card.transform = core::PairTransform{0, -2, true};
        ui::PairDetails details;
        details.setCard(card);
        QCoreApplication::removeTranslator(&catalogue);
        const QString text = details.text();
        QVERIFY2(text.contains(reference.toHtmlEscaped()), qPrintable(text));
        QVERIFY2(text.contains(alignment), qPrintable(text));
    }
};

QTEST_MAIN(TestPairDetails)
#include "TestPairDetails.moc"
