#pragma once

#include <QDialog>

class QComboBox;

namespace tc::ui {

// Asked when a project opens: who is deciding? Lists the annotators the project already knows (their
// decisions are kept apart, which is what makes agreement measurable) and accepts a new name.
class AnnotatorDialog final : public QDialog {
    Q_OBJECT
public:
    AnnotatorDialog(const QStringList &known, const QString &preferred, QWidget *parent = nullptr);
    QString annotator() const;

    // Runs the dialog; empty when cancelled.
    static QString ask(QWidget *parent, const QStringList &known, const QString &preferred);

private:
    QComboBox *m_names = nullptr;
};

} // namespace tc::ui
