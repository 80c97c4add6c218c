#include "core/export/ExportSettings.h"

#include <QTest>

using namespace tc::core;

// The one reading of a seed, shared by `export --seed` and the Export dialog's field.
class TestExportSettings final : public QObject {
    Q_OBJECT
private slots:
    void parseSeed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("zero") << QStringLiteral("0") << true << quint64(0);
        QTest::newRow("spaces") << QStringLiteral(" 42 ") << true << quint64(42);
        QTest::newRow("past 31 bits") << QStringLiteral("2147483648") << true << quint64(2147483648ULL);
        QTest::newRow("past 32 bits") << QStringLiteral("4294967297") << true << quint64(4294967297ULL);
        QTest::newRow("largest") << QStringLiteral("18446744073709551615") << true << quint64(18446744073709551615ULL);
        QTest::newRow("leading zeros") << QStringLiteral("000000000000000000007") << true << quint64(7);
        QTest::newRow("2^64") << QStringLiteral("18446744073709551616") << false << quint64(0);
        QTest::newRow("far past 64 bits") << QStringLiteral("99999999999999999999") << false << quint64(0);
        QTest::newRow("negative") << QStringLiteral("-1") << false << quint64(0);
        QTest::newRow("plus") << QStringLiteral("+1") << false << quint64(0);
        QTest::newRow("hex") << QStringLiteral("0x10") << false << quint64(0);
        QTest::newRow("fraction") << QStringLiteral("1.5") << false << quint64(0);
        QTest::newRow("empty") << QString() << false << quint64(0);
        QTest::newRow("arabic-indic digit") << QStringLiteral("\u0661") << false << quint64(0);
    }

    void parseSeed()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(quint64, seed);
        const auto parsed = ExportSettings::parseSeed(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, seed);
    }
};

QTEST_GUILESS_MAIN(TestExportSettings)
#include "TestExportSettings.moc"
