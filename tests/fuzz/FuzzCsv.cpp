// libFuzzer target: CsvReader (core/common/Csv.h), THE reader of every CSV the product reads, on
// arbitrary bytes. Contract: an error always says which line; a field never exceeds kMaxFieldBytes
// and a record never kMaxFields; and whatever was read writes back through CsvWriter to bytes that
// read back as the same records (the writer quotes what the reader would split).
#include "FuzzSupport.h"
#include "core/common/Csv.h"

#include <QBuffer>

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = tc::fuzz::bytes(data, size);
    QBuffer device;
    device.setData(bytes);
    device.open(QIODevice::ReadOnly);
    CsvReader reader(&device, QStringLiteral("fuzz.csv"));
    QList<QStringList> rows;
    QStringList fields;
    qint64 lastLine = 0;
    while (reader.readRow(&fields)) {
        if (fields.isEmpty() || fields.size() > CsvReader::kMaxFields || reader.lineNumber() <= lastLine)
            abort(); // a record has a field; line numbers only grow
        for (const QString &f : fields)
            if (f.toUtf8().size() > CsvReader::kMaxFieldBytes)
                abort();
        lastLine = reader.lineNumber();
        rows.append(fields);
    }
    if (reader.hasError()) {
        if (!reader.errorString().startsWith(QLatin1String("fuzz.csv: line ")))
            abort();
        return 0;
    }
    // Round trip of everything that was read.
    QByteArray written;
    QBuffer out(&written);
    out.open(QIODevice::WriteOnly);
    CsvWriter writer(&out, QStringLiteral("out"));
    for (const QStringList &row : rows)
        if (!writer.writeRow(row))
            abort();
    out.close();
    QList<QStringList> back;
    QBuffer in(&written);
    in.open(QIODevice::ReadOnly);
    CsvReader backReader(&in, QStringLiteral("back"));
    if (!backReader.readAll(&back) || back != rows)
        abort();
    return 0;
}
