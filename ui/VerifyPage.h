#pragma once

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace tc::ui {

class GridModeView;
class SingleModeView;
class VerifySession;

// The main window's first tab: filters (class, keyword, verdict), the next suggested keyword, and the two
// verify modes. It forwards the views' gestures to VerifySession and shows what comes back; the queue
// order, quotas, suggestions and the decision log all live in core.
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
    QList<qint64> pageIds() const { return m_pageIds; }

signals:
    // Decisions changed counts: the status bar and statistics refresh (debounced, off the key path).
    void countsChanged();
    void errorOccurred(const QString &message);

private:
    QWidget *createFilterBar();
    void fillClasses();
    void fillKeywords();
    void applyFilter();
    void showCurrent();
    void showPage();
    void decide(int verdict);
    void commitPage(const QList<bool> &rejected);
    void updateSuggestion();
    void updatePosition();
    void goToSuggestion();

    VerifySession *m_session = nullptr;
    Mode m_mode = Mode::Single;
    QComboBox *m_class = nullptr;
    QComboBox *m_keyword = nullptr;
    QComboBox *m_verdict = nullptr;
    QLabel *m_suggestion = nullptr;
    QPushButton *m_goSuggestion = nullptr;
    qint64 m_suggestedKeyword = 0;
    QStackedWidget *m_stack = nullptr;
    SingleModeView *m_single = nullptr;
    GridModeView *m_grid = nullptr;
    QList<qint64> m_pageIds;
    QTimer *m_countsTimer = nullptr;
    QTimer *m_prefetchTimer = nullptr;
    bool m_filling = false; // combo boxes are being refilled: their signals are not user choices
};

} // namespace tc::ui
