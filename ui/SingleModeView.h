#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace tc::ui {

class CandidateImageWidget;

// What single mode shows about one candidate; filled by VerifySession from core, so the view holds no
// project knowledge at all.
struct CandidateCard {
    qint64 candidateId = -1;
    QImage image;
    QString className;
    QString keyword;
    QString source;   // "Tiny Images #123456" or the file path of a folder import
    QString verdict;  // this annotator's current verdict, translated, empty when undecided
    int position = 0; // 1-based position in the filtered queue
    int queueSize = 0;
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
    // position 0: the candidate is outside the filter (reached with "back" after its verdict changed).
    void showPosition(qint64 position, qint64 queueSize);
    void setSmooth(bool smooth);
    CandidateImageWidget *imageWidget() const { return m_image; }

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
    QLabel *m_className = nullptr;
    QLabel *m_keyword = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_verdict = nullptr;
    QProgressBar *m_quota = nullptr;
};

} // namespace tc::ui
