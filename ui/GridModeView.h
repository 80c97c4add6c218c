#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

class QLabel;
class QSpinBox;

namespace tc::ui {

class CandidateGridWidget;

// Grid mode: one page of candidates, all "accept" until toggled; Enter (or the button) asks VerifyPage to
// commit the page as one batch. Page size is adjustable because small classes read well at 10x10 while
// cluttered ones need 6x6.
class GridModeView final : public QWidget {
    Q_OBJECT
public:
    explicit GridModeView(QWidget *parent = nullptr);

    void showPage(const QList<QImage> &images, const QString &caption);
    void showEmpty(const QString &message);
    void setSmooth(bool smooth);
    int pageSize() const;
    int columns() const;
    void setPageShape(int columns, int rows);
    CandidateGridWidget *grid() const { return m_grid; }

signals:
    // rejected[i] is the mark of the i-th image of the page shown last.
    void commitRequested(const QList<bool> &rejected);
    void pageShapeChanged();

private:
    void updateSummary();

    CandidateGridWidget *m_grid = nullptr;
    QSpinBox *m_columns = nullptr;
    QSpinBox *m_rows = nullptr;
    QLabel *m_caption = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace tc::ui
