// tinycurator-cli's one argument rule, over every registered command: --help and -h print that
// command's help (usage "tinycurator-cli <command>", never the binary's path) on stdout and exit 0,
// wherever they stand; usage errors name the command and exit 2; '-' is refused where a folder or
// an image set is expected.
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using tc::test::runCli;

namespace {

// The commands main() lists under "Commands:" in its own help: whatever is registered, so a
// command added later is covered without editing this test.
QStringList registeredCommands()
{
    const auto r = runCli({QStringLiteral("--help")});
    QStringList names;
    bool inList = false;
    for (const QString &line : QString::fromUtf8(r.out).split(QLatin1Char('\n'))) {
        if (line == QLatin1String("Commands:")) {
            inList = true;
            continue;
        }
        if (inList && line.isEmpty())
            break;
        if (inList)
            names << line.trimmed().section(QLatin1Char(' '), 0, 0);
    }
    return names;
}

} // namespace

class TestCommandHelpCli final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        const QStringList commands = registeredCommands();
        QVERIFY2(commands.size() >= 15, qPrintable(commands.join(u' ')));
        QVERIFY(commands.contains(QStringLiteral("near-dups")) && commands.contains(QStringLiteral("stats")));
    }

    void helpOfEveryCommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("extra");
        for (const QString &c : registeredCommands()) {
            QTest::addRow("%s --help", qPrintable(c)) << c << QStringList{QStringLiteral("--help")};
            QTest::addRow("%s -h", qPrintable(c)) << c << QStringList{QStringLiteral("-h")};
            // With other arguments around it, before or after: help still wins (stats -h P ignored -h).
            QTest::addRow("%s -h P", qPrintable(c))
                << c << QStringList{QStringLiteral("-h"), QStringLiteral("/nonexistent/P.tcproj")};
            QTest::addRow("%s P --help", qPrintable(c))
                << c << QStringList{QStringLiteral("/nonexistent/P.tcproj"), QStringLiteral("--help")};
            QTest::addRow("help %s", qPrintable(c)) << QStringLiteral("help") << QStringList{c};
        }
    }
    void helpOfEveryCommand()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, extra);
        const auto r = runCli(QStringList{command} + extra);
        const QString name = command == QLatin1String("help") ? extra.first() : command;
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: tinycurator-cli %1 ").arg(name).toUtf8()), r.out.constData());
        QVERIFY2(!r.out.contains(tc::test::cliPath().toUtf8()), r.out.constData()); // not the binary's path
        QVERIFY2(r.out.contains("-h, --help"), r.out.constData());
    }

    // A usage error names the command, shows its usage line on stderr and exits 2.
    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("stats, no project") << QStringList{QStringLiteral("stats")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("pairs"), QStringLiteral("P"),
                                                       QStringLiteral("--bogus")};
        QTest::newRow("inspect, two paths")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("near-dups, positional") << QStringList{QStringLiteral("near-dups"), QStringLiteral("x"),
                                                              QStringLiteral("--csv"), QStringLiteral("-")};
    }
    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("tinycurator-cli %1: ").arg(args.first()).toUtf8()),
                 r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("Usage: tinycurator-cli %1 ").arg(args.first()).toUtf8()),
                 r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    // '-' is standard input or output for a file argument, and refused (not a file named "-") where
    // a folder or an image set is expected.
    void dashWhereAPathIsExpected_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("inspect") << QStringList{QStringLiteral("inspect"), QStringLiteral("-")};
        QTest::newRow("add-reference") << QStringList{QStringLiteral("add-reference"), QStringLiteral("P.tcproj"),
                                                      QStringLiteral("-"), QStringLiteral("--name"),
                                                      QStringLiteral("x")};
        QTest::newRow("near-dups") << QStringList{QStringLiteral("near-dups"), QStringLiteral("--candidates"),
                                                  QStringLiteral("-"),         QStringLiteral("--references"),
                                                  QStringLiteral("r"),         QStringLiteral("--csv"),
                                                  QStringLiteral("-")};
        QTest::newRow("new --folder") << QStringList{QStringLiteral("new"), QStringLiteral("P.tcproj"),
                                                     QStringLiteral("--folder"), QStringLiteral("-")};
    }
    void dashWhereAPathIsExpected()
    {
        QFETCH(QStringList, args);
        QTemporaryDir tmp;
        QFile dash(tmp.filePath(QStringLiteral("-"))); // a file named "-" that must not be read
        QVERIFY(dash.open(QIODevice::WriteOnly));
        dash.close();
        QProcess p;
        p.setWorkingDirectory(tmp.path());
        p.start(tc::test::cliPath(), args);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains("'-' (standard input) cannot be a folder or an image set"),
                 qPrintable(args.join(u' ')));
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("P.tcproj"))));
    }

    // A catalog on standard input, as '-' promises.
    void catalogFromStandardInput()
    {
        QTemporaryDir tmp;
        QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("images/cat/tabby"))));
        QProcess p;
        p.start(tc::test::cliPath(),
                {QStringLiteral("new"), tmp.filePath(QStringLiteral("p.tcproj")), QStringLiteral("--folder"),
                 tmp.filePath(QStringLiteral("images")), QStringLiteral("--catalog"), QStringLiteral("-")});
        QVERIFY(p.waitForStarted());
        p.write(R"({"cat": {"tabby": 3, "siamese": 1}})");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(out.contains("absent catalog keywords (2): cat/tabby cat/siamese") ||
                     out.contains("absent catalog keywords (2): cat/siamese cat/tabby"),
                 out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCommandHelpCli)
#include "TestCommandHelpCli.moc"
