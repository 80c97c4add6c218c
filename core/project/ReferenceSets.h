#pragma once

#include "core/common/ImageSet.h"
#include "core/common/Progress.h"
#include "core/project/DedupTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace tc::core {

class Database;

// The reference sets of a project (tables reference_sets, reference_images): the CIFAR-10 / CIFAR-10.1
// test sets and the like that candidates are compared with. Works on a Database it does not own; not
// thread-safe, like the Database.
class ReferenceSets final {
public:
    explicit ReferenceSets(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    // Loads path with ImageSetLoader (a CIFAR batch or a whole cifar-10-batches-* folder, npy/npz,
    // an image folder) and stores it as set `name`. Returns the set id, 0 on error.
    qint64 add(const QString &name, ReferenceRole role, const QString &path, const Progress &progress = {});
    // Stores images as set `name` in one transaction; refuses an empty or taken name. 0 on error.
    qint64 add(const QString &name, ReferenceRole role, const QString &sourcePath, const ImageSet &images);
    QList<ReferenceSetInfo> list();
    std::optional<ReferenceSetInfo> find(const QString &name);
    // All pixels of a set, idx order (count x 3072 bytes).
    bool pixels(qint64 setId, std::vector<std::uint8_t> *pixels);
    // Every image of a set as stored (idx order not promised); stops when visit returns false.
    // The span is valid during the callback only.
    bool forEachImage(qint64 setId, const std::function<bool(std::span<const std::uint8_t>)> &visit);
    // One image's 3072 bytes; empty when there is no such image.
    QByteArray image(qint64 setId, qint32 refIndex);
    // The label of one image (-1: none or no such image).
    int label(qint64 setId, qint32 refIndex);

private:
    bool fail(const QString &message);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
