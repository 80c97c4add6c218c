// The batches of a CIFAR folder, which both writers follow: near-equal contiguous train batches
// covering every image once (at least one batch, even for an absurd count), then the test batch; CIFAR-100
// style one train and one test file.
#include "core/writers/CifarLayout.h"

#include <QTest>

using namespace tc::core;

class TestCifarLayout final : public QObject {
    Q_OBJECT
private slots:
    void batchRanges()
    {
        // 10 images over 3 batches: 4, 3, 3 and contiguous.
        QCOMPARE(batchRange(10, 3, 0).first, 0);
        QCOMPARE(batchRange(10, 3, 0).size, 4);
        QCOMPARE(batchRange(10, 3, 1).first, 4);
        QCOMPARE(batchRange(10, 3, 2).first, 7);
        QCOMPARE(batchRange(10, 3, 2).size, 3);
    }

    void files_data()
    {
        QTest::addColumn<qsizetype>("train");
        QTest::addColumn<qsizetype>("test");
        QTest::addColumn<int>("batches");
        QTest::addColumn<bool>("cifar100");
        QTest::addColumn<QStringList>("stems");
        QTest::addColumn<QList<qsizetype>>("sizes");
        QTest::newRow("cifar10") << qsizetype(50000) << qsizetype(10000) << 5 << false
                                 << QStringList{"data_batch_1", "data_batch_2", "data_batch_3",
                                                "data_batch_4", "data_batch_5", "test_batch"}
                                 << QList<qsizetype>{10000, 10000, 10000, 10000, 10000, 10000};
        QTest::newRow("uneven") << qsizetype(11) << qsizetype(2) << 3 << false
                                << QStringList{"data_batch_1", "data_batch_2", "data_batch_3", "test_batch"}
                                << QList<qsizetype>{4, 4, 3, 2};
        QTest::newRow("no batches asked") << qsizetype(7) << qsizetype(1) << 0 << false
                                          << QStringList{"data_batch_1", "test_batch"} << QList<qsizetype>{7, 1};
        QTest::newRow("cifar100 ignores batches") << qsizetype(500) << qsizetype(100) << 5 << true
                                                  << QStringList{"train", "test"} << QList<qsizetype>{500, 100};
    }
    void files()
    {
        QFETCH(qsizetype, train);
        QFETCH(qsizetype, test);
        QFETCH(int, batches);
        QFETCH(bool, cifar100);
        QFETCH(QStringList, stems);
        QFETCH(QList<qsizetype>, sizes);
        const auto files = cifarBatchFiles(train, test, batches, cifar100);
        QStringList gotStems;
        QList<qsizetype> gotSizes;
        qsizetype nextTrain = 0;
        for (const CifarBatchFile &f : files) {
            gotStems << f.stem;
            gotSizes << f.images.size;
            if (f.train) { // contiguous, in order, every image once
                QCOMPARE(f.images.first, nextTrain);
                nextTrain += f.images.size;
                QCOMPARE(f.batches, int(files.size()) - 1);
                QCOMPARE(f.batch, int(gotStems.size()));
            } else {
                QCOMPARE(f.images.first, qsizetype(0));
            }
        }
        QCOMPARE(gotStems, stems);
        QCOMPARE(gotSizes, sizes);
        QCOMPARE(nextTrain, train);
    }
};

QTEST_MAIN(TestCifarLayout)
#include "TestCifarLayout.moc"
