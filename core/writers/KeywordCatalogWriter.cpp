#include "KeywordCatalogWriter.h"

#include <algorithm>

namespace tc::core {

namespace {

// A JSON string as Python's json.dumps writes it (ensure_ascii): ASCII as is, ", \ and control
// characters escaped, everything else as \uXXXX (UTF-16 units, so surrogate pairs for astral ones).
QByteArray jsonString(const QString &s)
{
    QByteArray out("\"");
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'"')
            out += "\\\"";
        else if (u == u'\\')
            out += "\\\\";
        else if (u == u'\n')
            out += "\\n";
        else if (u == u'\r')
            out += "\\r";
        else if (u == u'\t')
            out += "\\t";
        else if (u < 0x20 || u > 0x7e)
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        else
            out += char(u);
    }
    return out + '"';
}

} // namespace

void KeywordCatalogWriter::sortByCount(QList<KeywordCatalog::Keyword> &keywords)
{
    std::stable_sort(keywords.begin(), keywords.end(), [](const auto &a, const auto &b) {
        return a.count > b.count || (a.count == b.count && a.keyword < b.keyword);
    });
}

bool KeywordCatalogWriter::write(QIODevice *device, const QList<KeywordCatalog::Class> &classes)
{
    m_error.clear();
    if (classes.isEmpty()) {
        m_error = QStringLiteral("a catalog needs at least one class");
        return false;
    }
    QByteArray out("{");
    for (qsizetype i = 0; i < classes.size(); ++i) {
        const auto &c = classes.at(i);
        if (const QString why = KeywordCatalog::nameProblem(c.name); !why.isEmpty()) {
            m_error = QStringLiteral("class %1: %2").arg(c.name, why);
            return false;
        }
        out += i ? ",\n  " : "\n  ";
        out += jsonString(c.name) + ": {";
        for (qsizetype j = 0; j < c.keywords.size(); ++j) {
            const auto &k = c.keywords.at(j);
            if (const QString why = KeywordCatalog::nameProblem(k.keyword); !why.isEmpty()) {
                m_error = QStringLiteral("class %1, keyword %2: %3").arg(c.name, k.keyword, why);
                return false;
            }
            if (k.count < 0 || k.count > KeywordCatalog::kMaxCount) {
                m_error =
                    QStringLiteral("class %1, keyword %2: count %3 out of range").arg(c.name, k.keyword).arg(k.count);
                return false;
            }
            out += j ? ",\n    " : "\n    ";
            out += jsonString(k.keyword) + ": " + QByteArray::number(k.count);
        }
        out += c.keywords.isEmpty() ? "}" : "\n  }";
    }
    out += "\n}";
    if (device->write(out) != out.size()) {
        m_error = QStringLiteral("cannot write (%1)").arg(device->errorString());
        return false;
    }
    return true;
}

} // namespace tc::core
