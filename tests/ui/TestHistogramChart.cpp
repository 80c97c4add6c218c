// The duplicate histograms at the widths a side panel gives them: the axes show fewer, round-numbered
// labels instead of elided ones ("0... 0... 0..."), the bins hold every value, the threshold side counts.
#include "ui/HistogramChart.h"

#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QTest>
#include <cmath>

using namespace tc::ui;

class TestHistogramChart final : public QObject {
    Q_OBJECT
private slots:
    void labelsAreWhole_data();
    void labelsAreWhole();
    void binsAndThreshold();
};

void TestHistogramChart::labelsAreWhole_data()
{
    QTest::addColumn<double>("hi");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    for (int width : {240, 320, 500, 900}) // the side panel is never narrower than its tab bar (~330 px)
        for (double hi : {1.0, 5000.0, 14000.0})
            QTest::addRow("0..%g in %d px", hi, width) << hi << width << (width < 300 ? 180 : 320);
}

void TestHistogramChart::labelsAreWhole()
{
    QFETCH(double, hi);
    QFETCH(int, width);
    QFETCH(int, height);
    HistogramChart chart;
    chart.setAxisTitles(QStringLiteral("max SSIM"), QStringLiteral("candidates"));
    chart.setRange(0.0, hi, 50);
    std::vector<double> values;
    for (int i = 0; i < 3000; ++i)
        values.push_back(hi * std::pow(double(i % 97) / 97.0, 2.0)); // up to 97 per bin
    chart.setValues(values);
    chart.setThreshold(hi * 0.75);
    chart.resize(width, height);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTest::qWait(50);
    QStringList labels;
    for (QGraphicsItem *item : chart.scene()->items()) {
        QString text;
        if (auto *t = dynamic_cast<QGraphicsTextItem *>(item))
            text = t->toPlainText();
        else if (auto *s = dynamic_cast<QGraphicsSimpleTextItem *>(item))
            text = s->text();
        if (!item->isVisible() || text.isEmpty())
            continue;
        QVERIFY2(!text.contains(QStringLiteral("...")) && !text.contains(QChar(0x2026)), qPrintable(text));
        labels << text;
    }
    // Round steps (1, 2, 2.5 or 5 times a power of ten), at least the two ends labelled.
    for (double step : {chart.xTickInterval(), chart.yTickInterval()}) {
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
        QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 2.5) < 1e-9 ||
                     std::abs(mantissa - 5) < 1e-9,
                 qPrintable(QString::number(step)));
    }
    QVERIFY(hi / chart.xTickInterval() >= 1.0 - 1e-9);
    QVERIFY2(labels.contains(QStringLiteral("0")) || labels.contains(QStringLiteral("0.0")),
             qPrintable(labels.join('|')));
    QVERIFY2(labels.contains(QStringLiteral("max SSIM")), qPrintable(labels.join('|')));
}

void TestHistogramChart::binsAndThreshold()
{
    HistogramChart chart;
    chart.setRange(0.0, 1.0, 50);
    chart.setFlaggedAbove(true);
    chart.setValues({0.0, 0.31, 0.5, 0.76, 0.99, 1.0, 1.5, -0.2, std::nan("")});
    chart.setThreshold(0.75);
    const std::vector<int> &bins = chart.binCounts();
    QCOMPARE(std::accumulate(bins.begin(), bins.end(), 0), 8); // NaN left out; outside values clamp
    QCOMPARE(bins.front(), 2);
    QCOMPARE(bins[15], 1);
    QCOMPARE(bins.back(), 3);
    QCOMPARE(chart.flaggedCount(), 4);
}

QTEST_MAIN(TestHistogramChart)
#include "TestHistogramChart.moc"
