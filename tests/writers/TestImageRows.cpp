// ImageRows lets the writers take an export's images straight from the loaded snapshot, in the
// selection's order. Oracle: the same writer given a set that really holds those images in that
// order (the path the Python-checked writer tests cover) must produce the same bytes, across chunk
// boundaries (more than 256 images) and for CIFAR-10 and CIFAR-100 style sets.
#include "core/writers/CifarBinaryWriter.h"
#include "core/writers/CifarPythonWriter.h"
#include "core/writers/ImageRows.h"
#include "core/writers/NpyWriter.h"
#include "core/writers/NpzWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <cstring>
#include <numeric>

using namespace tc::core;

class TestImageRows final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void countAndChunks();
    void writersMatchAMaterializedSet_data();
    void writersMatchAMaterializedSet();

private:
    ImageSet m_pool;               // the "snapshot": 700 images
    std::vector<qsizetype> m_rows; // 601 of them, shuffled
    ImageSet m_chosen;             // the same images copied out, with labels and names
};

void TestImageRows::initTestCase()
{
    m_pool = tc::test::syntheticSet(700, 10, 3);
    std::vector<qsizetype> all(700);
    std::iota(all.begin(), all.end(), qsizetype(0));
    std::shuffle(all.begin(), all.end(), *QRandomGenerator::global());
    m_rows.assign(all.begin(), all.begin() + 601);
    m_chosen.labelNames = m_pool.labelNames;
    m_chosen.pixels.resize(m_rows.size() * kImageBytes);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        std::memcpy(m_chosen.pixels.data() + i * kImageBytes, m_pool.image(m_rows[i]).data(), kImageBytes);
        m_chosen.labels.push_back(m_pool.labels[size_t(m_rows[i])]);
        m_chosen.filenames << m_pool.filenames[m_rows[i]];
    }
}

void TestImageRows::countAndChunks()
{
    const ImageRows none;
    QCOMPARE(none.count(), 0);
    const ImageRows all(m_pool), rows(m_pool, m_rows);
    QCOMPARE(all.count(), 700);
    QCOMPARE(rows.count(), 601);
    for (const auto *r : {&all, &rows}) {
        const qsizetype first = 37, n = r->count() - 40;
        QByteArray joined;
        int pieces = 0;
        r->forEachChunk(first, n, [&](QByteArrayView piece) {
            joined += piece.toByteArray();
            ++pieces;
        });
        QCOMPARE(joined.size(), n * kImageBytes);
        for (qsizetype i = 0; i < n; ++i)
            QVERIFY(std::memcmp(joined.constData() + i * kImageBytes, r->image(first + i), kImageBytes) == 0);
        QVERIFY(pieces >= 1);
    }
    for (size_t i = 0; i < m_rows.size(); ++i)
        QVERIFY(rows.image(qsizetype(i)) == m_pool.image(m_rows[i]).data());
}

using FolderWriter = std::function<bool(const QString &dir, const ImageSet &set, const ImageRows *rows)>;
Q_DECLARE_METATYPE(FolderWriter)

void TestImageRows::writersMatchAMaterializedSet_data()
{
    QTest::addColumn<FolderWriter>("write");
    QTest::addColumn<bool>("cifar100");
    // set: labels and names; rows: where the pixels are (null: the set's own).
    const auto py = [](const QString &dir, const ImageSet &set, const ImageRows *rows) {
        CifarPythonWriter w;
        return rows ? w.writeFolder(dir, set, *rows, set, *rows, 3) : w.writeFolder(dir, set, set, 3);
    };
    const auto bin = [](const QString &dir, const ImageSet &set, const ImageRows *rows) {
        CifarBinaryWriter w;
        return rows ? w.writeFolder(dir, set, *rows, set, *rows, 3) : w.writeFolder(dir, set, set, 3);
    };
    const auto numpy = [](const QString &dir, const ImageSet &set, const ImageRows *rows) {
        const NpyArray images = rows ? NpyArray::images(*rows) : NpyArray::images(set);
        QFile npy(dir + QStringLiteral("/x.npy")), npz(dir + QStringLiteral("/x.npz"));
        NpyWriter w;
        if (!npy.open(QIODevice::WriteOnly) || !w.write(&npy, images) || !npz.open(QIODevice::WriteOnly))
            return false;
        NpzWriter z(&npz);
        return z.add(QStringLiteral("images"), images) &&
               z.add(QStringLiteral("labels"), NpyArray::int64s(std::span<const int>(set.labels))) && z.finish();
    };
    for (const bool c100 : {false, true}) {
        QTest::addRow("cifar-python%s", c100 ? " (100)" : "") << FolderWriter(py) << c100;
        QTest::addRow("cifar-binary%s", c100 ? " (100)" : "") << FolderWriter(bin) << c100;
    }
    QTest::addRow("npy + npz") << FolderWriter(numpy) << false;
}

static QMap<QString, QByteArray> folderBytes(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            files.insert(QFileInfo(f.fileName()).fileName(), f.readAll());
    }
    return files;
}

void TestImageRows::writersMatchAMaterializedSet()
{
    QFETCH(FolderWriter, write);
    QFETCH(bool, cifar100);
    ImageSet chosen = m_chosen, meta = m_chosen;
    meta.pixels.clear(); // only labels and names: the pixels come from the rows
    if (cifar100) {
        chosen.coarseLabelNames = meta.coarseLabelNames = {QStringLiteral("a"), QStringLiteral("b")};
        for (const int l : chosen.labels)
            chosen.coarseLabels.push_back(l % 2);
        meta.coarseLabels = chosen.coarseLabels;
    }
    QTemporaryDir a, b;
    QVERIFY(write(a.path(), chosen, nullptr));
    const ImageRows rows(m_pool, m_rows);
    QVERIFY(write(b.path(), meta, &rows));
    const auto expected = folderBytes(a.path()), got = folderBytes(b.path());
    QVERIFY(expected.size() >= 2);
    QCOMPARE(got.keys(), expected.keys());
    for (const auto &name : expected.keys())
        QVERIFY2(got[name] == expected[name], qPrintable(name));
}

QTEST_GUILESS_MAIN(TestImageRows)
#include "TestImageRows.moc"
