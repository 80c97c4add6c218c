#pragma once
// What an Alt+letter mnemonic needs to work: a label with one must have a buddy that takes the focus (its own
// focus policy; QLabel skips a buddy without one). QFormLayout::addRow(text, layout) gives no buddy at all and
// addRow(text, container) a buddy without focus: the label then shows its '&', or the key reaches nothing.

#include <QApplication>
#include <QLabel>
#include <QStringList>
#include <QTest>
#include <QWidget>

namespace tc::test {

// The visible labels under root whose mnemonic reaches no field, described for a QVERIFY2 / QCOMPARE.
inline QStringList mnemonicProblems(const QWidget *root)
{
    QStringList problems;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        const QString text = label->text();
        const qsizetype amp = text.indexOf(u'&');
        if (!label->isVisibleTo(root) || amp < 0 || amp + 1 >= text.size() || text.at(amp + 1) == u'&' ||
            label->textFormat() == Qt::RichText || Qt::mightBeRichText(text))
            continue;
        if (!label->buddy())
            problems << QStringLiteral("'%1': no buddy").arg(text);
        else if (label->buddy()->focusPolicy() == Qt::NoFocus)
            problems << QStringLiteral("'%1': its buddy (%2) takes no focus")
                            .arg(text, QString::fromLatin1(label->buddy()->metaObject()->className()));
    }
    return problems;
}

// Presses Alt+letter for every label with a mnemonic under an active window; the list of those whose buddy did
// not get the focus.
inline QStringList mnemonicsNotReaching(QWidget *window)
{
    QStringList missed;
    if (QApplication::activeWindow() != window->window())
        return {QStringLiteral("the window is not active: no mnemonic can reach it")};
    for (QLabel *label : window->findChildren<QLabel *>()) {
        const QString text = label->text();
        const qsizetype amp = text.indexOf(u'&');
        if (!label->isVisible() || !label->buddy() || amp < 0 || amp + 1 >= text.size() || text.at(amp + 1) == u'&')
            continue;
        QTest::keyClick(window, char(text.at(amp + 1).toLower().unicode()), Qt::AltModifier);
        if (!label->buddy()->hasFocus())
            missed << text;
    }
    return missed;
}

} // namespace tc::test
