#include "core/readers/PickleReader.h"

#include "core/readers/InputFile.h"
#include "core/readers/PickleParser.h"
#include "core/readers/ReadError.h"

#include <QFile>

namespace tc::core {

bool PickleReader::readFile(const QString &path)
{
    m_result.reset();
    QFile file;
    InputFile input;
    if (!input.open(file, path)) {
        m_error = input.errorString();
        return false;
    }
    if (file.size() > m_limits.maxFileBytes) {
        m_error = fileError(
            path,
            QStringLiteral("file of %1 bytes exceeds the %2-byte limit").arg(file.size()).arg(m_limits.maxFileBytes));
        return false;
    }
    if (file.size() == 0)
        return parse(QByteArrayView(), path);
    // Parse straight from the page cache: the bulk data is then copied once, into its value.
    if (const uchar *mapped = file.map(0, file.size()))
        return parse(QByteArrayView(mapped, file.size()), path);
    const QByteArray data = file.readAll();
    if (data.size() != file.size()) {
        m_error = fileError(path, QStringLiteral("read error: %1").arg(file.errorString()));
        return false;
    }
    return parse(data, path);
}

bool PickleReader::parse(QByteArrayView data, const QString &name)
{
    m_result.reset();
    m_error.clear();
    PickleParser parser(data, name, m_py2Strings, m_limits);
    if (!parser.run()) {
        m_error = parser.errorString();
        return false;
    }
    m_result = parser.result();
    return true;
}

} // namespace tc::core
