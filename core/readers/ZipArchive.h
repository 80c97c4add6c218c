#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace tc::core {

// Read-only zip archive held in memory (the .npz container): stored and deflated members,
// zip64 sizes and offsets. Every size and offset from the directory is checked against the
// archive before use; a member's claimed size is bounded by what deflate can expand to.
class ZipArchive final {
public:
    bool open(const QString &path);
    bool openData(const QByteArray &data, const QString &name);
    QStringList names() const;
    bool contains(const QString &member) const;
    // Member bytes, CRC-checked.
    bool read(const QString &member, QByteArray *out);
    QString errorString() const { return m_error; }

    static bool hasMagic(const QByteArray &head)
    {
        return head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06");
    }

private:
    struct Entry {
        QString name;
        int method = 0;
        quint32 crc = 0;
        quint64 compressedSize = 0;
        quint64 size = 0;
        quint64 localOffset = 0;
    };
    bool fail(const QString &problem);
    bool findDirectory(quint64 *count, quint64 *offset, quint64 *size);
    bool parseDirectory(quint64 count, quint64 offset, quint64 size);
    bool applyZip64(const QByteArray &extra, Entry &e);
    bool inflate(const Entry &e, const char *src, QByteArray *out);

    QString m_name;
    QByteArray m_data;
    std::vector<Entry> m_entries;
    QString m_error;
};

} // namespace tc::core
