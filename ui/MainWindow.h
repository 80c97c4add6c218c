#pragma once

#include <QMainWindow>

namespace tc::ui {

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    bool openProject(const QString &path);

private:
    void createMenus();
};

} // namespace tc::ui
