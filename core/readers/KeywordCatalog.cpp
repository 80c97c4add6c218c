#include "core/readers/KeywordCatalog.h"

#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"
#include "core/readers/StrictJson.h"

#include <QSet>
#include <cmath>

namespace tc::core {

namespace {

// A count is summed into quotas, so it must be a whole number that cannot overflow a sum.
bool catalogCount(const JsonValue &v, qint64 *count)
{
    if (!v.isNumber() || !std::isfinite(v.number))
        return false;
    const double d = v.number;
    if (!(d >= 0 && d <= double(KeywordCatalog::kMaxCount)) || std::floor(d) != d)
        return false;
    *count = qint64(d);
    return true;
}

QString quotedKey(const QString &key)
{
    return StrictJson::quoted(key);
}

QString countProblem(const QString &where, const JsonValue &v)
{
    return QStringLiteral("%1: count must be a whole number from 0 to %2 (got %3)")
        .arg(where)
        .arg(KeywordCatalog::kMaxCount)
        .arg(v.describe());
}

} // namespace

qint64 KeywordCatalog::Class::total() const
{
    qint64 sum = 0;
    for (const Keyword &k : keywords)
        sum += k.count;
    return sum;
}

bool KeywordCatalog::fail(const QString &problem)
{
    const QString source = m_source;
    clear();
    m_source = source;
    m_error = fileError(source, problem);
    return false;
}

void KeywordCatalog::clear()
{
    m_error.clear();
    m_source.clear();
    m_flat = false;
    m_classes.clear();
    m_classIndex.clear();
}

QString KeywordCatalog::nameProblem(QStringView name)
{
    if (name.isEmpty())
        return QStringLiteral("empty name");
    for (const QChar c : name) {
        const auto category = c.category();
        // Control characters (newline, tab, NUL, DEL, C1) and the Unicode line and paragraph
        // separators: any of them would split a line of batches.meta.txt or a CSV row.
        if (category == QChar::Other_Control || category == QChar::Separator_Line ||
            category == QChar::Separator_Paragraph)
            return QStringLiteral("contains the control character U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return {};
}

bool KeywordCatalog::load(const QString &path)
{
    clear();
    m_source = path;
    QByteArray bytes;
    InputFile input;
    if (!input.readAll(path, kMaxBytes, &bytes, QStringLiteral("keyword catalog"))) {
        clear();
        m_source = path;
        m_error = input.errorString();
        return false;
    }
    return loadFromData(bytes, path);
}

bool KeywordCatalog::loadFromData(const QByteArray &data, const QString &sourceName)
{
    clear();
    m_source = sourceName;
    if (data.size() > kMaxBytes)
        return fail(QStringLiteral("%1 bytes is too large for a keyword catalog (the limit is %2 bytes)")
                        .arg(data.size())
                        .arg(kMaxBytes));
    JsonValue root;
    StrictJson json;
    if (!json.parse(data, &root))
        return fail(json.errorString());
    if (!root.isObject())
        return fail(QStringLiteral("expected a JSON object of class -> {keyword: count} (or keyword -> count)"));
    if (root.members.empty())
        return fail(QStringLiteral("the catalog lists no classes or keywords"));
    // A name is trimmed and checked once, and two keys equal once trimmed are one name twice.
    const auto name = [this](const QString &raw, const QString &where, QSet<QString> &seen, QString *out) {
        *out = raw.trimmed();
        if (const QString why = nameProblem(*out); !why.isEmpty())
            return fail(QStringLiteral("%1: not a usable name (%2)").arg(where, why));
        if (seen.contains(*out))
            return fail(QStringLiteral("%1: %2 is listed twice").arg(where, StrictJson::quoted(*out)));
        seen.insert(*out);
        return true;
    };
    m_flat = !root.members.front().value.isObject(); // the file's first entry sets the shape
    QSet<QString> classNames;
    if (m_flat) {
        Class cls;
        for (const auto &[key, value] : root.members) {
            Keyword k;
            if (!name(key, quotedKey(key), classNames, &k.keyword))
                return false;
            if (!catalogCount(value, &k.count))
                return fail(countProblem(quotedKey(key), value));
            cls.keywords.append(k);
        }
        m_classes.append(cls);
        m_classIndex.insert(QString(), 0);
        return true;
    }
    for (const auto &[key, value] : root.members) {
        Class cls;
        if (!name(key, quotedKey(key), classNames, &cls.name))
            return false;
        if (!value.isObject())
            return fail(QStringLiteral("%1: expected an object of keyword -> count (got %2)")
                            .arg(quotedKey(key), value.describe()));
        const JsonValue *keywords = &value;
        if (const JsonValue *inner = value.member(u"keywords"); inner && inner->isObject()) {
            // {"superclass": "...", "keywords": {...}}: a class with a CIFAR-100 superclass.
            for (const auto &[member, v] : value.members) {
                if (member == QLatin1String("keywords"))
                    continue;
                if (member != QLatin1String("superclass"))
                    return fail(QStringLiteral("%1 -> %2: expected \"keywords\" and a \"superclass\" string (got %3)")
                                    .arg(quotedKey(key), quotedKey(member), v.describe()));
                QSet<QString> unused;
                if (!v.isString())
                    return fail(QStringLiteral("%1 -> \"superclass\": expected a string (got %2)")
                                    .arg(quotedKey(key), v.describe()));
                if (!name(v.text, quotedKey(key) + QStringLiteral(" -> \"superclass\""), unused, &cls.superclass))
                    return false;
            }
            keywords = inner;
        }
        QSet<QString> keywordNames;
        for (const auto &[kw, v] : keywords->members) {
            const QString where = quotedKey(key) + QStringLiteral(" -> ") + quotedKey(kw);
            Keyword k;
            if (!name(kw, where, keywordNames, &k.keyword))
                return false;
            if (!catalogCount(v, &k.count)) {
                if (keywords == &value && kw == QLatin1String("superclass") && v.isString())
                    return fail(QStringLiteral("%1: a superclass needs the form {\"superclass\": \"...\", "
                                               "\"keywords\": {keyword: count, ...}}")
                                    .arg(quotedKey(key)));
                return fail(countProblem(where, v));
            }
            cls.keywords.append(k);
        }
        m_classIndex.insert(cls.name, int(m_classes.size()));
        m_classes.append(cls);
    }
    return true;
}

QStringList KeywordCatalog::classNames() const
{
    QStringList names;
    for (const Class &c : m_classes)
        names.append(c.name);
    return names;
}

int KeywordCatalog::classIndex(const QString &className) const
{
    return m_classIndex.value(className, -1);
}

QList<KeywordCatalog::Keyword> KeywordCatalog::keywords(const QString &className) const
{
    const int i = classIndex(className);
    return i < 0 ? QList<Keyword>{} : m_classes[i].keywords;
}

qint64 KeywordCatalog::total(const QString &className) const
{
    const int i = classIndex(className);
    return i < 0 ? 0 : m_classes[i].total();
}

qint64 KeywordCatalog::count(const QString &className, const QString &keyword) const
{
    for (const Keyword &k : keywords(className))
        if (k.keyword == keyword)
            return k.count;
    return 0;
}

QString KeywordCatalog::classOf(const QString &keyword) const
{
    for (const Class &c : m_classes)
        for (const Keyword &k : c.keywords)
            if (k.keyword == keyword)
                return c.name;
    return {};
}

qsizetype KeywordCatalog::keywordCount() const
{
    qsizetype n = 0;
    for (const Class &c : m_classes)
        n += c.keywords.size();
    return n;
}

qint64 KeywordCatalog::grandTotal() const
{
    qint64 sum = 0;
    for (const Class &c : m_classes)
        sum += c.total();
    return sum;
}

} // namespace tc::core
