#include "ui/SearchOptionsBar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace tc::ui {

SearchOptionsBar::SearchOptionsBar(QWidget *parent) : QWidget(parent)
{
    m_topK = new QSpinBox(this);
    m_topK->setRange(1, 50);
    m_topK->setToolTip(tr("References kept per candidate, reference set and measure (L2 and SSIM)"));
    m_exhaustive = new QCheckBox(tr("Exhaustive"), this);
    m_exhaustive->setToolTip(tr("Exact SSIM against every reference image (slow, for audits) instead of a "
                                "per-candidate shortlist"));
    m_gaussian = new QCheckBox(tr("Gaussian"), this);
    m_gaussian->setToolTip(tr("SSIM with an 11-tap Gaussian window (sigma 1.5) instead of the 7x7 uniform one"));
    m_transforms = new QCheckBox(tr("Shifts, mirror"), this);
    m_transforms->setToolTip(tr("Also score each pair with the reference shifted by up to 2 px and mirrored, "
                                "keeping the best (on: catches shifted and mirrored copies; off: the plain "
                                "protocol)"));
    auto *h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Top-k"), this);
    label->setBuddy(m_topK);
    h->addWidget(label);
    h->addWidget(m_topK);
    h->addWidget(m_exhaustive);
    h->addWidget(m_gaussian);
    h->addWidget(m_transforms);
    setSettings({});
}

void SearchOptionsBar::setSettings(const core::DedupSettings &settings)
{
    m_topK->setValue(settings.topK);
    m_exhaustive->setChecked(settings.exhaustive);
    m_gaussian->setChecked(settings.window == core::SsimWindow::Gaussian11);
    m_transforms->setChecked(settings.transforms != core::TransformSet::None);
}

int SearchOptionsBar::topK() const
{
    return m_topK->value();
}

bool SearchOptionsBar::exhaustive() const
{
    return m_exhaustive->isChecked();
}

core::SsimWindow SearchOptionsBar::window() const
{
    return m_gaussian->isChecked() ? core::SsimWindow::Gaussian11 : core::SsimWindow::Uniform7;
}

} // namespace tc::ui

namespace tc::ui {

core::TransformSet SearchOptionsBar::transforms() const
{
    return m_transforms->isChecked() ? core::TransformSet::ShiftFlip : core::TransformSet::None;
}

} // namespace tc::ui
