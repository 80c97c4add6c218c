#include "ui/ThresholdBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTextDocument>
#include <QVBoxLayout>
#include <cmath>

namespace tc::ui {

namespace {
// SSIM in steps of 0.005 (the slider is integer); L2 in steps of 10 grey-level units.
constexpr double kSsimStep = 0.005;
constexpr double kL2Step = 10.0;
} // namespace

ThresholdBar::ThresholdBar(QWidget *parent) : QWidget(parent)
{
    m_ssim = new QSlider(Qt::Horizontal, this);
    m_ssim->setRange(0, int(1.0 / kSsimStep));
    m_ssim->setToolTip(tr("Pairs with SSIM at or above this value are flagged for review"));
    m_l2 = new QSlider(Qt::Horizontal, this);
    m_l2->setRange(0, 500); // 0..5000 until the data says otherwise
    m_l2->setToolTip(tr("Pairs with L2 distance at or below this value are flagged for review"));
    m_ssimValue = new QLabel(this);
    m_l2Value = new QLabel(this);
    m_counts = new QLabel(this);
    m_counts->setWordWrap(true);
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setToolTip(
        tr("What an export would do with every candidate at these thresholds: an exact copy of an exclude-set "
           "image is always removed (it is not reviewed); a pair with an exclude set marked duplicate removes its "
           "candidate; a pair marked distinct does not remove it by itself; an unreviewed pair above the "
           "thresholds removes it while the export counts unreviewed pairs as duplicates (the default); of "
           "identical candidates one is kept."));
    for (QLabel *l : {m_ssimValue, m_l2Value})
        l->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00000.0")));

    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    auto *h = new QHBoxLayout;
    v->addLayout(h);
    v->addWidget(m_counts);
    h->addWidget(new QLabel(tr("SSIM \u2265"), this));
    h->addWidget(m_ssim, 2);
    h->addWidget(m_ssimValue);
    h->addSpacing(12);
    h->addWidget(new QLabel(tr("or L2 \u2264"), this));
    h->addWidget(m_l2, 2);
    h->addWidget(m_l2Value);
    h->addSpacing(12);
    m_set = new QComboBox(this);
    m_set->setToolTip(tr("List the pairs of one reference set"));
    m_set->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    h->addWidget(m_set);
    setReferenceSets({});
    connect(m_set, &QComboBox::activated, this, [this] { emit referenceSetChanged(referenceSetId()); });
    connect(m_ssim, &QSlider::valueChanged, this, &ThresholdBar::onMoved);
    connect(m_l2, &QSlider::valueChanged, this, &ThresholdBar::onMoved);
    setThresholds(0.75, 1000.0); // the CIFAR-10.2 and CIFAR-10.1 defaults
}

double ThresholdBar::ssimThreshold() const
{
    return m_ssim->value() * kSsimStep;
}
double ThresholdBar::l2Threshold() const
{
    return m_l2->value() * kL2Step;
}

void ThresholdBar::setThresholds(double ssim, double l2)
{
    m_setting = true;
    m_ssim->setValue(int(std::lround(ssim / kSsimStep)));
    m_l2->setValue(int(std::lround(l2 / kL2Step)));
    m_setting = false;
    onMoved();
}

void ThresholdBar::setL2Maximum(double maximum)
{
    m_l2->setMaximum(std::max(m_l2->value(), int(std::ceil(maximum / kL2Step))));
}

void ThresholdBar::setTally(const core::DuplicateTally &t)
{
    m_counts->setText(tr("<b>%1 to review</b> &nbsp;&middot;&nbsp; export removes <b>%2 of %3</b> candidates (exact "
                         "copies of exclude images %4, marked duplicate %5, unreviewed above the thresholds %6, "
                         "identical copies %7) &nbsp;&middot;&nbsp; %8 kept")
                          .arg(t.toReview)
                          .arg(t.removed.total())
                          .arg(t.candidates)
                          .arg(t.removed.excludeExact)
                          .arg(t.removed.markedDuplicate)
                          .arg(t.removed.unreviewedAbove)
                          .arg(t.removed.internalExact)
                          .arg(t.kept()));
}

QString ThresholdBar::countsText() const
{
    QTextDocument doc;
    doc.setHtml(m_counts->text());
    return doc.toPlainText();
}

void ThresholdBar::setReferenceSets(const QList<QPair<qint64, QString>> &sets)
{
    const qint64 current = m_set->count() ? referenceSetId() : 0;
    m_set->clear();
    m_set->addItem(tr("All reference sets"), qint64(0));
    for (const auto &[id, name] : sets)
        m_set->addItem(name, id);
    m_set->setCurrentIndex(std::max(0, m_set->findData(current)));
}

qint64 ThresholdBar::referenceSetId() const
{
    return m_set->currentData().toLongLong();
}

void ThresholdBar::onMoved()
{
    m_ssimValue->setText(QString::number(ssimThreshold(), 'f', 3));
    m_l2Value->setText(QString::number(l2Threshold(), 'f', 0));
    if (!m_setting)
        emit thresholdsChanged(ssimThreshold(), l2Threshold());
}

} // namespace tc::ui
