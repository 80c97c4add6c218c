#pragma once

#include "core/project/ProjectTypes.h"

#include <QImage>
#include <QList>
#include <QWidget>

class QLabel;
class QSpinBox;

namespace tc::ui {

class CandidateGridWidget;
class QuotaBar;

// Grid mode: one page of candidates of one keyword of one class. The header asks the page's question ("Is each
// image a bird? keyword: cassowary"), shows the keyword's and the class's quota as they would stand after the
// page (over-quota in its own colour and words) and counts the marks after every toggle; Enter (or the
// button) asks VerifyPage to commit. The page size is adjustable because small classes read well at 100 tiles
// while cluttered ones need 36; the columns follow the space (CandidateGridWidget).
class GridModeView final : public QWidget {
    Q_OBJECT
public:
    struct Header {
        QString className, keyword;
        qint64 keywordAccepted = 0, keywordQuota = 0;
        qint64 classAccepted = 0, classTarget = 0;
    };

    explicit GridModeView(QWidget *parent = nullptr);

    void showPage(const QList<QImage> &images, const QList<core::Verdict> &recorded, const QList<core::Verdict> &marks,
                  const Header &header);
    void showEmpty(const QString &message);
    void setSmooth(bool smooth);
    int pageSize() const;
    void setPageSize(int tiles);
    CandidateGridWidget *grid() const { return m_grid; }
    QSpinBox *pageSizeBox() const { return m_pageSize; }
    QString questionText() const;
    QString summaryText() const;
    QString quotaText() const;
    QString classQuotaText() const;
    // Accepts the page would add to its keyword (and class) if committed now: newly accepted tiles minus
    // accepted ones marked otherwise.
    qint64 pendingAccepts() const;

signals:
    // marks[i] is the mark of the i-th image of the page shown last.
    void commitRequested(const QList<core::Verdict> &marks);
    void pageShapeChanged();

private:
    void updateSummary();

    CandidateGridWidget *m_grid = nullptr;
    QSpinBox *m_pageSize = nullptr;
    QLabel *m_question = nullptr;
    QuotaBar *m_quota = nullptr;
    QuotaBar *m_classQuota = nullptr;
    QLabel *m_summary = nullptr;
    Header m_header;
    bool m_empty = true;
};

} // namespace tc::ui
