#include "core/project/ReferenceSets.h"

#include "core/project/Database.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"
#include "core/readers/ImageSetLoader.h"

namespace tc::core {

bool ReferenceSets::fail(const QString &message)
{
    m_error = message;
    return false;
}

qint64 ReferenceSets::add(const QString &name, ReferenceRole role, const QString &path, const Progress &progress)
{
    ImageSet images;
    ImageSetLoader loader;
    if (!loader.load(path, images, progress)) {
        fail(loader.errorString());
        return 0;
    }
    return add(name, role, path, images);
}

qint64 ReferenceSets::add(const QString &name, ReferenceRole role, const QString &sourcePath, const ImageSet &images)
{
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("reference set name is empty")), 0;
    if (find(name))
        return fail(QStringLiteral("%1: a reference set named \"%2\" exists already").arg(m_db.fileName(), name)), 0;
    Transaction tx(m_db);
    Statement set(m_db, QStringLiteral("INSERT INTO reference_sets(name, role, source_path, count, label_names) "
                                       "VALUES(?, ?, ?, ?, ?)"));
    set.bind(1, name).bind(2, roleName(role)).bind(3, sourcePath).bind(4, qint64(images.count()));
    set.bind(5, images.labelNames.join(QLatin1Char('\n')));
    if (!set.exec())
        return fail(set.errorString()), 0;
    const qint64 id = m_db.lastInsertRowId();
    Statement img(m_db, QStringLiteral("INSERT INTO reference_images(set_id, idx, label, pixels) VALUES(?, ?, ?, ?)"));
    for (qsizetype i = 0; i < images.count(); ++i) {
        img.reset();
        img.bind(1, id).bind(2, qint64(i));
        if (size_t(i) < images.labels.size())
            img.bind(3, qint64(images.labels[size_t(i)]));
        else
            img.bindNull(3);
        img.bindBlob(4, std::span<const std::uint8_t>(images.image(i).data(), kImageBytes));
        if (!img.exec())
            return fail(img.errorString()), 0;
    }
    if (!tx.commit())
        return fail(QStringLiteral("%1: %2").arg(m_db.fileName(), m_db.errorString())), 0;
    return id;
}

QList<ReferenceSetInfo> ReferenceSets::list()
{
    QList<ReferenceSetInfo> sets;
    Statement q(m_db, QStringLiteral("SELECT id, name, role, source_path, count, label_names FROM reference_sets "
                                     "ORDER BY id"));
    while (q.next()) {
        ReferenceSetInfo s;
        s.id = q.int64(0);
        s.name = q.text(1);
        s.role = roleFromName(q.text(2)).value_or(ReferenceRole::Exclude);
        s.sourcePath = q.text(3);
        s.count = q.int64(4);
        s.labelNames = q.text(5).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        sets.append(s);
    }
    if (q.hasError())
        fail(q.errorString());
    return sets;
}

std::optional<ReferenceSetInfo> ReferenceSets::find(const QString &name)
{
    for (const auto &s : list())
        if (s.name == name)
            return s;
    return std::nullopt;
}

bool ReferenceSets::pixels(qint64 setId, std::vector<std::uint8_t> *pixels)
{
    pixels->clear();
    Statement q(m_db, QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ? ORDER BY idx"));
    q.bind(1, setId);
    while (q.next()) {
        const auto bytes = q.blobView(0);
        if (bytes.size() != size_t(kImageBytes))
            return fail(
                QStringLiteral("%1: reference image of set %2 is not 3072 bytes").arg(m_db.fileName()).arg(setId));
        pixels->insert(pixels->end(), bytes.begin(), bytes.end());
    }
    return !q.hasError() || fail(q.errorString());
}

bool ReferenceSets::forEachImage(qint64 setId, const std::function<bool(std::span<const std::uint8_t>)> &visit)
{
    Statement q(m_db, QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ?1"));
    q.bind(1, setId);
    while (q.next())
        if (!visit(q.blobView(0)))
            break;
    return !q.hasError() || fail(q.errorString());
}

QByteArray ReferenceSets::image(qint64 setId, qint32 refIndex)
{
    Statement q(m_db, QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ? AND idx = ?"));
    q.bind(1, setId).bind(2, qint64(refIndex));
    return q.next() ? q.blob(0) : QByteArray();
}

int ReferenceSets::label(qint64 setId, qint32 refIndex)
{
    Statement q(m_db, QStringLiteral("SELECT label FROM reference_images WHERE set_id = ? AND idx = ?"));
    q.bind(1, setId).bind(2, qint64(refIndex));
    return q.next() && !q.isNull(0) ? int(q.int64(0)) : -1;
}

} // namespace tc::core
