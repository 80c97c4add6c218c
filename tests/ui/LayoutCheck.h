#pragma once
// What "nothing is clipped" means for a widget tree, checked from the widgets' own size hints rather than by
// eye: every visible label, button, check box and combo has at least the room its text needs (word-wrapped
// labels: the height their width needs), lines that elide by design (StaticTextLine, QuotaBar: the tooltip
// holds the whole text) have their full height, and every widget lies inside its parent. Plus a translator
// that makes every TinyCurator string 40 % longer, word by word (German compounds do not wrap), so the layout
// can be tried in a long language before the German pass exists.

#include "ui/QuotaBar.h"
#include "ui/StaticTextLine.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTranslator>
#include <QWidget>

namespace tc::test {

inline QString describeWidget(const QWidget *w)
{
    QString text;
    if (const auto *label = qobject_cast<const QLabel *>(w))
        text = label->text();
    else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
        text = button->text();
    else if (const auto *line = qobject_cast<const ui::StaticTextLine *>(w))
        text = line->text();
    else if (const auto *bar = qobject_cast<const ui::QuotaBar *>(w))
        text = bar->text();
    return QStringLiteral("%1 '%2' %3x%4")
        .arg(QString::fromLatin1(w->metaObject()->className()), text.left(60))
        .arg(w->width())
        .arg(w->height());
}

// Widgets under root whose text cannot be shown whole (or, for eliding lines, whose height is cut).
inline QStringList clippedWidgets(const QWidget *root)
{
    QStringList problems;
    const auto widgets = root->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisibleTo(root->window()) || w->isWindow())
            continue;
        bool insideScrollArea = false;
        for (const QWidget *p = w->parentWidget(); p && p != root; p = p->parentWidget())
            insideScrollArea = insideScrollArea || qobject_cast<const QAbstractScrollArea *>(p);
        if (insideScrollArea)
            continue; // scrolls: its content may be larger than the view by design
        const QSize min = w->minimumSizeHint();
        if (const auto *label = qobject_cast<const QLabel *>(w)) {
            if (label->text().isEmpty() || !label->pixmap().isNull())
                continue;
            if (label->wordWrap()) {
                const int need = label->heightForWidth(label->width());
                if (need > label->height() + 1)
                    problems
                        << QStringLiteral("wrapped text cut: needs %1 px height: %2").arg(need).arg(describeWidget(w));
            } else if (label->sizeHint().width() > label->width() + 1 ||
                       label->sizeHint().height() > label->height() + 1) {
                problems << QStringLiteral("label cut (needs %1x%2): %3")
                                .arg(label->sizeHint().width())
                                .arg(label->sizeHint().height())
                                .arg(describeWidget(w));
            }
        } else if (qobject_cast<const QPushButton *>(w) || qobject_cast<const QCheckBox *>(w)) {
            const QSize need = w->sizeHint();
            if (need.width() > w->width() + 1 || need.height() > w->height() + 1)
                problems << QStringLiteral("button text cut (needs %1x%2): %3")
                                .arg(need.width())
                                .arg(need.height())
                                .arg(describeWidget(w));
        } else if (qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w)) {
            if (min.width() > w->width() + 1 || min.height() > w->height() + 1)
                problems << QStringLiteral("input below its minimum size: %1").arg(describeWidget(w));
        } else if (qobject_cast<const ui::StaticTextLine *>(w) || qobject_cast<const ui::QuotaBar *>(w)) {
            if (min.height() > w->height() + 1)
                problems << QStringLiteral("line cut vertically: %1").arg(describeWidget(w));
        }
        if (const QWidget *parent = w->parentWidget(); parent && !parent->rect().contains(w->geometry()))
            problems << QStringLiteral("outside its parent %1 (%2x%3): %4")
                            .arg(QString::fromLatin1(parent->metaObject()->className()))
                            .arg(parent->width())
                            .arg(parent->height())
                            .arg(describeWidget(w));
    }
    return problems;
}

// Every TinyCurator string (contexts tc::...), each word 40 % longer; tags, entities, placeholders and the
// mnemonic '&' kept intact. Qt's own strings are left alone (shortcut names must still parse).
class LongTranslator final : public QTranslator {
public:
    bool isEmpty() const override { return false; }

    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (!QByteArray(context).startsWith("tc::"))
            return {};
        return lengthen(QString::fromUtf8(source));
    }

    static QString lengthen(const QString &text)
    {
        QString out;
        qsizetype i = 0;
        while (i < text.size()) {
            const QChar c = text[i];
            if (c == u'<') { // a tag: copied as is
                const qsizetype end = text.indexOf(u'>', i);
                const qsizetype stop = end < 0 ? text.size() : end + 1;
                out += text.mid(i, stop - i);
                i = stop;
            } else if (c == u'&' && text.indexOf(u';', i) > i && text.indexOf(u';', i) - i < 9 &&
                       !text.mid(i, text.indexOf(u';', i) - i).contains(u' ')) { // an entity
                const qsizetype stop = text.indexOf(u';', i) + 1;
                out += text.mid(i, stop - i);
                i = stop;
            } else if (c == u'%') { // %1, %n, %L1
                qsizetype stop = i + 1;
                if (stop < text.size() && text[stop] == u'L')
                    ++stop;
                while (stop < text.size() && (text[stop].isDigit() || text[stop] == u'n'))
                    ++stop;
                out += text.mid(i, stop - i);
                i = stop;
            } else if (c.isLetter()) {
                qsizetype stop = i;
                while (stop < text.size() && text[stop].isLetter())
                    ++stop;
                const QString word = text.mid(i, stop - i);
                out += word;
                if (word.size() >= 2)
                    out += word.mid(1, (word.size() * 2 + 4) / 5).toLower(); // +40 %, rounded up
                i = stop;
            } else {
                out += c;
                ++i;
            }
        }
        return out;
    }
};

} // namespace tc::test
