#pragma once

#include "ui/CandidateCard.h"

#include <QWidget>

namespace tc::ui {

class CandidateImageWidget;
class QuotaBar;
class StaticTextLine;

// Single mode: the candidate large, class and keyword prominent, the verdict already recorded (who, when) in its
// colour, the quotas, the CIFAR class reminder, and one key per decision. Y/N/U decide; the arrows and PgUp/PgDn
// only move. The view only translates key presses into signals; VerifyPage commits them through core.
class SingleModeView final : public QWidget {
    Q_OBJECT
public:
    explicit SingleModeView(QWidget *parent = nullptr);

    void showCard(const CandidateCard &card);
    void showEmpty(const QString &message);
    // position 0: the candidate is outside the filter (reached with "back" after its verdict changed);
    // -1: not known yet (a placeholder, never a guess).
    void showPosition(qint64 position, qint64 queueSize);
    // Paints what changed now, in one pass, instead of at the next event-loop iteration.
    void paintNow();
    void setSmooth(bool smooth);
    CandidateImageWidget *imageWidget() const { return m_image; }
    QString positionText() const;
    QString quotaText() const;
    QString classQuotaText() const;
    QString verdictText() const;

    // The key legend, shared with Help > Keyboard Shortcuts so the two never disagree.
    static QString keyLegend();

signals:
    void acceptRequested();
    void rejectRequested();
    void unsureRequested();
    void backRequested();
    void forwardRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *createInfoPanel();

    CandidateImageWidget *m_image = nullptr;
    void showVerdict(const CandidateCard &card);

    // Text that changes with every candidate: StaticTextLine, so a key press relayouts nothing.
    StaticTextLine *m_className = nullptr;
    StaticTextLine *m_keyword = nullptr;
    StaticTextLine *m_position = nullptr;
    StaticTextLine *m_source = nullptr;
    StaticTextLine *m_verdict = nullptr;
    QuotaBar *m_quota = nullptr;
    QuotaBar *m_classQuota = nullptr;
};

} // namespace tc::ui
