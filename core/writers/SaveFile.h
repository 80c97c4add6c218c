#pragma once

#include <QString>
#include <functional>

class QIODevice;

namespace tc::core {

// Writes a file all or nothing (QSaveFile): `write` fills the device; the file appears under `path`
// only when it returned true and the commit succeeded. False with errorString() naming the file when
// it cannot be created or committed; when `write` fails, errorString() is empty (writers keep their
// own errorString(), which says more).
class SaveFile final {
public:
    bool save(const QString &path, const std::function<bool(QIODevice *)> &write);
    // For a writer with an errorString() of its own: saves as above; on failure `error` gets the
    // file's error, or keeps what `write` put there when it was `write` that failed.
    static bool save(const QString &path, const std::function<bool(QIODevice *)> &write, QString &error);
    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace tc::core
