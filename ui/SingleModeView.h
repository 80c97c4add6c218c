#pragma once

#include <QImage>
#include <QWidget>

namespace tc::ui {

class CandidateImageWidget;
class QuotaBar;
class StaticTextLine;

// What single mode shows about one candidate; filled by VerifySession from core, so the view holds no
// project knowledge at all.
struct CandidateCard {
    qint64 candidateId = -1;
    QImage image;
    QString className;
    QString keyword;
    QString source;       // "Tiny Images #123456" or the file path of a folder import
    QString verdict;      // this annotator's current verdict, translated, empty when undecided
    qint64 position = -1; // 1-based position in the filtered queue; 0 outside it; -1 not known yet
    qint64 queueSize = 0;
    int keywordAccepted = 0;
    int keywordQuota = 0;
};

// Single mode: the candidate large, class and keyword prominent, the CIFAR class reminder, and one key per
// decision. The view only translates key presses into signals; VerifyPage commits them through core.
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

signals:
    void acceptRequested();
    void rejectRequested();
    void unsureRequested();
    void backRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *createInfoPanel();

    CandidateImageWidget *m_image = nullptr;
    void setQuota(int accepted, int quota);

    // Text that changes with every candidate: StaticTextLine, so a key press relayouts nothing.
    StaticTextLine *m_className = nullptr;
    StaticTextLine *m_keyword = nullptr;
    StaticTextLine *m_position = nullptr;
    StaticTextLine *m_source = nullptr;
    StaticTextLine *m_verdict = nullptr;
    QuotaBar *m_quota = nullptr;
};

} // namespace tc::ui
