#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace tc::core {

// Read-only zip archive held in memory (the .npz container): stored and deflated members,
// zip64 sizes and offsets. Every size and offset from the directory is checked against the
// archive before use, and a deflated member's claimed size against hard limits before anything is
// allocated for it (kMaxMemberBytes, kMaxRatio): an npz of a few MB never makes us allocate GBs.
class ZipArchive final {
public:
    // The largest member inflated (4 GiB: 1.4 million 32x32 RGB images, far beyond any dataset
    // this tool handles in one array).
    static constexpr quint64 kMaxMemberBytes = quint64(4) << 30;
    // Above kRatioFreeBytes, a deflated member may expand at most kMaxRatio times: natural images
    // compress about 1.1-3:1, and only data of (nearly) one repeated byte reaches deflate's 1032:1.
    static constexpr quint64 kRatioFreeBytes = quint64(64) << 20;
    static constexpr quint64 kMaxRatio = 100;

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
