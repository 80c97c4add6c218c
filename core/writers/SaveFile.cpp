#include "core/writers/SaveFile.h"

#include <QSaveFile>

namespace tc::core {

bool SaveFile::save(const QString &path, const std::function<bool(QIODevice *)> &write)
{
    m_error.clear();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("%1: cannot create (%2)").arg(path, file.errorString());
        return false;
    }
    if (!write(&file))
        return false;
    if (!file.commit()) {
        m_error = QStringLiteral("%1: cannot save (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SaveFile::save(const QString &path, const std::function<bool(QIODevice *)> &write, QString &error)
{
    SaveFile file;
    if (file.save(path, write))
        return true;
    if (!file.errorString().isEmpty())
        error = file.errorString();
    return false;
}

} // namespace tc::core
