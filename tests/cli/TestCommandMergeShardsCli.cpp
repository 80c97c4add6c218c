// Issue 13.4: shards are record ranges; merge-shards of any split (uneven, empty shards, any
// order) gives the unsharded run's bytes. The oracle is the unsharded file itself, compared byte
// for byte. Overlapping or missing ranges and mixed runs are refused by name, without output.
#include "tests/cli/LocateCli.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using tc::test::fixture;
using tc::test::runCli;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// locate over `records` into dir/name; empty string on failure (with a warning).
QString locate(const QString &dir, const QString &name, const QString &records, int k = 3,
               const QString &dataset = QStringLiteral("cifar-10-batches-py"))
{
    const QString out = dir + u'/' + name;
    const auto r = runCli(tc::test::locateArgs(tc::test::smallWorld(dataset), out, records, k));
    if (r.exitCode != 0) {
        qWarning("locate %s: %s", qPrintable(records), r.err.constData());
        return {};
    }
    return out;
}

} // namespace

class TestCommandMergeShardsCli final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("TC_TINY_CHUNK_RECORDS", "7"); // many chunk boundaries, at odd places
        TC_REQUIRE_SHARED();
        QVERIFY(m_tmp.isValid());
        m_whole = locate(m_tmp.path(), QStringLiteral("whole.csv"), QString());
        QVERIFY(!m_whole.isEmpty());
        QVERIFY(readAll(m_whole).contains(",0:1800,"));
    }

    void equalsTheUnshardedRun_data()
    {
        QTest::addColumn<QStringList>("ranges"); // in the order given to merge-shards
        QTest::newRow("one shard") << QStringList{"0:1800"};
        QTest::newRow("three even") << QStringList{"0:600", "600:1200", "1200:1800"};
        QTest::newRow("uneven, shuffled") << QStringList{"1000:1800", "0:1", "1:1000"};
        QTest::newRow("with empty shards") << QStringList{"0:0", "0:900", "900:900", "900:1800", "1800:1800"};
        QTest::newRow("one record each at the ends") << QStringList{"1799:1800", "1:1799", "0:1"};
        QTest::newRow("fewer records than k per shard") << QStringList{"0:2", "2:4", "4:1800"};
    }
    void equalsTheUnshardedRun()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QStringList, ranges);
        QTemporaryDir tmp;
        QStringList shards;
        for (const QString &range : ranges) {
            shards << locate(tmp.path(), QStringLiteral("shard-%1.csv").arg(shards.size()), range);
            QVERIFY(!shards.last().isEmpty());
        }
        const QString merged = tmp.filePath(QStringLiteral("merged.csv"));
        const auto r = runCli(QStringList{QStringLiteral("merge-shards"), merged} + shards);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("records 0:1800"), r.err.constData());
        const QByteArray want = readAll(m_whole), got = readAll(merged);
        QVERIFY(!want.isEmpty());
        QVERIFY2(got == want, "merged shards differ from the unsharded run");
    }

    void refusesBadShardSets_data()
    {
        QTest::addColumn<QStringList>("ranges");
        QTest::addColumn<QString>("mix"); // "", "k", "dataset", "foreign", "cut"
        QTest::addColumn<QString>("message");
        QTest::newRow("overlap") << QStringList{"0:1000", "900:1800"} << ""
                                 << "overlaps";
        QTest::newRow("same shard twice") << QStringList{"0:900", "0:900", "900:1800"} << ""
                                          << "overlaps";
        QTest::newRow("gap") << QStringList{"0:900", "1000:1800"} << ""
                             << "records 900:1000 are missing";
        QTest::newRow("other top-k") << QStringList{"0:900", "900:1800"} << "k"
                                     << "describe different runs";
        QTest::newRow("other dataset") << QStringList{"0:900", "900:1800"} << "dataset"
                                       << "describe different runs";
        QTest::newRow("not a located CSV") << QStringList{"0:900", "900:1800"} << "foreign"
                                           << "not a located CSV";
        QTest::newRow("truncated shard") << QStringList{"0:900", "900:1800"} << "cut"
                                         << "list different numbers of dataset images";
    }
    void refusesBadShardSets()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QStringList, ranges);
        QFETCH(QString, mix);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        QStringList shards;
        for (const QString &range : ranges) {
            const bool last = shards.size() == ranges.size() - 1;
            shards << locate(tmp.path(), QStringLiteral("shard-%1.csv").arg(shards.size()), range,
                             last && mix == QLatin1String("k") ? 2 : 3,
                             last && mix == QLatin1String("dataset") ? QStringLiteral("cifar10.1/cifar10.1_v6_data.npy")
                                                                     : QStringLiteral("cifar-10-batches-py"));
            QVERIFY(!shards.last().isEmpty());
        }
        if (mix == QLatin1String("foreign") || mix == QLatin1String("cut")) {
            QFile f(shards.last());
            QVERIFY(f.open(QIODevice::ReadWrite));
            const QByteArray bytes = f.readAll();
            const QByteArray replaced = mix == QLatin1String("foreign") ? QByteArray("tiny_index,keyword\n1,cat\n")
                                                                        : bytes.left(bytes.size() / 2);
            QVERIFY(f.resize(0) && f.seek(0) && f.write(replaced) == replaced.size());
            if (mix == QLatin1String("cut")) { // end on a whole image's rows: the count, not the syntax, is wrong
                f.close();
                QVERIFY(f.open(QIODevice::ReadWrite));
                QByteArray text = f.readAll();
                QList<QByteArray> lines = text.split('\n');
                lines.removeLast();
                while (!lines.isEmpty() && !lines.last().contains(",1,") && lines.size() > 1)
                    lines.removeLast();
                lines.removeLast(); // the half image
                text = lines.join('\n') + '\n';
                QVERIFY(f.resize(0) && f.seek(0) && f.write(text) == text.size());
            }
        }
        const QString merged = tmp.filePath(QStringLiteral("merged.csv"));
        const auto r = runCli(QStringList{QStringLiteral("merge-shards"), merged} + shards);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(!QFile::exists(merged)); // nothing under the final name
    }

    void refusesUsage()
    {
        auto r = runCli({QStringLiteral("merge-shards"), QStringLiteral("out.csv")});
        QCOMPARE(r.exitCode, 2);
        r = runCli({QStringLiteral("merge-shards"), QStringLiteral("same.csv"), QStringLiteral("same.csv")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("both the output and a shard"));
    }

private:
    QTemporaryDir m_tmp;
    QString m_whole;
};

QTEST_GUILESS_MAIN(TestCommandMergeShardsCli)
#include "TestCommandMergeShardsCli.moc"
