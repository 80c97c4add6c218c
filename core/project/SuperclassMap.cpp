#include "core/project/SuperclassMap.h"

#include "core/common/Csv.h"
#include "core/readers/InputFile.h"
#include "core/readers/KeywordCatalog.h"
#include "core/readers/StrictJson.h"

#include <QBuffer>
#include <QFileInfo>
#include <QStringList>

namespace tc::core {

namespace {

// A superclass name follows the rule of every class-like name (KeywordCatalog::nameProblem); an
// empty one clears.
bool checkSuperclass(const QString &super, const QString &where, QString *error)
{
    if (super.isEmpty())
        return true;
    if (const QString why = KeywordCatalog::nameProblem(super); !why.isEmpty()) {
        *error = QStringLiteral("%1: superclass %2 is not a usable name (%3)").arg(where, StrictJson::quoted(super), why);
        return false;
    }
    return true;
}

} // namespace

bool SuperclassMap::parseJson(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map,
                              QString *error)
{
    JsonValue root;
    QString problem;
    if (!StrictJson::parse(bytes, &root, &problem)) {
        *error = QStringLiteral("%1: %2").arg(path, problem);
        return false;
    }
    if (!root.isObject()) {
        *error = QStringLiteral("%1: not a JSON object of class -> superclass").arg(path);
        return false;
    }
    for (const auto &[key, value] : root.members) {
        if (!value.isString() && value.type != JsonValue::Type::Null) {
            *error = QStringLiteral("%1: class '%2': superclass is not a string or null").arg(path, key);
            return false;
        }
        const QString cls = key.trimmed(), super = value.text.trimmed();
        if (cls.isEmpty() || map->contains(cls)) {
            *error = QStringLiteral("%1: class '%2' is %3")
                         .arg(path, key, cls.isEmpty() ? QStringLiteral("empty") : QStringLiteral("listed twice"));
            return false;
        }
        if (!checkSuperclass(super, QStringLiteral("%1: class '%2'").arg(path, cls), error))
            return false;
        map->insert(cls, super);
    }
    return true;
}

bool SuperclassMap::parseCsv(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map, QString *error)
{
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
            *error = QStringLiteral("%1: expected 'class,superclass', got %2 field%3")
                         .arg(where)
                         .arg(fields.size())
                         .arg(fields.size() == 1 ? "" : "s");
            return false;
        }
        const QString cls = fields[0].trimmed(), super = fields[1].trimmed();
        const bool header = first && cls == QLatin1String("class") && super == QLatin1String("superclass");
        first = false;
        if (header)
            continue;
        if (cls.isEmpty()) {
            *error = QStringLiteral("%1: empty class name").arg(where);
            return false;
        }
        if (map->contains(cls)) {
            *error = QStringLiteral("%1: class '%2' is listed twice").arg(where, cls);
            return false;
        }
        if (!checkSuperclass(super, where, error))
            return false;
        map->insert(cls, super);
    }
    if (reader.hasError()) {
        *error = reader.errorString();
        return false;
    }
    return true;
}

bool SuperclassMap::parse(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map, QString *error)
{
    const bool json = QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 ||
                      (!path.contains(QLatin1Char('.')) && bytes.trimmed().startsWith('{'));
    return json ? parseJson(bytes, path, map, error) : parseCsv(bytes, path, map, error);
}

bool SuperclassMap::read(const QString &path, QHash<QString, QString> *map, QString *error)
{
    QByteArray bytes;
    if (!InputFile::readAll(path, kMaxBytes, &bytes, error, QStringLiteral("superclass map")))
        return false;
    return parse(bytes, path, map, error);
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
