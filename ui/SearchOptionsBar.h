#pragma once

#include "core/dedup/DedupStore.h"

#include <QWidget>

class QCheckBox;
class QSpinBox;

namespace tc::ui {

// How the duplicate search finds pairs: top-k references kept per candidate and measure, exact SSIM
// against every reference (exhaustive) instead of a shortlist, and the Gaussian SSIM window instead of
// the 7x7 uniform one, and whether pairs are also scored shifted and mirrored (core::TransformSet; on by
// default, off: the plain protocol). The values are the project's settings (core::DedupSettings); the owner saves them
// before a run, and a run in a changed mode measures every pair again.
class SearchOptionsBar final : public QWidget {
    Q_OBJECT
public:
    explicit SearchOptionsBar(QWidget *parent = nullptr);

    void setSettings(const core::DedupSettings &settings);
    int topK() const;
    bool exhaustive() const;
    core::SsimWindow window() const;
    core::TransformSet transforms() const;

    QSpinBox *topKBox() const { return m_topK; }
    QCheckBox *exhaustiveBox() const { return m_exhaustive; }
    QCheckBox *gaussianBox() const { return m_gaussian; }
    QCheckBox *transformsBox() const { return m_transforms; }

private:
    QSpinBox *m_topK = nullptr;
    QCheckBox *m_exhaustive = nullptr;
    QCheckBox *m_gaussian = nullptr;
    QCheckBox *m_transforms = nullptr;
};

} // namespace tc::ui
