#include "core/writers/DeviceSink.h"

#include <QFileDevice>

namespace tc::core {

QString deviceName(const QIODevice *device)
{
    if (const auto *file = qobject_cast<const QFileDevice *>(device))
        return file->fileName();
    return QStringLiteral("<memory buffer>");
}

DeviceSink::DeviceSink(QIODevice *device, QString name) : m_device(device), m_name(std::move(name))
{
    m_buffer.reserve(kFlushAt + 64);
    if (!m_device || !m_device->isWritable())
        m_error = QStringLiteral("%1: not open for writing").arg(m_name);
}

DeviceSink::~DeviceSink()
{
    flush();
}

void DeviceSink::put(QByteArrayView bytes)
{
    if (bytes.size() < 4096) {
        if (m_buffer.size() + bytes.size() > kFlushAt)
            flush();
        m_buffer.append(bytes);
        return;
    }
    flush();
    writeRaw(bytes);
}

void DeviceSink::putLe16(quint16 v)
{
    put(char(v & 0xff));
    put(char(v >> 8));
}

void DeviceSink::putLe32(quint32 v)
{
    for (int i = 0; i < 4; ++i)
        put(char((v >> (8 * i)) & 0xff));
}

void DeviceSink::putLe64(quint64 v)
{
    for (int i = 0; i < 8; ++i)
        put(char((v >> (8 * i)) & 0xff));
}

bool DeviceSink::flush()
{
    if (!m_buffer.isEmpty()) {
        writeRaw(m_buffer);
        m_buffer.clear();
    }
    return ok();
}

void DeviceSink::writeRaw(QByteArrayView bytes)
{
    if (!ok())
        return;
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 n = m_device->write(bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            m_error = QStringLiteral("%1: write failed after %2 bytes (%3)")
                          .arg(m_name)
                          .arg(m_written)
                          .arg(m_device->errorString());
            return;
        }
        done += n;
        m_written += n;
    }
}

} // namespace tc::core
