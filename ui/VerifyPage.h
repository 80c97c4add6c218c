#pragma once

#include "ui/VerifySession.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace tc::ui {

class GridModeView;
class SingleModeView;
class StaticTextLine;

// The main window's first tab: filters (class, keyword, verdict), the next suggested keyword, "skip keywords
// whose quota is met", and the two verify modes. It forwards the views' gestures to VerifySession and shows
// what comes back; the queue order, quotas, suggestions and the decision log all live in core.
//
// The keyboard always belongs to the verify view: after any choice in a filter (mouse or keyboard) the focus
// goes back to the image or the grid, and a filter widget never acts on a verdict key (Y, N, U and the
// navigation keys are passed on to the view instead of selecting by type-ahead).
class VerifyPage final : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Single, Grid };

    explicit VerifyPage(QWidget *parent = nullptr);

    // The page does not own the session (MainWindow does, with the project); nullptr clears the page.
    void setSession(VerifySession *session);
    VerifySession *session() const { return m_session; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setSmooth(bool smooth);
    bool undo();

    SingleModeView *singleView() const { return m_single; }
    GridModeView *gridView() const { return m_grid; }
    QList<qint64> pageIds() const { return m_page.ids; }
    VerifySession::GridPage currentPage() const { return m_page; }
    QComboBox *classBox() const { return m_class; }
    QComboBox *keywordBox() const { return m_keyword; }
    QComboBox *verdictBox() const { return m_verdict; }
    QCheckBox *skipMetBox() const { return m_skipMet; }
    QPushButton *suggestionButton() const { return m_goSuggestion; }
    QString suggestionText() const;

    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    // Decisions changed counts: the status bar and statistics refresh (debounced, off the key path).
    void countsChanged();
    void errorOccurred(const QString &message);
    // Something the annotator should notice but need not confirm (a class passed its target).
    void noticed(const QString &message);

private:
    QWidget *createFilterBar();
    void fillClasses();
    void fillKeywords();
    void applyFilter();
    void showCurrent();
    void showPage();
    void decide(int verdict);
    void commitPage(const QList<core::Verdict> &marks);
    void updateSuggestion();
    void updatePosition();
    void goToSuggestion();
    // Gives the keyboard back to the verify view (after a filter choice).
    void focusView();
    void guardFocus(QWidget *filterWidget);

    VerifySession *m_session = nullptr;
    Mode m_mode = Mode::Single;
    QComboBox *m_class = nullptr;
    QComboBox *m_keyword = nullptr;
    QComboBox *m_verdict = nullptr;
    QCheckBox *m_skipMet = nullptr;
    StaticTextLine *m_suggestion = nullptr;
    QPushButton *m_goSuggestion = nullptr;
    qint64 m_suggestedKeyword = 0;
    QStackedWidget *m_stack = nullptr;
    SingleModeView *m_single = nullptr;
    GridModeView *m_grid = nullptr;
    VerifySession::GridPage m_page;
    QTimer *m_countsTimer = nullptr;
    QTimer *m_prefetchTimer = nullptr;
    bool m_filling = false; // combo boxes are being refilled: their signals are not user choices
};

} // namespace tc::ui
