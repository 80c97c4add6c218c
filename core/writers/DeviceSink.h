#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>

namespace tc::core {

// Buffered, error-remembering output to a QIODevice shared by all writers. Small pieces are
// collected in a local buffer (a QIODevice::write per opcode costs a virtual call and, for a
// QFile, a lock); large blocks such as pixel arrays go straight through. After the first
// failure every further write is a no-op, so writers check ok() once at the end.
class DeviceSink final {
public:
    DeviceSink(QIODevice *device, QString name);
    ~DeviceSink();
    DeviceSink(const DeviceSink &) = delete;
    DeviceSink &operator=(const DeviceSink &) = delete;

    void put(char c)
    {
        if (m_buffer.size() >= kFlushAt)
            flush();
        m_buffer.append(c);
    }
    void put(QByteArrayView bytes);
    void putLe16(quint16 v);
    void putLe32(quint32 v);
    void putLe64(quint64 v);

    // Writes the buffer out; false (with errorString()) when the device refused bytes.
    bool flush();
    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    qint64 bytesWritten() const { return m_written + m_buffer.size(); }

private:
    static constexpr qsizetype kFlushAt = 1 << 16;
    void writeRaw(QByteArrayView bytes);

    QIODevice *m_device;
    QString m_name;
    QByteArray m_buffer;
    QString m_error;
    qint64 m_written = 0;
};

// The name writers use for a device in messages: the file name, or a placeholder for buffers.
QString deviceName(const QIODevice *device);

} // namespace tc::core
