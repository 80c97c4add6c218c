#include "core/readers/KeywordCatalog.h"

#include "core/readers/ReadError.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace tc::core {

namespace {

// Catalogs are a few kilobytes; a file far larger than any catalog is refused before parsing.
constexpr qint64 kMaxCatalogBytes = 64 << 20;

QString unescapeKey(const QByteArray &token) // token includes its quotes
{
    if (!token.contains('\\'))
        return QString::fromUtf8(token.mid(1, token.size() - 2));
    return QJsonDocument::fromJson("[" + token + "]").array().at(0).toString();
}

// Object keys in file order: top-level keys, and for each the keys of its object value (if any).
// Runs only on text QJsonDocument already accepted, so it tracks just strings and nesting.
struct KeyOrder {
    QStringList top;
    QHash<QString, QStringList> inner;
    QHash<QString, QStringList> keywords; // keys of <class>.keywords (the superclass form)
};

KeyOrder scanKeyOrder(const QByteArray &json)
{
    KeyOrder order;
    QByteArray stack; // '{' or '[' per open container
    QString currentTop, currentInner;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '{' || c == '[') {
            stack.append(c);
        } else if (c == '}' || c == ']') {
            stack.chop(1);
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i)
                if (json[i] == '\\')
                    ++i;
            qsizetype j = i + 1;
            while (j < json.size() && (json[j] == ' ' || json[j] == '\t' || json[j] == '\n' || json[j] == '\r'))
                ++j;
            if (j >= json.size() || json[j] != ':' || stack.isEmpty() || stack.back() != '{')
                continue;
            const QString key = unescapeKey(json.mid(start, i - start + 1));
            if (stack.size() == 1 && !order.top.contains(key)) {
                order.top.append(key);
                currentTop = key;
            } else if (stack.size() == 1) {
                currentTop = key;
            } else if (stack.size() == 2 && stack[0] == '{') {
                currentInner = key;
                if (!order.inner[currentTop].contains(key))
                    order.inner[currentTop].append(key);
            } else if (stack.size() == 3 && stack.startsWith("{{") && currentInner == QLatin1String("keywords") &&
                       !order.keywords[currentTop].contains(key)) {
                order.keywords[currentTop].append(key);
            }
        }
    }
    return order;
}

// JSON numbers are doubles: a count must be an integer >= 0 that a double holds exactly.
bool toCount(const QJsonValue &v, qint64 &count)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= 0 && d <= 9007199254740992.0) || std::floor(d) != d)
        return false;
    count = qint64(d);
    return true;
}

QString describe(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isString())
        return QStringLiteral("the string \"%1\"").arg(v.toString().left(40));
    if (v.isObject())
        return QStringLiteral("an object");
    if (v.isArray())
        return QStringLiteral("an array");
    if (v.isBool())
        return QStringLiteral("a boolean");
    return QStringLiteral("null");
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
}

bool KeywordCatalog::load(const QString &path)
{
    clear();
    m_source = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.exists() ? file.errorString() : QStringLiteral("no such file"));
    if (file.size() > kMaxCatalogBytes)
        return fail(QStringLiteral("%1 bytes is far too large for a keyword catalog").arg(file.size()));
    return loadFromData(file.readAll(), path);
}

bool KeywordCatalog::loadFromData(const QByteArray &data, const QString &sourceName)
{
    clear();
    // Windows editors may prepend a UTF-8 byte order mark, which JSON itself does not allow.
    const QByteArray json = data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data;
    m_source = sourceName;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON: %1 at byte offset %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("expected a JSON object of class -> {keyword: count} (or keyword -> count)"));
    const QJsonObject root = doc.object();
    if (root.isEmpty())
        return fail(QStringLiteral("the catalog lists no classes or keywords"));
    const KeyOrder order = scanKeyOrder(json);
    m_flat = !root.value(order.top.first()).isObject(); // the file's first entry sets the shape
    if (m_flat)
        m_classes.append(Class{});
    for (const QString &name : order.top) {
        const QJsonValue value = root.value(name);
        if (m_flat) {
            Keyword k{name, 0};
            if (value.isObject() || !toCount(value, k.count))
                return fail(
                    QStringLiteral("\"%1\": count must be a non-negative integer (got %2)").arg(name, describe(value)));
            m_classes.first().keywords.append(k);
            continue;
        }
        if (!value.isObject())
            return fail(
                QStringLiteral("\"%1\": expected an object of keyword -> count (got %2)").arg(name, describe(value)));
        Class cls{name, {}};
        QJsonObject keywords = value.toObject();
        QStringList keywordOrder = order.inner.value(name);
        if (keywords.value(QLatin1String("keywords")).isObject()) {
            // {"superclass": "...", "keywords": {...}}: a class with a CIFAR-100 superclass
            // (the form core/project/CatalogJson.h documents).
            for (const QString &member : keywordOrder) {
                const QJsonValue v = keywords.value(member);
                if (member == QLatin1String("superclass") && v.isString() && !v.toString().trimmed().isEmpty())
                    cls.superclass = v.toString().trimmed();
                else if (member != QLatin1String("keywords"))
                    return fail(QStringLiteral("\"%1\" -> \"%2\": expected \"keywords\" and a \"superclass\" string "
                                               "(got %3)")
                                    .arg(name, member, describe(v)));
            }
            keywords = keywords.value(QLatin1String("keywords")).toObject();
            keywordOrder = order.keywords.value(name);
        }
        for (const QString &keyword : keywordOrder) {
            Keyword k{keyword, 0};
            if (!toCount(keywords.value(keyword), k.count))
                return fail(QStringLiteral("\"%1\" -> \"%2\": count must be a non-negative integer (got %3)")
                                .arg(name, keyword, describe(keywords.value(keyword))));
            cls.keywords.append(k);
        }
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
    for (int i = 0; i < m_classes.size(); ++i)
        if (m_classes[i].name == className)
            return i;
    return -1;
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
