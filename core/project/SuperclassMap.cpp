#include "core/project/SuperclassMap.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace tc::core {

bool SuperclassMap::parseJson(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map,
                              QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error =
            QStringLiteral("%1: not a JSON object of class -> superclass (%2)").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString() && !it.value().isNull()) {
            *error = QStringLiteral("%1: class '%2': superclass is not a string or null").arg(path, it.key());
            return false;
        }
        map->insert(it.key(), it.value().toString());
    }
    return true;
}

bool SuperclassMap::parseCsv(const QByteArray &bytes, const QString &path, QHash<QString, QString> *map, QString *error)
{
    const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty())
            continue;
        QStringList fields{QString()};
        bool quoted = false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line[i];
            if (quoted && c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"'))
                fields.last() += c, ++i;
            else if (c == QLatin1Char('"'))
                quoted = !quoted;
            else if (c == QLatin1Char(',') && !quoted)
                fields << QString();
            else
                fields.last() += c;
        }
        if (quoted || fields.size() != 2) {
            *error = QStringLiteral("%1:%2: expected 'class,superclass'").arg(path).arg(n + 1);
            return false;
        }
        const QString cls = fields[0].trimmed();
        if (map->isEmpty() && cls == QLatin1String("class") && fields[1].trimmed() == QLatin1String("superclass"))
            continue;
        if (cls.isEmpty()) {
            *error = QStringLiteral("%1:%2: empty class name").arg(path).arg(n + 1);
            return false;
        }
        map->insert(cls, fields[1].trimmed());
    }
    return true;
}

bool SuperclassMap::read(const QString &path, QHash<QString, QString> *map, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open (%2)").arg(path, f.errorString());
        return false;
    }
    if (f.size() > kMaxBytes) {
        *error = QStringLiteral("%1: too large for a superclass map (%2 bytes)").arg(path).arg(f.size());
        return false;
    }
    const QByteArray bytes = f.readAll();
    return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0
               ? parseJson(bytes, path, map, error)
               : parseCsv(bytes, path, map, error);
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
