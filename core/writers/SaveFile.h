#pragma once

#include <QString>

#include <functional>

class QIODevice;

namespace tc::core {

// Writes a file all or nothing (QSaveFile): `write` fills the device; the file appears under `path`
// only when it returned true and the commit succeeded. On failure *error names the file, unless
// `write` already set it (writers keep their own errorString()).
bool saveFile(const QString &path, const std::function<bool(QIODevice *)> &write, QString *error);

} // namespace tc::core
