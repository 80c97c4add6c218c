#pragma once

#include "core/writers/DeviceSink.h"
#include "core/writers/NpyWriter.h"

#include <QIODevice>
#include <QString>
#include <vector>

namespace tc::core {

// Writes a NumPy .npz: a zip archive of stored (uncompressed) `<name>.npy` members, the form
// np.savez produces. Members carry fixed timestamps (1980-01-01) so identical inputs give
// byte-identical archives. Offsets are counted from where the writer starts, so the device must
// be positioned at its beginning. Members and archive stay under 4 GiB (no zip64): far above
// what a CIFAR-style export needs (60,000 images are 184 MB).
class NpzWriter final {
public:
    explicit NpzWriter(QIODevice *device);
    bool add(const QString &name, const NpyArray &array); // name without ".npy"
    bool finish();                                        // central directory
    QString errorString() const { return m_error.isEmpty() ? m_sink.errorString() : m_error; }

private:
    struct Entry {
        QByteArray name;
        quint32 crc = 0;
        quint32 size = 0;
        quint32 offset = 0;
    };
    void localHeader(const Entry &e);
    void centralHeader(const Entry &e);
    bool fail(const QString &problem);

    DeviceSink m_sink;
    QString m_deviceName;
    std::vector<Entry> m_entries;
    QString m_error;
};

} // namespace tc::core
