// The Add Reference Set dialog from the keyboard: each label's Alt+letter reaches its field (the path's
// row of field and buttons swallowed Alt+P), what is typed is what the dialog returns, and OK waits for a
// name and a path that exists.
#include "MnemonicCheck.h"
#include "ui/AddReferenceDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace tc;

class TestAddReferenceDialog final : public QObject {
    Q_OBJECT
private slots:
    void typedFromTheKeyboard()
    {
        ui::AddReferenceDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QCOMPARE(test::mnemonicProblems(&dialog), QStringList());
        QCOMPARE(test::mnemonicsNotReaching(&dialog), QStringList());

        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::keyClick(&dialog, Qt::Key_N, Qt::AltModifier);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("cifar10-test"));
        QVERIFY2(!ok->isEnabled(), "OK without a path");
        QTemporaryDir dir;
        const QString batch = dir.filePath(QStringLiteral("test_batch"));
        QTest::keyClick(&dialog, Qt::Key_P, Qt::AltModifier);
        QTest::keyClicks(QApplication::focusWidget(), batch);
        QVERIFY2(!ok->isEnabled(), "OK with a path that does not exist");
        QFile file(batch);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_End); // an edit: the dialog looks again
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backspace);
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.name(), QStringLiteral("cifar10-test"));
        QCOMPARE(dialog.path(), batch);
    }
};

QTEST_MAIN(TestAddReferenceDialog)
#include "TestAddReferenceDialog.moc"
