#include "core/project/SuperclassMap.h"

#include "core/common/Csv.h"
#include "core/readers/InputFile.h"
#include "core/readers/KeywordCatalog.h"
#include "core/readers/StrictJson.h"

#include <QBuffer>
#include <QFileInfo>
#include <QStringList>

namespace tc::core {

bool SuperclassMap::fail(const QString &message)
{
    m_error = message;
    return false;
}

// A superclass name follows the rule of every class-like name (KeywordCatalog::nameProblem); an
// empty one clears.
bool SuperclassMap::checkSuperclass(const QString &super, const QString &where)
{
    if (super.isEmpty())
        return true;
    if (const QString why = KeywordCatalog::nameProblem(super); !why.isEmpty()) {
        return fail(
            QStringLiteral("%1: superclass %2 is not a usable name (%3)").arg(where, StrictJson::quoted(super), why));
    }
    return true;
}

bool SuperclassMap::parseJson(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map)
{
    m_error.clear();
    JsonValue root;
    StrictJson json;
    if (!json.parse(bytes, &root)) {
        return fail(QStringLiteral("%1: %2").arg(path, json.errorString()));
    }
    if (!root.isObject()) {
        return fail(QStringLiteral("%1: not a JSON object of class -> superclass").arg(path));
    }
    for (const auto &[key, value] : root.members) {
        if (!value.isString() && value.type != JsonValue::Type::Null) {
            return fail(QStringLiteral("%1: class '%2': superclass is not a string or null").arg(path, key));
        }
        const QString cls = key.trimmed(), super = value.text.trimmed();
        if (cls.isEmpty() || map->contains(cls)) {
            return fail(QStringLiteral("%1: class '%2' is %3")
                            .arg(path, key, cls.isEmpty() ? QStringLiteral("empty") : QStringLiteral("listed twice")));
        }
        if (!checkSuperclass(super, QStringLiteral("%1: class '%2'").arg(path, cls)))
            return false;
        map->insert(cls, super);
    }
    return true;
}

bool SuperclassMap::parseCsv(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map)
{
    m_error.clear();
    QBuffer device;
    device.setData(bytes);
    device.open(QIODevice::ReadOnly);
    CsvReader reader(&device, path);
    QStringList fields;
    bool first = true;
    while (reader.readRow(&fields)) {
        // Messages name the file and line the way CsvReader's own do.
        const QString where = QStringLiteral("%1: line %2").arg(path).arg(reader.lineNumber());
        if (fields.size() != 2) {
            return fail(QStringLiteral("%1: expected 'class,superclass', got %2 field%3")
                            .arg(where)
                            .arg(fields.size())
                            .arg(fields.size() == 1 ? "" : "s"));
        }
        const QString cls = fields[0].trimmed(), super = fields[1].trimmed();
        const bool header = first && cls == QLatin1String("class") && super == QLatin1String("superclass");
        first = false;
        if (header)
            continue;
        if (cls.isEmpty()) {
            return fail(QStringLiteral("%1: empty class name").arg(where));
        }
        if (map->contains(cls)) {
            return fail(QStringLiteral("%1: class '%2' is listed twice").arg(where, cls));
        }
        if (!checkSuperclass(super, where))
            return false;
        map->insert(cls, super);
    }
    if (reader.hasError())
        return fail(reader.errorString());
    return true;
}

bool SuperclassMap::parse(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map)
{
    const bool json = QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 ||
                      (!path.contains(QLatin1Char('.')) && bytes.trimmed().startsWith('{'));
    return json ? parseJson(bytes, path, map) : parseCsv(bytes, path, map);
}

bool SuperclassMap::read(const QString &path, QHash<QString, QString> *map)
{
    QByteArray bytes;
    InputFile input;
    if (!input.readAll(path, kMaxBytes, &bytes, QStringLiteral("superclass map")))
        return fail(input.errorString());
    return parse(bytes, path, map);
}

QStringList SuperclassMap::missing(const QList<ClassInfo> &classes)
{
    QStringList without;
    for (const ClassInfo &c : classes)
        if (c.superclass.trimmed().isEmpty())
            without << c.name;
    if (without.size() == classes.size())
        return {};
    return without;
}

} // namespace tc::core
