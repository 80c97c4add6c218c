#include "ui/AnnotatorDialog.h"

#include <QApplication>
#include <QTest>

using tc::ui::AnnotatorDialog;

// The name remembered from the last session is offered, but a second annotator at the same computer
// types their own name over it ("bob", not "alicebob").
class TestAnnotatorDialog final : public QObject {
    Q_OBJECT
private slots:
    void typingReplacesTheRememberedName()
    {
        AnnotatorDialog dialog({QStringLiteral("alice"), QStringLiteral("carol")}, QStringLiteral("alice"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.annotator(), QStringLiteral("alice"));
        QWidget *focused = QApplication::focusWidget();
        QVERIFY(focused);
        QTest::keyClicks(focused, QStringLiteral("bob"));
        QCOMPARE(dialog.annotator(), QStringLiteral("bob"));
    }
};

QTEST_MAIN(TestAnnotatorDialog)
#include "TestAnnotatorDialog.moc"
